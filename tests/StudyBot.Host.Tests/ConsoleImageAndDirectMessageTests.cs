using StudyBot.Core.Commands;
using StudyBot.Core.Delivery;
using StudyBot.Core.Persistence;
using StudyBot.Host.ConsoleChat;

namespace StudyBot.Host.Tests;

/// <summary>The console's side of the chart (its alt text) and of a reminder (a direct message to one member).</summary>
public sealed class ConsoleImageAndDirectMessageTests
{
    [Fact]
    public void An_image_prints_as_its_alt_text()
    {
        var reply = new ReplyBuilder().Paragraph("before").Block(new ImageBlock([0x89, 0x50], "chart.png", "Check-ins per day: Mon 03-02: 2")).Build();

        Assert.Contains("[chart: Check-ins per day: Mon 03-02: 2]", ConsoleRenderer.Render(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_direct_message_is_printed_addressed_to_the_member()
    {
        using var output = new StringWriter();
        var senders = new ChatSenders([new ConsoleChatSender(output)]);

        var result = await senders.SendDirectAsync(Platform.Console, new SenderRef("ana", "Ana", "en", false), Reply.Text("⏰ You haven't checked in today."), CancellationToken.None);

        Assert.True(result.Delivered);
        Assert.Contains("direct message to Ana", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("You haven't checked in today.", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_platform_without_a_sender_or_without_direct_messages_is_reported_not_thrown()
    {
        var none = await new ChatSenders([]).SendDirectAsync(Platform.Telegram, new SenderRef("1", "x", null, false), Reply.Text("x"), CancellationToken.None);
        var unsupported = await new ChatSenders([new ChatOnlySender()]).SendDirectAsync(Platform.Discord, new SenderRef("1", "x", null, false), Reply.Text("x"), CancellationToken.None);

        Assert.True(none.Permanent);
        Assert.False(unsupported.Delivered);
        Assert.True(unsupported.Permanent);
    }

    private sealed class ChatOnlySender : IChatSender
    {
        public Platform Platform => Platform.Discord;

        public Task<SendResult> SendAsync(ChatRef chat, SenderRef? recipient, Reply reply, CancellationToken cancellationToken) => Task.FromResult(SendResult.Ok);
    }
}

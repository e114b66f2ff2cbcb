using Microsoft.Extensions.Logging.Abstractions;
using StudyBot.Core.Commands;
using StudyBot.Core.Delivery;
using StudyBot.Core.Persistence;
using StudyBot.Discord.Delivery;
using StudyBot.Discord.Tests.Fakes;

namespace StudyBot.Discord.Tests.Api;

/// <summary>Reminders as Discord direct messages: open the DM channel, then post there; 403 → unreachable.</summary>
public sealed class DirectMessageTests
{
    private static readonly SenderRef Ana = new("500000000000000001", "ana", "zh", false);

    private static ChatSenders Senders(RestClientFixture fixture) =>
        new([new DiscordChatSender(fixture.Client, new RecentInteractions(TimeProvider.System), NullLogger<DiscordChatSender>.Instance)]);

    [Fact]
    public async Task A_direct_message_opens_the_dm_channel_then_posts_there()
    {
        await using var fixture = await RestClientFixture.StartAsync();

        var result = await Senders(fixture).SendDirectAsync(Platform.Discord, Ana, new ReplyBuilder().Heading("⏰ 晚间提醒").Paragraph("你今天还没有打卡。").Build(), CancellationToken.None);

        Assert.True(result.Delivered);
        var open = Assert.Single(fixture.Discord.RequestsTo("users/@me/channels"));
        Assert.Equal("POST", open.Method);
        Assert.Equal("500000000000000001", open.Json!["recipient_id"]!.GetValue<string>());
        Assert.Equal("Bot test-bot-token", open.Headers["Authorization"]);
        var post = Assert.Single(fixture.Discord.RequestsTo($"channels/{FakeDiscordServer.DirectMessageChannelFor(Ana.ExternalId)}/messages"));
        Assert.Equal("⏰ 晚间提醒", post.Json!["embeds"]![0]!["title"]!.GetValue<string>());
        Assert.Equal(2, fixture.Discord.Requests.Count);
    }

    [Fact]
    public async Task A_member_who_closed_direct_messages_is_unreachable_and_the_failure_permanent()
    {
        await using var fixture = await RestClientFixture.StartAsync();
        fixture.Discord.Script(new ScriptedResponse("/messages", 403, """{"message":"Cannot send messages to this user","code":50007}"""));

        var result = await Senders(fixture).SendDirectAsync(Platform.Discord, Ana, Reply.Text("reminder"), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.True(result.Permanent);
        Assert.True(result.RecipientUnreachable);
        Assert.Contains("50007", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_error_is_retried_later_not_unreachable_and_a_bad_id_costs_no_request()
    {
        await using var fixture = await RestClientFixture.StartAsync();
        fixture.Discord.Script(new ScriptedResponse("users/@me/channels", 500, """{"message":"oops","code":0}"""));

        var failed = await Senders(fixture).SendDirectAsync(Platform.Discord, Ana, Reply.Text("reminder"), CancellationToken.None);
        var bad = await Senders(fixture).SendDirectAsync(Platform.Discord, Ana with { ExternalId = "ana" }, Reply.Text("reminder"), CancellationToken.None);

        Assert.False(failed.Delivered);
        Assert.False(failed.Permanent);
        Assert.False(failed.RecipientUnreachable);
        Assert.True(bad.Permanent);
        Assert.Single(fixture.Discord.Requests);
    }
}

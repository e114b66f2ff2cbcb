using StudyBot.Core.Persistence;
using StudyBot.Telegram.Tests.Fakes;

namespace StudyBot.Telegram.Tests.Flows;

/// <summary>Every member command in a private chat, through the webhook, the real engine and the real client.</summary>
public sealed class PrivateChatFlowTests
{
    private const long Ana = 501;

    [Fact]
    public async Task Start_replies_in_html_with_escaped_names_and_an_inline_keyboard()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);

        await bot.SendAsync(FakeUpdates.PrivateText(Ana, "/start"));

        var sent = await api.WaitForSentAsync(Ana, 1);
        var message = Assert.Single(sent);
        Assert.Equal("html", message.Body["parse_mode"]!.GetValue<string>(), ignoreCase: true);
        Assert.Contains("User501 &lt;Test&gt;", message.Text, StringComparison.Ordinal); // the member's name is escaped
        Assert.DoesNotContain("<Test>", message.Text, StringComparison.Ordinal);
        Assert.Equal(["/today", "/help"], message.ButtonCommands);

        var chat = await bot.FindChatAsync(Ana);
        Assert.NotNull(chat);
        Assert.Equal(ChatKind.Private, chat.Kind);
    }

    [Theory]
    [InlineData("/help", "/setup")]
    [InlineData("/today", "Lesson 1 title")]
    [InlineData("/lesson 1", "Lesson 1 title")]
    [InlineData("/lesson 2", "2")]
    [InlineData("/roadmap", "Basics")]
    [InlineData("/sources", "Attention Is All You Need")]
    [InlineData("/sources rag", "Retrieval-Augmented Generation")]
    [InlineData("/done", "1")]
    [InlineData("/me", "User501")]
    [InlineData("/streak", "0")]
    [InlineData("/leaderboard", "")]
    [InlineData("/setup", "track=full")]
    [InlineData("/pause", "")]
    [InlineData("/answer 1", "")]
    [InlineData("/nonsense", "nonsense")]
    public async Task Each_command_gets_a_reply_in_the_private_chat(string command, string expected)
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);

        await bot.SendAsync(FakeUpdates.PrivateText(Ana, command));

        var sent = await api.WaitForSentAsync(Ana, 1);
        var text = string.Join("\n", sent.Select(s => s.Text));
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.All(sent, s => Assert.True(s.Text.Length <= 4096));
    }

    [Fact]
    public async Task Lang_zh_switches_the_member_to_chinese_and_telegram_language_is_the_default()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);

        await bot.SendAsync(FakeUpdates.PrivateText(Ana, "/today", language: "zh-hans"));
        var first = await api.WaitForSentAsync(Ana, 1);
        Assert.Contains("第1课标题", first[0].Text, StringComparison.Ordinal);

        await bot.SendAsync(FakeUpdates.PrivateText(Ana, "/lang en", language: "zh-hans"));
        await bot.SendAsync(FakeUpdates.PrivateText(Ana, "/today", language: "zh-hans"));
        var all = await api.WaitForSentAsync(Ana, 3);
        Assert.Contains("Lesson 1 title", all[2].Text, StringComparison.Ordinal);
    }
}

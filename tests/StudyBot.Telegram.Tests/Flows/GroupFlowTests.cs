using StudyBot.Core.Persistence;
using StudyBot.Telegram.Tests.Fakes;

namespace StudyBot.Telegram.Tests.Flows;

/// <summary>Commands in a group: addressing (/cmd@BotName), admin rights from getChatMember, replies threaded to the command.</summary>
public sealed class GroupFlowTests
{
    private const long Group = -100_200_300;
    private const long Ana = 601;
    private const long Ben = 602;

    // Telegram allows ~20 messages a minute in a group; a test sending a dozen replies lifts that.
    private static readonly Dictionary<string, string?> FastGroups = new() { ["Telegram:Limits:GroupPerMinute"] = "6000" };

    [Theory]
    [InlineData("/today")]
    [InlineData("/today@StudyBot")]
    [InlineData("/TODAY@studybot")]
    public async Task Today_in_a_group_replies_to_the_command(string command)
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);
        await bot.StartupDone; // getMe has told the bot its @username

        await bot.SendAsync(FakeUpdates.GroupText(Group, Ana, command, messageId: 77));

        var sent = await api.WaitForSentAsync(Group, 1);
        Assert.Contains("Lesson 1 title", sent[0].Text, StringComparison.Ordinal);
        Assert.Equal(77, sent[0].ReplyToMessageId);
        Assert.Equal(["/quiz", "/done", "/sources"], sent[^1].ButtonCommands);
        var chat = await bot.FindChatAsync(Group);
        Assert.Equal(ChatKind.Group, chat!.Kind);
        Assert.Equal("LLM study <group>", chat.Title);
    }

    [Theory]
    [InlineData("/today@OtherBot")]
    [InlineData("/weather")] // another bot's command, not addressed to us
    [InlineData("hello everyone")]
    public async Task Messages_not_for_the_bot_are_ignored_in_groups(string text)
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);
        await bot.StartupDone;

        await bot.SendAsync(FakeUpdates.GroupText(Group, Ana, text));
        await bot.SendAsync(FakeUpdates.GroupText(Group, Ana, "/help")); // a marker: replies go out in order

        var sent = await api.WaitForSentAsync(Group, 1);
        await Task.Delay(200);
        Assert.Single(api.Sent(Group));
        Assert.Contains("/start", sent[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_command_addressed_to_the_bot_gets_an_answer()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);
        await bot.StartupDone;

        await bot.SendAsync(FakeUpdates.GroupText(Group, Ana, "/weather@StudyBot"));

        var sent = await api.WaitForSentAsync(Group, 1);
        Assert.Contains("weather", sent[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_commands_need_a_chat_administrator_and_the_verdict_is_cached()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.MemberStatus[(Group, Ana)] = "administrator";
        await using var bot = await TelegramTestBot.StartAsync(api);

        await bot.SendAsync(FakeUpdates.GroupText(Group, Ben, "/pause"));
        var refused = await api.WaitForSentAsync(Group, 1);
        Assert.DoesNotContain("⏸", refused[0].Text, StringComparison.Ordinal);
        Assert.False((await bot.FindChatAsync(Group))!.Paused);

        await bot.SendAsync(FakeUpdates.GroupText(Group, Ana, "/pause"));
        await api.WaitForSentAsync(Group, 2);
        Assert.True((await bot.FindChatAsync(Group))!.Paused);

        await bot.SendAsync(FakeUpdates.GroupText(Group, Ana, "/setup tz=Asia/Shanghai"));
        await api.WaitForSentAsync(Group, 3);
        Assert.Equal("Asia/Shanghai", (await bot.FindChatAsync(Group))!.TimeZone);

        // One getChatMember per member: Ana's second admin command used the cached verdict.
        Assert.Equal(2, api.CallsTo("getChatMember").Count);
    }

    [Fact]
    public async Task Creator_is_an_admin_and_a_failed_lookup_is_not()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.MemberStatus[(Group, Ana)] = "creator";
        api.FailNext("getChatMember", new InjectedFailure(400, "Bad Request: user not found"));
        await using var bot = await TelegramTestBot.StartAsync(api);

        await bot.SendAsync(FakeUpdates.GroupText(Group, Ana, "/resume")); // lookup fails: treated as a member
        await api.WaitForSentAsync(Group, 1);
        await bot.SendAsync(FakeUpdates.GroupText(Group, Ana, "/pause")); // asked again: creator
        await api.WaitForSentAsync(Group, 2);

        Assert.True((await bot.FindChatAsync(Group))!.Paused);
        Assert.Contains(bot.Logs.Warnings, w => w.Contains("getChatMember failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_anonymous_administrator_posting_as_the_group_is_an_admin()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);

        await bot.SendAsync(FakeUpdates.AnonymousAdminText(Group, "/pause"));

        await api.WaitForSentAsync(Group, 1);
        Assert.True((await bot.FindChatAsync(Group))!.Paused);
        Assert.Empty(api.CallsTo("getChatMember"));
    }

    [Fact]
    public async Task Other_bots_messages_are_ignored()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);
        var fromBot = FakeUpdates.GroupText(Group, Ana, "/today").Replace("\"is_bot\":false", "\"is_bot\":true", StringComparison.Ordinal);

        await bot.SendAsync(fromBot);
        await bot.SendAsync(FakeUpdates.GroupText(Group, Ana, "/help"));

        var sent = await api.WaitForSentAsync(Group, 1);
        await Task.Delay(200);
        Assert.Single(api.Sent(Group));
        Assert.DoesNotContain("Lesson 1", sent[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_member_command_works_in_a_group()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api, settings: FastGroups);
        string[] commands = ["/start", "/help", "/today", "/lesson 1", "/roadmap", "/sources", "/sources rag", "/done", "/me", "/streak", "/leaderboard", "/lang zh", "/quiz"];
        foreach (var command in commands)
        {
            await bot.SendAsync(FakeUpdates.GroupText(Group, Ana, command));
        }

        var sent = await api.WaitForSentAsync(Group, commands.Length + 1); // /quiz: a heading, then the poll
        Assert.All(sent, s => Assert.True(s.Text.Length <= 4096));
        Assert.Contains(sent, s => s.Text.Contains("Attention Is All You Need", StringComparison.Ordinal));
        Assert.Contains(sent, s => s.Method == "sendPoll");
    }
}

using StudyBot.Telegram.Tests.Fakes;

namespace StudyBot.Telegram.Tests.Flows;

/// <summary>Inline keyboard presses run their command, and every press is answered with answerCallbackQuery.</summary>
public sealed class CallbackTests
{
    private const long Ana = 801;
    private const long Group = -100_800;

    [Fact]
    public async Task Done_button_checks_in_and_the_callback_is_answered()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);

        await bot.SendAsync(FakeUpdates.Callback(Ana, Ana, "/done"));

        var sent = await api.WaitForSentAsync(Ana, 1);
        Assert.Contains("1", sent[0].Text, StringComparison.Ordinal);
        await api.WaitForAsync(calls => calls.Any(c => c.Method == "answerCallbackQuery"), what: "answerCallbackQuery");
        await using var db = bot.Db();
        Assert.Single(db.CheckIns);
    }

    [Fact]
    public async Task Quiz_button_in_a_group_mentions_who_pressed_it()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);

        await bot.SendAsync(FakeUpdates.Callback(Group, Ana, "/quiz", group: true));

        var sent = await api.WaitForSentAsync(Group, 2);
        Assert.Contains("tg://user?id=801", sent[0].Text, StringComparison.Ordinal);
        Assert.Equal("sendPoll", sent[1].Method);
        await api.WaitForAsync(calls => calls.Any(c => c.Method == "answerCallbackQuery"), what: "answerCallbackQuery");
    }

    [Theory]
    [InlineData("not a command")]
    [InlineData("")]
    public async Task Callbacks_that_are_not_commands_are_still_answered(string data)
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);

        await bot.SendAsync(FakeUpdates.Callback(Ana, Ana, data));

        await api.WaitForAsync(calls => calls.Any(c => c.Method == "answerCallbackQuery"), what: "answerCallbackQuery");
        Assert.Empty(api.Sent(Ana));
    }

    [Fact]
    public async Task A_failing_answer_callback_query_is_logged_not_fatal()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.FailNext("answerCallbackQuery", new InjectedFailure(400, "Bad Request: query is too old"));
        await using var bot = await TelegramTestBot.StartAsync(api);

        await bot.SendAsync(FakeUpdates.Callback(Ana, Ana, "/today"));

        await api.WaitForSentAsync(Ana, 1);
        await api.WaitForAsync(_ => bot.Logs.Warnings.Any(w => w.Contains("answerCallbackQuery", StringComparison.Ordinal)), what: "the warning");
    }
}

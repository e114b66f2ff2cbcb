using System.Globalization;
using System.Net;
using StudyBot.Telegram.Tests.Fakes;

namespace StudyBot.Telegram.Tests.Webhook;

/// <summary>
/// A chat waiting out a 429 retry_after does not hold the other chats of its claim: they are handled meanwhile, and
/// the waiting chat's updates are handled once, in order, when Telegram lets the bot send again.
/// </summary>
public sealed class SlowChatTests
{
    private const long Limited = 2501;
    private const long Ben = 2502;
    private const long Cleo = 2503;

    // Well over MaxReplyWait; with 20 attempts the outbox keeps the reply for about a minute of 429s, however slow
    // the machine is while the test keeps the switch on.
    private const int RetryAfterSeconds = 3;

    [Fact]
    public async Task Other_chats_are_handled_while_one_chat_waits_out_a_429_and_its_updates_follow_once_in_order()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api, settings: Settings());
        await bot.StartupDone;
        api.RateLimitedChats[Limited] = RetryAfterSeconds;

        string[] updates =
        [
            FakeUpdates.PrivateText(Limited, "/today"),
            FakeUpdates.PrivateText(Ben, "/today"),
            FakeUpdates.PrivateText(Cleo, "/today"),
            FakeUpdates.PrivateText(Limited, "/help"),
        ];
        foreach (var update in updates)
        {
            await PostAsync(bot, update);
        }

        // Ben and Cleo get their replies while the limited chat is still refused.
        await bot.WaitUntilHandledAsync(TelegramTestBot.UpdateId(updates[1]));
        await bot.WaitUntilHandledAsync(TelegramTestBot.UpdateId(updates[2]));
        Assert.Single(api.Sent(Ben));
        Assert.Single(api.Sent(Cleo));
        Assert.Empty(api.Sent(Limited));
        Assert.Contains(api.CallsTo("sendMessage"), c => c.ChatId == Limited && c.Status == 429);
        await using (var db = bot.Db())
        {
            Assert.False(await IsHandledAsync(db, updates[0]));
            Assert.False(await IsHandledAsync(db, updates[3]));
        }

        Assert.Contains(bot.Logs.Lines, l => l.Message.Contains("waits on its own", StringComparison.Ordinal));

        // Telegram lets the bot send again: each of the chat's updates gets its one reply, in order.
        api.RateLimitedChats.TryRemove(Limited, out _);
        await bot.WaitUntilHandledAsync(TelegramTestBot.UpdateId(updates[3]));
        await bot.WaitUntilInboxEmptyAsync();
        var sent = api.Sent(Limited);
        Assert.Equal(2, sent.Count);
        Assert.Contains("Lesson 1 title", sent[0].Text, StringComparison.Ordinal);
        Assert.Contains("/setup", sent[1].Text, StringComparison.Ordinal);
        Assert.Single(api.Sent(Ben));
        Assert.Single(api.Sent(Cleo));
    }

    [Fact]
    public async Task A_second_host_does_not_take_a_chat_held_for_its_replies()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var first = await TelegramTestBot.StartAsync(api, settings: Settings());
        await using var second = await TelegramTestBot.ConnectAsync(api, first.ConnectionString, "Webhook", Settings());
        await first.StartupDone;
        await second.StartupDone;
        api.RateLimitedChats[Limited] = RetryAfterSeconds;

        // The first host holds the limited chat; the second sees its later update and Ben's.
        var today = FakeUpdates.PrivateText(Limited, "/today");
        await PostAsync(first, today);
        await WaitForLogAsync(first, "waits on its own");
        var help = FakeUpdates.PrivateText(Limited, "/help");
        var ben = FakeUpdates.PrivateText(Ben, "/today");
        await PostAsync(second, help);
        await PostAsync(second, ben);

        await second.WaitUntilHandledAsync(TelegramTestBot.UpdateId(ben));
        await using (var db = second.Db())
        {
            Assert.False(await IsHandledAsync(db, today));
            Assert.False(await IsHandledAsync(db, help));
        }

        api.RateLimitedChats.TryRemove(Limited, out _);
        await first.WaitUntilInboxEmptyAsync();
        var sent = api.Sent(Limited);
        Assert.Equal(2, sent.Count); // the held update was not handled by the second host as well
        Assert.Contains("Lesson 1 title", sent[0].Text, StringComparison.Ordinal);
        Assert.Contains("/setup", sent[1].Text, StringComparison.Ordinal);
        Assert.Single(api.Sent(Ben));
    }

    [Fact]
    public async Task A_chat_held_for_its_replies_when_the_host_stops_is_handled_once_after_the_restart()
    {
        await using var api = await FakeBotApi.StartAsync();
        var stopped = await TelegramTestBot.StartAsync(api, settings: Settings());
        await stopped.StartupDone;
        api.RateLimitedChats[Limited] = RetryAfterSeconds;

        var today = FakeUpdates.PrivateText(Limited, "/today");
        await PostAsync(stopped, today);
        await WaitForLogAsync(stopped, "waits on its own");
        await stopped.StopAsync(); // the outbox gives the reply up as the host stops: not handled, not lost
        await using (var db = stopped.Db())
        {
            Assert.False(await IsHandledAsync(db, today));
        }

        Assert.Empty(api.Sent(Limited));
        api.RateLimitedChats.TryRemove(Limited, out _);
        await using var restarted = await TelegramTestBot.ConnectAsync(api, stopped.ConnectionString, "Webhook", Settings());
        await restarted.WaitUntilHandledAsync(TelegramTestBot.UpdateId(today));
        Assert.Contains("Lesson 1 title", Assert.Single(api.Sent(Limited)).Text, StringComparison.Ordinal);
        await stopped.DisposeAsync();
    }

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Telegram:Limits:PrivateChatPerSecond"] = "1000",
        ["Telegram:Limits:GlobalPerSecond"] = "10000",
        ["Telegram:Limits:MaxAttempts"] = "20", // the 429 lasts as long as the test wants; the reply is not given up
        ["Telegram:Inbox:ConcurrentClaims"] = "1", // one claim at a time: a claim held by the slow chat would hold everyone
        ["Telegram:Inbox:MaxReplyWait"] = TimeSpan.FromMilliseconds(200).ToString("c", CultureInfo.InvariantCulture),
    };

    private static async Task PostAsync(TelegramTestBot bot, string update)
    {
        using var response = await bot.PostAsync(update);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task WaitForLogAsync(TelegramTestBot bot, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!bot.Logs.Lines.Any(l => l.Message.Contains(text, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no log line with \"{text}\"");
            await Task.Delay(20);
        }
    }

    private static Task<bool> IsHandledAsync(StudyBot.Core.Persistence.StudyBotDbContext db, string update)
    {
        var id = TelegramTestBot.UpdateId(update);
        return Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(
            db.Set<StudyBot.Core.Persistence.TelegramState.TelegramProcessedUpdate>(), u => u.UpdateId == id && u.HandledAt != null);
    }
}

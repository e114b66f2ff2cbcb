using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Core.Persistence.TelegramState;
using StudyBot.Telegram.Polling;
using StudyBot.Telegram.Tests.Fakes;

namespace StudyBot.Telegram.Tests.Polling;

/// <summary>Long polling: offsets stored in PostgreSQL, one poller across hosts, restarts that neither lose nor repeat.</summary>
public sealed class PollingTests
{
    [Fact]
    public async Task Updates_from_get_updates_are_handled_and_the_offset_is_stored()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api, mode: "Polling");
        var updateId = FakeUpdates.NextId();

        api.QueueUpdate(FakeUpdates.PrivateText(1201, "/today", updateId: updateId));

        var sent = await api.WaitForSentAsync(1201, 1);
        Assert.Contains("Lesson 1 title", sent[0].Text, StringComparison.Ordinal);
        await WaitForOffsetAsync(bot, updateId + 1);
        Assert.Contains(api.Calls, c => c.Method == "deleteWebhook");
        var poll = api.CallsTo("getUpdates")[0];
        Assert.Equal(["message", "callback_query", "poll_answer", "my_chat_member"], poll.Body["allowed_updates"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_polling_neither_loses_nor_repeats_updates()
    {
        await using var api = await FakeBotApi.StartAsync();
        var first = await TelegramTestBot.StartAsync(api, mode: "Polling");
        var users = Enumerable.Range(1300, 12).Select(u => (long)u).ToList();
        foreach (var user in users)
        {
            api.QueueUpdate(FakeUpdates.PrivateText(user, "/start"));
        }

        await api.WaitForAsync(_ => users.Count(u => api.Sent(u).Count > 0) >= 3, what: "a few replies");
        await first.StopAsync(); // mid-stream: some handled, some not
        var handledBefore = users.Count(u => api.Sent(u).Count > 0);

        // The update after the last committed offset was handled but "crashed" before its commit: its claim is there.
        await using var second = await TelegramTestBot.ConnectAsync(api, first.ConnectionString);
        await api.WaitForAsync(_ => users.All(u => api.Sent(u).Count > 0), what: "every update handled");
        await Task.Delay(1500); // a repeat would show up as a second reply

        Assert.All(users, u => Assert.Single(api.Sent(u)));
        Assert.InRange(handledBefore, 3, 12);
        await first.DisposeAsync();
    }

    [Fact]
    public async Task An_update_handled_but_not_committed_before_a_crash_is_not_handled_again()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api, mode: "Polling");
        var handled = FakeUpdates.NextId();
        var next = FakeUpdates.NextId();
        await using (var db = bot.Db())
        {
            // What a poller that died between ProcessAsync and CommitAsync leaves behind: a claim, no offset.
            db.Add(new TelegramProcessedUpdate { BotId = FakeBotApi.BotId, UpdateId = handled, ReceivedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        api.QueueUpdate(FakeUpdates.PrivateText(1401, "/start", updateId: handled));
        api.QueueUpdate(FakeUpdates.PrivateText(1402, "/start", updateId: next));

        await api.WaitForSentAsync(1402, 1);
        await WaitForOffsetAsync(bot, next + 1);
        Assert.Empty(api.Sent(1401));
    }

    [Fact]
    public async Task Only_one_host_polls_and_another_takes_over_when_it_stops()
    {
        await using var api = await FakeBotApi.StartAsync();
        var a = await TelegramTestBot.StartAsync(api, mode: "Polling");
        var b = await TelegramTestBot.ConnectAsync(api, a.ConnectionString);
        try
        {
            var pollers = new[] { a, b };
            await api.WaitForAsync(_ => pollers.Count(IsLeader) == 1 && api.CallsTo("getUpdates").Count >= 2, what: "one leader polling");
            await Task.Delay(1000);
            Assert.Equal(1, pollers.Count(IsLeader));

            var leader = pollers.Single(IsLeader);
            var standby = pollers.Single(p => !IsLeader(p));
            api.QueueUpdate(FakeUpdates.PrivateText(1501, "/start"));
            await api.WaitForSentAsync(1501, 1);

            await leader.StopAsync();
            await api.WaitForAsync(_ => IsLeader(standby), TimeSpan.FromSeconds(10), "the standby to take over");
            api.QueueUpdate(FakeUpdates.PrivateText(1502, "/start"));
            await api.WaitForSentAsync(1502, 1);

            Assert.Single(api.Sent(1501));
            Assert.False(api.ConcurrentPollingSeen, "two hosts polled at the same time");
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
        }
    }

    [Fact]
    public async Task Network_errors_and_server_errors_back_off_and_polling_goes_on()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.FailNext("getUpdates", new InjectedFailure(502, "Bad Gateway", NotJson: true), times: 2);
        api.FailNext("getUpdates", new InjectedFailure(500, "Internal Server Error"));
        api.FailNext("getUpdates", new InjectedFailure(429, "Too Many Requests: retry after 1", RetryAfter: 1));
        await using var bot = await TelegramTestBot.StartAsync(api, mode: "Polling");

        api.QueueUpdate(FakeUpdates.PrivateText(1601, "/start"));

        await api.WaitForSentAsync(1601, 1);
        var failures = api.CallsTo("getUpdates").Take(4).ToList();
        Assert.Equal([502, 502, 500, 429], failures.Select(f => f.Status));
        Assert.True(failures[2].At - failures[1].At > failures[1].At - failures[0].At - TimeSpan.FromMilliseconds(30), "backoff grows");
        Assert.Equal(3, bot.Logs.Warnings.Count(w => w.Contains("getUpdates failed", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_unreachable_bot_api_is_retried_without_ending_the_host()
    {
        await using var api = await FakeBotApi.StartAsync();
        var deadPort = api.BaseUrl.Port;
        await api.DisposeAsync(); // nothing listens there any more
        await using var stand = await FakeBotApi.StartAsync(); // a live fake, only so the harness has one
        await using var bot = await TelegramTestBot.StartAsync(stand, mode: "Polling", settings: new Dictionary<string, string?> { ["Telegram:ApiBaseUrl"] = $"http://127.0.0.1:{deadPort}" });

        await stand.WaitForAsync(_ => bot.Logs.Warnings.Count(w => w.Contains("getUpdates failed", StringComparison.Ordinal)) >= 3, what: "repeated getUpdates failures");

        Assert.True(IsLeader(bot));
        Assert.Contains(bot.Logs.Warnings, w => w.Contains("setMyCommands failed", StringComparison.Ordinal));
    }

    private static bool IsLeader(TelegramTestBot bot) => bot.Services.GetRequiredService<TelegramPoller>().IsLeader;

    private static async Task WaitForOffsetAsync(TelegramTestBot bot, long expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            await using var db = bot.Db();
            var offset = await db.Set<TelegramPollingOffset>().Select(o => (long?)o.NextUpdateId).SingleOrDefaultAsync();
            if (offset == expected)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"offset is {offset}, expected {expected}");
            await Task.Delay(50);
        }
    }
}

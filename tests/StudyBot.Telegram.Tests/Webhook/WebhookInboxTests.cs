using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StudyBot.Core.Persistence;
using StudyBot.Core.Persistence.TelegramState;
using StudyBot.LocalPostgres;
using StudyBot.Telegram.Inbox;
using StudyBot.Telegram.Tests.Fakes;
using StudyBot.Testing;

namespace StudyBot.Telegram.Tests.Webhook;

/// <summary>
/// The webhook inbox: an update is acknowledged only once stored, then handled in the background in order per
/// chat; restarts, second hosts and database outages lose nothing and repeat no reply.
/// </summary>
public sealed class WebhookInboxTests
{
    // Replies in these tests are many and quick; Telegram's per-chat pace would only make them slow.
    private static readonly Dictionary<string, string?> FastSends = new()
    {
        ["Telegram:Limits:PrivateChatPerSecond"] = "1000",
        ["Telegram:Limits:GroupPerMinute"] = "60000",
        ["Telegram:Limits:GlobalPerSecond"] = "10000",
    };

    [Fact]
    public async Task The_update_is_stored_before_the_200_and_marked_handled_after_its_reply_is_sent()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);
        var update = FakeUpdates.PrivateText(2001, "/today");
        var updateId = TelegramTestBot.UpdateId(update);

        using var response = await bot.PostAsync(update);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using (var db = bot.Db())
        {
            var row = await db.Set<TelegramProcessedUpdate>().AsNoTracking().SingleAsync(u => u.UpdateId == updateId);
            Assert.Equal(FakeBotApi.BotId, row.BotId);
            Assert.Equal(updateId, System.Text.Json.JsonDocument.Parse(row.Payload!).RootElement.GetProperty("update_id").GetInt64());
        }

        await bot.WaitUntilHandledAsync(updateId);
        var sent = Assert.Single(api.Sent(2001)); // marked handled only once the reply went out
        Assert.Contains("Lesson 1 title", sent.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_delivered_again_after_it_was_handled_is_not_handled_again()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);
        var update = FakeUpdates.PrivateText(2002, "/done");

        await bot.SendAsync(update);
        using var again = await bot.PostAsync(update);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await bot.WaitUntilInboxEmptyAsync();
        Assert.Single(api.Sent(2002));
        await using var db = bot.Db();
        Assert.Equal(1, await db.CheckIns.CountAsync());
    }

    [Fact]
    public async Task Updates_of_one_chat_are_handled_in_order_while_chats_run_in_parallel()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api, settings: FastSends);
        long[] chats = [2101, 2102, 2103, 2104];
        const int perChat = 12;

        // Posted one after another as Telegram does, without waiting for the handling in between.
        for (var i = 0; i < perChat; i++)
        {
            foreach (var chat in chats)
            {
                using var response = await bot.PostAsync(FakeUpdates.PrivateText(chat, $"/step{i}"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        foreach (var chat in chats)
        {
            var sent = await api.WaitForSentAsync(chat, perChat);
            Assert.Equal(Enumerable.Range(0, perChat).Select(i => $"/step{i}"), sent.Select(s => StepIn(s.Text)));
        }

        await bot.WaitUntilInboxEmptyAsync();
        Assert.All(chats, chat => Assert.Equal(perChat, api.Sent(chat).Count));
    }

    [Fact]
    public async Task During_a_burst_the_inbox_takes_one_claim_per_interval_and_catches_up_once_it_is_over()
    {
        var interval = TimeSpan.FromMilliseconds(400);
        const int claimBatch = 2;
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api, settings: new Dictionary<string, string?>(FastSends)
        {
            ["Telegram:Inbox:ClaimBatch"] = claimBatch.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Telegram:Inbox:BusyClaimInterval"] = interval.ToString(),
        });
        var signal = bot.Services.GetRequiredService<InboxSignal>();
        var inbox = bot.Services.GetRequiredService<InboxProcessor>();
        var chats = Enumerable.Range(2301, 20).Select(c => (long)c).ToArray();

        // A burst as the webhook sees one: many requests waiting for each write.
        using var burstOver = new CancellationTokenSource();
        var burst = Stopwatch.StartNew();
        var busy = Task.Run(async () =>
        {
            while (!burstOver.IsCancellationRequested)
            {
                signal.Stored(8, Stopwatch.GetTimestamp());
                await Task.Delay(20, CancellationToken.None);
            }
        });
        foreach (var chat in chats)
        {
            using var response = await bot.PostAsync(FakeUpdates.PrivateText(chat, "/today"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // The backlog moves during the burst, but by at most one claim per interval.
        var deadline = Stopwatch.StartNew();
        while (inbox.Handled < 2 * claimBatch && deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(20);
        }

        var handledDuringBurst = inbox.Handled;
        var claimsAllowed = 1 + (int)(burst.Elapsed / interval);
        await burstOver.CancelAsync();
        await busy;
        Assert.InRange(handledDuringBurst, 2 * claimBatch, claimBatch * claimsAllowed);

        await bot.WaitUntilInboxEmptyAsync();
        Assert.All(chats, chat => Assert.Single(api.Sent(chat)));
    }

    [Fact]
    public async Task Two_hosts_on_one_database_share_the_inbox_and_reply_once_each_in_order()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var first = await TelegramTestBot.StartAsync(api, settings: FastSends);
        await using var second = await TelegramTestBot.ConnectAsync(api, first.ConnectionString, "Webhook", FastSends);
        long[] chats = [2201, 2202, 2203];
        const int perChat = 10;

        for (var i = 0; i < perChat; i++)
        {
            foreach (var chat in chats)
            {
                // Telegram's retries and load balancers spread updates over hosts; some arrive at both.
                var update = FakeUpdates.PrivateText(chat, $"/step{i}");
                using var response = await (i % 2 == 0 ? first : second).PostAsync(update);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                if (i % 3 == 0)
                {
                    using var duplicate = await (i % 2 == 0 ? second : first).PostAsync(update);
                    Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
                }
            }
        }

        await first.WaitUntilInboxEmptyAsync();
        foreach (var chat in chats)
        {
            var sent = await api.WaitForSentAsync(chat, perChat);
            Assert.Equal(Enumerable.Range(0, perChat).Select(i => $"/step{i}"), sent.Select(s => StepIn(s.Text)));
        }

        await Task.Delay(200); // nothing more may follow
        Assert.All(chats, chat => Assert.Equal(perChat, api.Sent(chat).Count));
    }

    [Fact]
    public async Task Updates_acknowledged_but_not_handled_before_a_crash_are_handled_after_the_restart_with_one_reply_each()
    {
        await using var api = await FakeBotApi.StartAsync();
        var crashed = await TelegramTestBot.StartAsync(api);
        await crashed.StartupDone;

        // Ana's /done was handled but the host died before marking it: her check-in exists, the row still waits.
        var done = FakeUpdates.PrivateText(2301, "/done");
        await crashed.SendAsync(done);
        Assert.Contains("Checked in", Assert.Single(api.Sent(2301)).Text, StringComparison.Ordinal);
        await crashed.StopAsync();
        var connectionString = crashed.ConnectionString;
        await using (var db = crashed.Db())
        {
            var doneId = TelegramTestBot.UpdateId(done);
            await db.Set<TelegramProcessedUpdate>().Where(u => u.UpdateId == doneId).ExecuteUpdateAsync(u => u.SetProperty(p => p.HandledAt, (DateTimeOffset?)null));
        }

        // Three more were acknowledged and never handled; one older update was handled and must stay so.
        string[] waiting = [FakeUpdates.PrivateText(2302, "/today"), FakeUpdates.PrivateText(2303, "/start"), FakeUpdates.PrivateText(2302, "/help")];
        await InsertAsync(connectionString, waiting, handled: false);
        await InsertAsync(connectionString, [FakeUpdates.PrivateText(2304, "/today")], handled: true);

        await using var restarted = await TelegramTestBot.ConnectAsync(api, connectionString, "Webhook");
        await restarted.WaitUntilInboxEmptyAsync();

        Assert.Equal(2, api.Sent(2301).Count);
        Assert.Contains("already checked in", api.Sent(2301)[1].Text, StringComparison.Ordinal);
        var ben = api.Sent(2302);
        Assert.Equal(2, ben.Count);
        Assert.Contains("Lesson 1 title", ben[0].Text, StringComparison.Ordinal); // /today before /help, as they arrived
        Assert.Contains("/setup", ben[1].Text, StringComparison.Ordinal);
        Assert.Single(api.Sent(2303));
        Assert.Empty(api.Sent(2304));
        await using (var db = restarted.Db())
        {
            Assert.Equal(1, await db.CheckIns.CountAsync());
        }

        await crashed.DisposeAsync();
    }

    [Fact]
    public async Task With_the_database_down_the_webhook_answers_503_and_the_update_is_handled_once_it_is_back()
    {
        // A cluster of its own: stopping the shared one would break tests running in parallel.
        var root = Path.Combine(Path.GetTempPath(), "studybot-tg-outage-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var cluster = await LocalCluster.StartAsync(new LocalClusterOptions(root) { Throwaway = true });
            await OutageAsync(cluster);
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static async Task OutageAsync(LocalCluster cluster)
    {
        await StudyBotDatabase.MigrateAsync(cluster.ConnectionString);
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.ConnectAsync(api, cluster.ConnectionString, "Webhook");
        await bot.SendAsync(FakeUpdates.PrivateText(2401, "/start"));

        await cluster.StopAsync();
        var update = FakeUpdates.PrivateText(2401, "/today");
        using (var refused = await bot.PostAsync(update))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }

        await cluster.RestartAsync();

        // Telegram delivers an unacknowledged update again until it gets a 200.
        await RetryUntilOkAsync(bot, update);
        await bot.WaitUntilHandledAsync(TelegramTestBot.UpdateId(update));
        var sent = api.Sent(2401);
        Assert.Equal(2, sent.Count);
        Assert.Contains("Lesson 1 title", sent[1].Text, StringComparison.Ordinal);
    }

    private static async Task RetryUntilOkAsync(TelegramTestBot bot, string update)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var response = await bot.PostAsync(update);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.True(DateTime.UtcNow < deadline, "the webhook did not recover after the database came back");
            await Task.Delay(100);
        }
    }

    private static async Task InsertAsync(string connectionString, IEnumerable<string> updates, bool handled)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var update in updates)
        {
            await using var command = new NpgsqlCommand(
                "INSERT INTO studybot.telegram_processed_updates (bot_id, update_id, received_at, payload, handled_at) VALUES (@bot, @id, now(), @payload, CASE WHEN @handled THEN now() END)",
                connection);
            command.Parameters.AddWithValue("bot", FakeBotApi.BotId);
            command.Parameters.AddWithValue("id", TelegramTestBot.UpdateId(update));
            command.Parameters.AddWithValue("payload", update);
            command.Parameters.AddWithValue("handled", handled);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The unknown command a reply names ("I don't know /step3").</summary>
    private static string StepIn(string text) =>
        System.Text.RegularExpressions.Regex.Match(text, "/step[0-9]+").Value;
}

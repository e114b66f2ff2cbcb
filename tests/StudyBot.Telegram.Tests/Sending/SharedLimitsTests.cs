using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using StudyBot.Core.Commands;
using StudyBot.Core.Delivery;
using StudyBot.Core.Persistence;
using StudyBot.Telegram.Tests.Fakes;

namespace StudyBot.Telegram.Tests.Sending;

/// <summary>
/// Telegram's limits hold for all hosts of the bot together: two hosts on one database share the overall budget and
/// each chat's, and a host that cannot ask the database keeps to the limits on its own and still sends.
/// </summary>
public sealed class SharedLimitsTests
{
    [Fact]
    public async Task Two_hosts_together_stay_within_the_overall_rate()
    {
        const double perSecond = 10;
        const int burst = 5; // 0.5 s at 10/s
        await using var api = await FakeBotApi.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:Limits:GlobalPerSecond"] = "10",
            ["Telegram:Limits:GlobalBurstSeconds"] = "0.5",
            ["Telegram:Limits:PrivateChatPerSecond"] = "1000",
        };
        await using var first = await TelegramTestBot.StartAsync(api, settings: settings);
        await using var second = await TelegramTestBot.ConnectAsync(api, first.ConnectionString, "Webhook", settings);

        // 20 messages from each host at once, each to its own chat: alone, each host would be done in 1.5 s, together 3.5 s.
        var sends = Enumerable.Range(0, 40).Select(i =>
            ((i % 2 == 0) ? first : second).Services.GetRequiredService<ChatSenders>()
                .SendAsync(new ChatRef(Platform.Telegram, (5000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), ChatKind.Private), null, Reply.Text($"message {i}"), CancellationToken.None));
        var results = await Task.WhenAll(sends);

        Assert.All(results, r => Assert.True(r.Delivered, r.Error));
        AssertPace(api.CallsTo("sendMessage"), perSecond, burst, slack: TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Two_hosts_together_stay_within_a_groups_rate()
    {
        const double perSecond = 5; // 300 a minute, to keep the test short
        const int burst = 2;
        await using var api = await FakeBotApi.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:Limits:GroupPerMinute"] = "300",
            ["Telegram:Limits:ChatBurst"] = "2",
        };
        await using var first = await TelegramTestBot.StartAsync(api, settings: settings);
        await using var second = await TelegramTestBot.ConnectAsync(api, first.ConnectionString, "Webhook", settings);
        var group = new ChatRef(Platform.Telegram, "-1005001", ChatKind.Group);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            ((i % 2 == 0) ? first : second).Services.GetRequiredService<ChatSenders>().SendAsync(group, null, Reply.Text($"post {i}"), CancellationToken.None)));

        Assert.All(results, r => Assert.True(r.Delivered, r.Error));
        AssertPace(api.CallsTo("sendMessage"), perSecond, burst, slack: TimeSpan.FromSeconds(0.6)); // alone: 0.6 s, together 1.6 s
    }

    [Fact]
    public async Task Without_the_shared_limits_a_host_keeps_to_them_on_its_own_and_says_so_once()
    {
        var logs = new CapturedLogs();
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(
            api,
            settings: new Dictionary<string, string?> { ["Telegram:Limits:GlobalPerSecond"] = "10", ["Telegram:Limits:GlobalBurstSeconds"] = "0.3", ["Telegram:Limits:PrivateChatPerSecond"] = "1000" },
            services: (s, _) => s.AddLogging(b => b.AddProvider(logs)));
        await using (var connection = new NpgsqlConnection(bot.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand("DROP TABLE studybot.telegram_send_paces", connection);
            await drop.ExecuteNonQueryAsync();
        }

        var sender = bot.Services.GetRequiredService<ChatSenders>();
        var results = await Task.WhenAll(Enumerable.Range(0, 9).Select(i =>
            sender.SendAsync(new ChatRef(Platform.Telegram, (5100 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), ChatKind.Private), null, Reply.Text($"m{i}"), CancellationToken.None)));

        Assert.All(results, r => Assert.True(r.Delivered, r.Error));
        AssertPace(api.CallsTo("sendMessage"), 10, 3, slack: TimeSpan.FromSeconds(0.3)); // unpaced: all at once
        Assert.Single(logs.Warnings, w => w.Contains("shared send limits", StringComparison.Ordinal));
    }

    /// <summary>
    /// All messages were asked for at once, so the pace alone decides how long they take: after the burst, one per
    /// interval. Measured at the server, where a slow machine can only bunch them (slack), never start them early.
    /// </summary>
    private static void AssertPace(IReadOnlyList<ApiCall> calls, double perSecond, int burst, TimeSpan slack)
    {
        var at = calls.Select(c => c.At).Order().ToList();
        var earliest = TimeSpan.FromSeconds((at.Count - burst) / perSecond) - slack;
        Assert.True(at[^1] - at[0] >= earliest, $"{at.Count} sends took {(at[^1] - at[0]).TotalMilliseconds:0} ms; the pace needs at least {earliest.TotalMilliseconds:0} ms");
    }
}

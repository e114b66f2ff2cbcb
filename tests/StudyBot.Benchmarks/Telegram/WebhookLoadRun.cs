using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using StudyBot.Core;
using StudyBot.Core.Content;
using StudyBot.Telegram;
using StudyBot.Testing;

namespace StudyBot.Benchmarks.Telegram;

/// <summary>
/// Webhook throughput: the real bot (engine, PostgreSQL, Telegram adapter, replies sent to a sink Bot API) on
/// Kestrel at 127.0.0.1, and on the same server a bare endpoint that answers 200 to the same request. The load
/// comes from a second process (this program again, "webhook-load-client"), first against the bare endpoint, then
/// against the webhook. The webhook acknowledges an update once it is stored; handling and replying follow in the
/// background, so the run also reports the end-to-end figure: how long until every acknowledged update was handled
/// and its reply had reached the sink.
///
///   dotnet run -c Release --project tests/StudyBot.Benchmarks -- webhook-load [connections=64] [seconds=10] [text=/today]
///
/// Plain text (e.g. "hello") is sent as group chatter the bot ignores: that isolates the adapter's own cost
/// (secret check, parsing, the handle-once claim) from the engine's.
/// </summary>
internal static class WebhookLoadRun
{
    private const string Secret = "benchmark-webhook-secret-0123456789";

    public static async Task<int> RunAsync(string[] args)
    {
        var connections = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 64;
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var text = args.Length > 2 ? args[2] : "/today";

        await using var database = await TestCluster.CreateDatabaseAsync();
        await using var sink = await SinkBotApi.StartAsync();
        var root = ContentLocator.FindContentRoot();
        var catalog = root is not null && ContentLoader.Load(root) is { IsValid: true } loaded ? loaded.Catalog! : TestContent.Catalog;

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = "7000001:BENCH_token-abcdefghijklmnopqrstuvwxyz",
            ["Telegram:BotUsername"] = "StudyBot",
            ["Telegram:ApiBaseUrl"] = sink.BaseUrl.ToString(),
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = "https://studybot.invalid/telegram/webhook",
            ["Telegram:WebhookSecret"] = Secret,

            // Measure the bot, not Telegram's send limits: the sink takes every reply at once.
            ["Telegram:Limits:GlobalPerSecond"] = "1000000",
            ["Telegram:Limits:PrivateChatPerSecond"] = "1000000",
            ["Telegram:Limits:MaxQueued"] = "1000000",
            ["Telegram:Limits:SharedAcrossHosts"] = "false",
        });
        builder.Services.AddStudyBotCore(catalog, database.ConnectionString);
        builder.Services.AddStudyBotTelegram(builder.Configuration);
        await using var app = builder.Build();
        app.MapTelegramWebhook();
        app.MapPost("/bare", () => Results.Ok());
        await app.StartAsync();
        var baseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        Console.WriteLine($"webhook load: {connections} connections, {seconds} s each (after 3 s warm-up), server {baseUrl}, {Environment.ProcessorCount} cores");
        var cpu = new CpuMeter(new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString).Port);
        var beforeBare = cpu.Sample();
        var bare = await RunClientAsync(new Uri(baseUrl, "/bare"), "bare", null, connections, seconds, 1, text);
        var afterBare = cpu.Sample();
        var repliesBefore = sink.Calls;
        var loadStarted = Stopwatch.StartNew();
        var webhook = await RunClientAsync(new Uri(baseUrl, "/telegram/webhook"), "webhook " + text, Secret, connections, seconds, 100_000_000, text);
        var loadSeconds = loadStarted.Elapsed.TotalSeconds;
        var afterLoad = cpu.Sample();
        var handledDuringLoad = app.Services.GetRequiredService<StudyBot.Telegram.Inbox.InboxProcessor>().Handled;
        Console.WriteLine(bare.ToLine());
        Console.WriteLine(webhook.ToLine());
        var ratio = webhook.RequestsPerSecond / bare.RequestsPerSecond;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"handled while the load ran (warm-up included): {handledDuringLoad} updates"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"acknowledgement: webhook/bare throughput {ratio:P1} (target ≥ 40 %); webhook p99 {webhook.P99Ms:0.0} ms (target ≤ 20 ms)"));

        var drained = await DrainAsync(database.ConnectionString, TimeSpan.FromMinutes(10));
        var endToEndSeconds = loadStarted.Elapsed.TotalSeconds;
        var replies = sink.Calls - repliesBefore;
        var afterDrain = cpu.Sample();

        // Server-side CPU (this process: Kestrel, bot and sink; plus PostgreSQL), warm-up included, per request.
        double PerRequestUs(TimeSpan cpuTime, long requests) => requests == 0 ? double.NaN : cpuTime.TotalMicroseconds / requests;
        var bareRequests = (long)(bare.RequestsPerSecond * (seconds + 3));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"server CPU per request (warm-up included, load-independent): bare {PerRequestUs(afterBare.Self - beforeBare.Self, bareRequests):0} µs; webhook while loading (acknowledgements and what handling ran meanwhile) {PerRequestUs(afterLoad.Self - afterBare.Self, drained.Stored):0} µs + PostgreSQL {PerRequestUs(afterLoad.Postgres - afterBare.Postgres, drained.Stored):0} µs; whole update incl. handling and reply {PerRequestUs(afterDrain.Self - afterBare.Self, drained.Stored):0} µs + PostgreSQL {PerRequestUs(afterDrain.Postgres - afterBare.Postgres, drained.Stored):0} µs"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"end to end: {drained.Stored} updates acknowledged (warm-up included), {drained.Waiting} still waiting; the last was handled and its reply at the sink {endToEndSeconds:0.0} s after the load started ({endToEndSeconds - loadSeconds:0.0} s after it ended): {drained.Stored / endToEndSeconds:0} updates/s, {replies} replies, {replies / endToEndSeconds:0} replies/s"));
        await app.StopAsync();
        return 0;
    }

    /// <summary>
    /// Waits until every stored update is handled (its replies sent: the inbox marks a row only then). Polls the
    /// waiting rows through their partial index twice a second, so the measurement itself costs PostgreSQL little.
    /// </summary>
    private static async Task<(long Stored, long Waiting)> DrainAsync(string connectionString, TimeSpan timeout)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var waitingCount = new NpgsqlCommand("SELECT count(*) FROM studybot.telegram_processed_updates WHERE payload IS NOT NULL AND handled_at IS NULL", connection);
        var deadline = Stopwatch.StartNew();
        long waiting;
        while ((waiting = (long)(await waitingCount.ExecuteScalarAsync())!) > 0 && deadline.Elapsed < timeout)
        {
            await Task.Delay(500);
        }

        await using var storedCount = new NpgsqlCommand("SELECT count(*) FROM studybot.telegram_processed_updates WHERE payload IS NOT NULL", connection);
        return ((long)(await storedCount.ExecuteScalarAsync())!, waiting);
    }

    /// <summary>The client half, in its own process: prints one tab-separated result line.</summary>
    public static async Task<int> ClientAsync(string[] args)
    {
        var result = await LoadClient.RunAsync(
            new Uri(args[0]),
            args[1],
            args[2].Length == 0 ? null : args[2],
            int.Parse(args[3], CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(3),
            TimeSpan.FromSeconds(int.Parse(args[4], CultureInfo.InvariantCulture)),
            int.Parse(args[5], CultureInfo.InvariantCulture),
            args[6]);
        Console.WriteLine(result.ToTsv());
        return 0;
    }

    private static async Task<LoadResult> RunClientAsync(Uri url, string target, string? secret, int connections, int seconds, int updateIdBase, string text)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(WebhookLoadRun).Assembly.Location);
        }

        foreach (var arg in new[] { "webhook-load-client", url.ToString(), target, secret ?? string.Empty, connections.ToString(CultureInfo.InvariantCulture), seconds.ToString(CultureInfo.InvariantCulture), updateIdBase.ToString(CultureInfo.InvariantCulture), text })
        {
            start.ArgumentList.Add(arg);
        }

        using var client = Process.Start(start)!;
        var output = await client.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 120));
        await client.WaitForExitAsync(timeout.Token);
        return LoadResult.Parse(output.Trim().Split('\n')[^1]);
    }
}

using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StudyBot.Core;
using StudyBot.Core.Persistence;
using StudyBot.Core.Persistence.TelegramState;
using StudyBot.Telegram.Startup;
using StudyBot.Telegram.Webhook;
using StudyBot.Testing;

namespace StudyBot.Telegram.Tests.Fakes;

/// <summary>
/// The real bot: core engine on a real PostgreSQL database, the Telegram adapter on real Kestrel (127.0.0.1), its
/// Telegram.Bot client pointed at a <see cref="FakeBotApi"/>. Fast timings (backoff, lock retry, long poll) keep
/// the tests short; everything else is production wiring.
/// </summary>
public sealed class TelegramTestBot : IAsyncDisposable
{
    public const string Secret = "test-webhook-secret-0123456789";

    private readonly WebApplication _app;
    private readonly TestDatabase? _ownedDatabase;
    private bool _stopped;

    private TelegramTestBot(WebApplication app, FakeBotApi api, string connectionString, CapturedLogs logs, TestDatabase? ownedDatabase)
    {
        _app = app;
        Api = api;
        ConnectionString = connectionString;
        Logs = logs;
        _ownedDatabase = ownedDatabase;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    }

    public FakeBotApi Api { get; }

    public string ConnectionString { get; }

    public CapturedLogs Logs { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>A bot in webhook mode on a fresh database.</summary>
    public static async Task<TelegramTestBot> StartAsync(FakeBotApi api, string mode = "Webhook", IDictionary<string, string?>? settings = null, Action<IServiceCollection, IConfiguration>? services = null)
    {
        var database = await TestCluster.CreateDatabaseAsync().ConfigureAwait(false);
        return await StartAsync(api, database.ConnectionString, mode, settings, database, services).ConfigureAwait(false);
    }

    /// <summary>Another bot process on an existing database (a restart, or a second replica).</summary>
    public static Task<TelegramTestBot> ConnectAsync(FakeBotApi api, string connectionString, string mode = "Polling", IDictionary<string, string?>? settings = null) =>
        StartAsync(api, connectionString, mode, settings, ownedDatabase: null);

    private static async Task<TelegramTestBot> StartAsync(FakeBotApi api, string connectionString, string mode, IDictionary<string, string?>? settings, TestDatabase? ownedDatabase, Action<IServiceCollection, IConfiguration>? services = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = FakeBotApi.Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl.ToString(),
            ["Telegram:Mode"] = mode,
            ["Telegram:WebhookUrl"] = "https://studybot.invalid/telegram/webhook",
            ["Telegram:WebhookSecret"] = Secret,
            ["Telegram:PollingTimeoutSeconds"] = "1",
            ["Telegram:PollerLockRetry"] = "00:00:00.100",
            ["Telegram:InitialBackoff"] = "00:00:00.050",
            ["Telegram:MaxBackoff"] = "00:00:00.400",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(configuration);
        var logs = new CapturedLogs();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Information);
        builder.Services.AddStudyBotCore(TestContent.Catalog, connectionString);
        builder.Services.AddStudyBotTelegram(builder.Configuration);
        services?.Invoke(builder.Services, builder.Configuration);
        var app = builder.Build();
        app.MapTelegramWebhook();
        await app.StartAsync().ConfigureAwait(false);
        return new TelegramTestBot(app, api, connectionString, logs, ownedDatabase);
    }

    /// <summary>Posts an update to the webhook as Telegram would (with the secret unless told otherwise).</summary>
    public async Task<HttpResponseMessage> PostAsync(string json, string? secret = Secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TelegramWebhookEndpoint.Path)
        {
            Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (secret is not null)
        {
            request.Headers.Add(TelegramWebhookEndpoint.SecretHeader, secret);
        }

        return await Http.SendAsync(request).ConfigureAwait(false);
    }

    /// <summary>Posts an update, checks it was accepted and waits until the inbox has handled it (replies sent).</summary>
    public async Task SendAsync(string json)
    {
        using var response = await PostAsync(json).ConfigureAwait(false);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        await WaitUntilHandledAsync(UpdateId(json)).ConfigureAwait(false);
    }

    public static long UpdateId(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.GetProperty("update_id").GetInt64();
    }

    /// <summary>Waits until the inbox row of an update is marked handled.</summary>
    public async Task WaitUntilHandledAsync(long updateId, TimeSpan? timeout = null)
    {
        await WaitUntilAsync(
            async db => await db.Set<TelegramProcessedUpdate>().AnyAsync(u => u.UpdateId == updateId && u.HandledAt != null).ConfigureAwait(false),
            timeout,
            $"update {updateId} handled").ConfigureAwait(false);
    }

    /// <summary>Waits until no stored update is left unhandled.</summary>
    public Task WaitUntilInboxEmptyAsync(TimeSpan? timeout = null) =>
        WaitUntilAsync(async db => !await db.Set<TelegramProcessedUpdate>().AnyAsync(u => u.Payload != null && u.HandledAt == null).ConfigureAwait(false), timeout, "inbox empty");

    /// <summary>Polls the database until <paramref name="condition"/> holds (generous timeout; no fixed sleeps in assertions).</summary>
    public async Task WaitUntilAsync(Func<StudyBotDbContext, Task<bool>> condition, TimeSpan? timeout = null, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            await using (var db = Db())
            {
                if (await condition(db).ConfigureAwait(false))
                {
                    return;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting for " + (what ?? "a database condition"));
            }

            await Task.Delay(25).ConfigureAwait(false);
        }
    }

    public Task StartupDone => Services.GetRequiredService<TelegramStartup>().Completion;

    public StudyBotDbContext Db() => new(StudyBotDatabase.Options(ConnectionString));

    public async Task<Chat?> FindChatAsync(long chatId)
    {
        await using var db = Db();
        var id = chatId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await db.Chats.AsNoTracking().SingleOrDefaultAsync(c => c.Platform == Platform.Telegram && c.ExternalId == id).ConfigureAwait(false);
    }

    /// <summary>Stops the host as a shutdown would (used for restarts); dispose does it too.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Http.Dispose();
        if (_ownedDatabase is not null)
        {
            await _ownedDatabase.DisposeAsync().ConfigureAwait(false);
        }
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StudyBot.Core;
using StudyBot.Core.Commands;
using StudyBot.Core.Content;
using StudyBot.Core.Persistence;

namespace StudyBot.Testing;

/// <summary>
/// The real core (engine, handlers, EF Core, offline grader) on a real test database, driven like an
/// adapter would drive it, with a clock the test controls.
/// </summary>
public sealed class BotDriver : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TestDatabase? _ownedDatabase;

    private BotDriver(ServiceProvider services, string connectionString, FakeTimeProvider time, TestDatabase? ownedDatabase)
    {
        _services = services;
        ConnectionString = connectionString;
        Time = time;
        _ownedDatabase = ownedDatabase;
    }

    public string ConnectionString { get; }

    public FakeTimeProvider Time { get; }

    public StudyBotEngine Engine => _services.GetRequiredService<StudyBotEngine>();

    public IServiceProvider Services => _services;

    /// <summary>
    /// A driver on a fresh database; the clock starts at <paramref name="utcNow"/> (default 2026-03-02 08:00 UTC).
    /// <paramref name="configure"/> adds or replaces services after the core's (an LLM grader, a chat sender).
    /// </summary>
    public static async Task<BotDriver> StartAsync(ContentCatalog? catalog = null, DateTimeOffset? utcNow = null, Action<IServiceCollection>? configure = null)
    {
        var database = await TestCluster.CreateDatabaseAsync().ConfigureAwait(false);
        var time = new FakeTimeProvider(utcNow ?? new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        return Build(database.ConnectionString, time, catalog, database, configure);
    }

    /// <summary>Another bot process on an existing database (a restart, or a second replica).</summary>
    public static BotDriver Connect(string connectionString, FakeTimeProvider time, ContentCatalog? catalog = null, Action<IServiceCollection>? configure = null) =>
        Build(connectionString, time, catalog, ownedDatabase: null, configure);

    private static BotDriver Build(string connectionString, FakeTimeProvider time, ContentCatalog? catalog, TestDatabase? ownedDatabase, Action<IServiceCollection>? configure = null)
    {
        var collection = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddStudyBotCore(catalog ?? TestContent.Catalog, connectionString)
            .AddSingleton<TimeProvider>(time);
        configure?.Invoke(collection);
        var services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new BotDriver(services, connectionString, time, ownedDatabase);
    }

    public Task<Reply> SendAsync(string text, string user = "alice", string chat = "group-1", bool admin = false, string? locale = null, ChatKind kind = ChatKind.Group) =>
        Engine.HandleAsync(
            new Incoming(new ChatRef(Platform.Console, chat, kind, chat), new SenderRef(user, user, locale, admin), text),
            CancellationToken.None);

    /// <summary>The reply as plain text (all spans, list items, quiz options and button commands), for assertions.</summary>
    public async Task<string> TextAsync(string text, string user = "alice", string chat = "group-1", bool admin = false, string? locale = null) =>
        ReplyText.Of(await SendAsync(text, user, chat, admin, locale).ConfigureAwait(false));

    public StudyBotDbContext Db() => new(StudyBotDatabase.Options(ConnectionString));

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync().ConfigureAwait(false);
        if (_ownedDatabase is not null)
        {
            await _ownedDatabase.DisposeAsync().ConfigureAwait(false);
        }
    }
}

using Npgsql;
using StudyBot.LocalPostgres;
using StudyBot.Core.Persistence;
using StudyBot.Testing;

namespace StudyBot.Host.Tests.Scheduling;

/// <summary>
/// The daily fan-out through the real program (`worker` verb as child processes), real Hangfire, real PostgreSQL and
/// the real Telegram client against a fake Bot API: killed workers, a restarted database and two workers at once
/// still give every chat exactly one daily post.
/// </summary>
[Collection(CrashTests.Name)]
public sealed class ExactlyOnceUnderCrashesTests : IAsyncLifetime
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(3);
    private string _content = null!;

    public Task InitializeAsync()
    {
        _content = TestContent.Write(3);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_worker_killed_mid_fan_out_leaves_every_chat_exactly_one_post_after_a_new_worker_starts()
    {
        const int chats = 1000;
        const int beforeKill = 400;
        await using var database = await TestCluster.CreateDatabaseAsync();
        await FanOutChats.SeedAsync(database.ConnectionString, chats);
        await using var telegram = await FanOutBotApi.StartAsync(holdAfter: beforeKill);
        var env = FanOutChats.WorkerEnvironment(database.ConnectionString, telegram, lease: TimeSpan.FromSeconds(3), invisibility: TimeSpan.FromSeconds(6));

        using (var first = HostProcess.Start(["worker", "--content", _content], env))
        {
            // The platform has taken 400 posts and sits on the next sends; once the 400 are recorded Sent (and every
            // chat claimed), the worker dies mid-send with posts in flight, in its queue and not yet enqueued.
            await WorkerWaits.UntilAsync(
                async () => telegram.Held > 0 && first.Stderr.Contains($"Daily dispatch: {chats} due, {chats} sends enqueued", StringComparison.Ordinal)
                    && await FanOutChats.CountAsync(database.ConnectionString) is { Deliveries: chats, Sent: beforeKill },
                Long, "the first 400 posts recorded, sends held, every chat's send enqueued", first);
            first.Kill();
        }

        Assert.Equal(beforeKill, telegram.Recorded);
        var (_, _, open) = await FanOutChats.CountAsync(database.ConnectionString);
        Assert.Equal(chats - beforeKill, open);
        telegram.ReleaseHeld(process: false); // what the dead worker had in flight never reached the chats

        using var second = HostProcess.Start(["worker", "--content", _content], env);
        await WorkerWaits.UntilAsync(
            async () => await FanOutChats.CountAsync(database.ConnectionString) is { Sent: chats },
            Long, "every delivery sent after the restart", second);
        second.Terminate();
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        AssertExactlyOnePostPerChat(telegram, chats);
        await using var db = database.CreateDbContext();
        Assert.True(db.Deliveries.Any(d => d.Attempts > 1), "some deliveries were taken again after their sender's lease ran out");
    }

    [Fact]
    public async Task A_database_restart_mid_fan_out_delays_the_run_but_every_chat_gets_exactly_one_post()
    {
        const int chats = 500;
        const int beforeRestart = 150;

        // A cluster of its own: restarting the shared one would break the tests running beside this one.
        var root = Path.Combine(Path.GetTempPath(), "studybot-tests", "restart-" + Guid.NewGuid().ToString("N"));
        await using var cluster = await LocalCluster.StartAsync(new LocalClusterOptions(root) { Throwaway = true });
        await StudyBotDatabase.MigrateAsync(cluster.ConnectionString);
        NpgsqlConnection.ClearAllPools();
        await FanOutChats.SeedAsync(cluster.ConnectionString, chats);
        await using var telegram = await FanOutBotApi.StartAsync(holdAfter: beforeRestart);
        var env = FanOutChats.WorkerEnvironment(cluster.ConnectionString, telegram, lease: TimeSpan.FromSeconds(30), invisibility: TimeSpan.FromSeconds(40));

        using var worker = HostProcess.Start(["worker", "--content", _content], env);
        await WorkerWaits.UntilAsync(
            async () => telegram.Held > 0 && await FanOutChats.CountAsync(cluster.ConnectionString) is { Deliveries: chats, Sent: beforeRestart },
            Long, "the first posts recorded and sends held", worker);

        // The database goes down; then the platform answers the held sends, so their senders must record Sent
        // while it is away. It comes back on the same port.
        await cluster.StopAsync();
        var held = telegram.Held;
        telegram.ReleaseHeld(process: true);
        await WorkerWaits.UntilAsync(() => Task.FromResult(telegram.Recorded >= beforeRestart + held), Long, "the held sends answered", worker);
        await WorkerWaits.UntilAsync(
            () => Task.FromResult(worker.Stderr.Contains("could not record Sent yet", StringComparison.Ordinal)), TimeSpan.FromSeconds(60), "a sender retrying to record Sent", worker);
        await cluster.RestartAsync();

        await WorkerWaits.UntilAsync(
            async () => await FanOutChats.CountAsync(cluster.ConnectionString) is { Sent: chats },
            Long, "every delivery sent after the database came back", worker);
        worker.Terminate();
        Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        NpgsqlConnection.ClearAllPools();

        AssertExactlyOnePostPerChat(telegram, chats);
    }

    [Fact]
    public async Task Two_workers_at_once_post_to_every_chat_exactly_once()
    {
        const int chats = 500;
        await using var database = await TestCluster.CreateDatabaseAsync();
        await FanOutChats.SeedAsync(database.ConnectionString, chats);
        await using var telegram = await FanOutBotApi.StartAsync(holdAfter: 50);
        var env = FanOutChats.WorkerEnvironment(database.ConnectionString, telegram, lease: TimeSpan.FromSeconds(30), invisibility: TimeSpan.FromSeconds(40));

        using var first = HostProcess.Start(["worker", "--content", _content], env);
        using var second = HostProcess.Start(["worker", "--content", _content], env);

        // Sends wait until both workers run, so both take part in the fan-out whichever started first.
        await WorkerWaits.UntilAsync(
            async () => telegram.Held > 0 && await HangfireServersAsync(database.ConnectionString) == 2, Long, "both workers up", first, second);
        telegram.ReleaseHeld(process: true);
        await WorkerWaits.UntilAsync(
            async () => await FanOutChats.CountAsync(database.ConnectionString) is { Sent: chats },
            Long, "every delivery sent", first, second);
        first.Terminate();
        second.Terminate();
        Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        AssertExactlyOnePostPerChat(telegram, chats);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var servers = new NpgsqlCommand("SELECT COUNT(DISTINCT data::jsonb ->> 'ServerId') FROM hangfire.state WHERE name = 'Processing'", connection);
        Assert.Equal(2L, await servers.ExecuteScalarAsync()); // both workers sent
    }

    private static async Task<long> HangfireServersAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // A worker runs a second Hangfire server for grading; count the ones that take deliveries.
        await using var servers = new NpgsqlCommand("SELECT COUNT(*) FROM hangfire.server WHERE data::jsonb -> 'Queues' ? 'default'", connection);
        return (long)(await servers.ExecuteScalarAsync())!;
    }

    private static void AssertExactlyOnePostPerChat(FanOutBotApi telegram, int chats)
    {
        var expected = Enumerable.Range(0, chats).Select(i => FanOutChats.FirstChatId - i).ToHashSet();
        Assert.Equal(chats, telegram.PerChat.Count);
        Assert.True(telegram.PerChat.Keys.ToHashSet().SetEquals(expected), "posts went to exactly the seeded chats");
        var twice = telegram.PerChat.Where(c => c.Value != 1).Select(c => $"{c.Key}: {c.Value}").ToList();
        Assert.True(twice.Count == 0, "chats with other than one post: " + string.Join(", ", twice.Take(20)));
        Assert.All(telegram.Texts, t => Assert.Contains("Lesson 2 title", t.Text, StringComparison.Ordinal));
    }
}

/// <summary>
/// The crash tests run worker processes against lease and invisibility timeouts of seconds: they run on their own,
/// after the other test classes, so a loaded machine cannot stretch those seconds into a timeout.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CrashTests
{
    public const string Name = "crash tests";
}

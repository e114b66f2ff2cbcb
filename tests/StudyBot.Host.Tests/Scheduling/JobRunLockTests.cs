using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using StudyBot.Core.Persistence;
using StudyBot.Host.Scheduling;
using StudyBot.Testing;

namespace StudyBot.Host.Tests.Scheduling;

/// <summary>
/// Recurring jobs run one at a time across hosts, and a host that dies mid-run does not hold the others back: its
/// lock goes with its connection (Hangfire's own lock row stayed for 10 minutes after a kill).
/// </summary>
public sealed class JobRunLockTests
{
    [Fact]
    public async Task A_second_run_is_skipped_while_the_first_holds_the_lock_and_goes_ahead_once_it_is_released()
    {
        await using var database = await TestCluster.CreateDatabaseAsync();
        var factory = new PooledDbContextFactory<StudyBotDbContext>(StudyBotDatabase.Options(database.ConnectionString));

        var first = await JobRunLock.TryTakeAsync(factory, "dispatch", CancellationToken.None);
        Assert.NotNull(first);
        Assert.Null(await JobRunLock.TryTakeAsync(factory, "dispatch", CancellationToken.None));
        await using (var other = await JobRunLock.TryTakeAsync(factory, "another job", CancellationToken.None))
        {
            Assert.NotNull(other); // each job has its own lock
        }

        await first.DisposeAsync();
        await using var again = await JobRunLock.TryTakeAsync(factory, "dispatch", CancellationToken.None);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task The_lock_of_a_host_that_died_mid_run_is_free_at_once()
    {
        await using var database = await TestCluster.CreateDatabaseAsync();
        var factory = new PooledDbContextFactory<StudyBotDbContext>(StudyBotDatabase.Options(database.ConnectionString));
        var dead = await JobRunLock.TryTakeAsync(factory, "dispatch", CancellationToken.None);
        Assert.NotNull(dead);

        // The host is gone: the server ends its session, as it does when a killed process's socket closes.
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var terminate = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid() AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                connection);
            Assert.Equal(true, await terminate.ExecuteScalarAsync());
        }

        await using var next = await JobRunLock.TryTakeAsync(factory, "dispatch", CancellationToken.None);
        Assert.NotNull(next);
        try
        {
            await dead.DisposeAsync();
        }
        catch (NpgsqlException)
        {
            // its connection is already gone
        }
    }
}

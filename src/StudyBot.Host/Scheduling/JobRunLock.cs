using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StudyBot.Core.Persistence;

namespace StudyBot.Host.Scheduling;

/// <summary>
/// One run of a recurring job at a time across hosts: a PostgreSQL session advisory lock on a connection of its own.
/// Unlike Hangfire's DisableConcurrentExecution (a lock row that outlives a killed process by its timeout, 10
/// minutes), the lock dies with the connection, so the next host's run goes ahead at once. A run that finds the lock
/// taken is skipped: the holder is doing the same work.
/// </summary>
public static class JobRunLock
{
    // A fixed high tag keeps these keys apart from the other advisory locks (poller, gateway, answers, inbox).
    private const long Tag = 0x4A52L << 48;

    /// <summary>Runs <paramref name="run"/> if no other run of the job holds the lock; 0 when one does (it does this work).</summary>
    public static async Task<int> RunAloneAsync(IDbContextFactory<StudyBotDbContext> dbFactory, string job, Func<CancellationToken, Task<int>> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var running = await TryTakeAsync(dbFactory, job, cancellationToken).ConfigureAwait(false);
        return running is null ? 0 : await run(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The held lock (dispose to release), or null when another run holds it.</summary>
    public static async Task<IAsyncDisposable?> TryTakeAsync(IDbContextFactory<StudyBotDbContext> dbFactory, string job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
        string connectionString;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            connectionString = db.Database.GetConnectionString() ?? throw new InvalidOperationException("No connection string for the job lock.");
        }

        // Not pooled: a pooled connection would keep the lock after it is handed back.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key(job));
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
            {
                var held = connection; // closing the connection releases the lock
                connection = null;
                return held;
            }

            return null;
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static long Key(string job) =>
        Tag | (BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(job))) & 0xFFFF_FFFF_FFFF);
}

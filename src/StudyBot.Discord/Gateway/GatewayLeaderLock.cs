using Microsoft.EntityFrameworkCore;
using Npgsql;
using StudyBot.Core.Persistence;

namespace StudyBot.Discord.Gateway;

/// <summary>
/// One gateway connection across all hosts: a session-level PostgreSQL advisory lock held on a dedicated
/// connection. Whoever holds it runs the gateway; if that connection dies, the lock is released by the
/// server and the lease reports itself lost.
/// </summary>
public sealed class GatewayLeaderLock(IDbContextFactory<StudyBotDbContext> dbFactory)
{
    /// <summary>An arbitrary, fixed key: "StudyBot Discord gateway".</summary>
    public const long Key = 0x5342_4443_4757_0001;

    public async Task<Lease?> TryAcquireAsync(CancellationToken cancellationToken)
    {
        string connectionString;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            connectionString = db.Database.GetConnectionString() ?? throw new InvalidOperationException("No connection string for the gateway lock.");
        }

        // Not pooled: the lock lives exactly as long as this physical connection.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 15 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
            {
                return new Lease(connection);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await connection.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    /// <summary>The held lock. <see cref="CheckAsync"/> tells whether it is still held; disposing releases it.</summary>
    public sealed class Lease(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async Task<bool> CheckAsync(CancellationToken cancellationToken)
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (NpgsqlException)
            {
                return false;
            }
            catch (InvalidOperationException)
            {
                return false; // the connection is already broken or closed
            }
        }

        public async ValueTask DisposeAsync()
        {
            // Closing the session releases the advisory lock.
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}

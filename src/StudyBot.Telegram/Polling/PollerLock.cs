using Npgsql;

namespace StudyBot.Telegram.Polling;

/// <summary>
/// "Only one poller per bot": a PostgreSQL session advisory lock on a connection of its own (not pooled, so the
/// lock dies with the connection if the host dies). Other hosts try again until the holder is gone.
/// </summary>
public sealed class PollerLock(string connectionString, long botId)
{
    // A fixed high tag keeps our keys apart from other advisory locks; bot ids fit in the low 48 bits.
    private readonly long _key = (0x5447L << 48) | (botId & 0xFFFF_FFFF_FFFF);
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 10 }.ConnectionString;

    /// <summary>The lease if this host now holds the lock, null when another host does.</summary>
    public async Task<PollerLease?> TryAcquireAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", _key);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
            {
                var lease = new PollerLease(connection);
                connection = null;
                return lease;
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
}

/// <summary>The held lock; disposing it (or losing the connection) lets another host take over.</summary>
public sealed class PollerLease(NpgsqlConnection connection) : IAsyncDisposable
{
    /// <summary>Whether the lock's connection is still alive (a broken one has already released the lock).</summary>
    public async Task<bool> IsHeldAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync().ConfigureAwait(false); // closing ends the session and its lock
}

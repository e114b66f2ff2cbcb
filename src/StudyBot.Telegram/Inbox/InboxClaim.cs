using System.Globalization;
using Npgsql;
using StudyBot.Telegram.Webhook;
using Telegram.Bot.Types;

namespace StudyBot.Telegram.Inbox;

/// <summary>
/// Stored updates one transaction has taken, and their chats: a transaction advisory lock per chat, so no one else
/// handles an update of those chats meanwhile, plus the rows themselves (FOR UPDATE). Committing with the handled
/// update ids marks them done and lets go of everything; rows not marked wait for the next claim.
///
/// Taking a claim: under a short mutex (so two claims never look at the same moment), the oldest waiting rows not
/// locked by anyone are read inside a savepoint and let go again; then the chats of those rows that no one holds
/// are locked, and only the rows of those chats are locked for good. A row of a chat held elsewhere is never held
/// back by this claim, so whoever gets that chat next sees it before any later row of the chat: each chat's
/// updates are handled in update_id order across claims and hosts.
///
/// A chat whose replies are slow (a long 429 retry_after) can be held past the commit: a session-level lock on its
/// key, taken while the transaction still holds it, so no one gets the chat in between. The commit then lets the
/// other chats go, and the held chat is let go (its update marked) once its replies are out.
/// </summary>
internal sealed class InboxClaim : IAsyncDisposable
{
    private static string PickSql(int limit) => string.Create(CultureInfo.InvariantCulture, $"""
        SELECT update_id, payload FROM studybot.telegram_processed_updates
        WHERE bot_id = @bot AND payload IS NOT NULL AND handled_at IS NULL
        ORDER BY update_id
        LIMIT {limit}
        FOR UPDATE SKIP LOCKED
        """);

    private const string LockChatsSql = "SELECT k FROM unnest(@keys) AS k WHERE pg_try_advisory_xact_lock(k)";

    private const string LockRowsSql = """
        SELECT update_id FROM studybot.telegram_processed_updates
        WHERE bot_id = @bot AND update_id = ANY(@ids) AND handled_at IS NULL
        FOR UPDATE
        """;

    private const string MarkHandledSql = """
        UPDATE studybot.telegram_processed_updates SET handled_at = @now
        WHERE bot_id = @bot AND update_id = ANY(@ids)
        """;

    private const string HoldChatsSql = "SELECT pg_advisory_lock(k) FROM unnest(@keys) AS k";

    private readonly NpgsqlConnection _connection;
    private readonly SemaphoreSlim _heldGate = new(1, 1); // held chats are let go one at a time on the connection
    private readonly NpgsqlTransaction _transaction;
    private readonly long _botId;
    private bool _holding;

    private InboxClaim(NpgsqlConnection connection, NpgsqlTransaction transaction, long botId, IReadOnlyList<StoredUpdate> updates, int claimed)
    {
        _connection = connection;
        _transaction = transaction;
        _botId = botId;
        Updates = updates;
        Claimed = claimed;
    }

    /// <summary>The updates this claim may handle, oldest first; their chats are locked for it.</summary>
    public IReadOnlyList<StoredUpdate> Updates { get; }

    /// <summary>Rows looked at, including those left for later because another claim holds their chat.</summary>
    public int Claimed { get; }

    /// <summary>The oldest waiting updates not taken by anyone else, or null when there are none.</summary>
    public static async Task<InboxClaim?> TakeAsync(string connectionString, long botId, int limit, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        NpgsqlTransaction? transaction = null;
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await transaction.SaveAsync("pick", cancellationToken).ConfigureAwait(false);
            var rows = await PickAsync(connection, transaction, botId, limit, cancellationToken).ConfigureAwait(false);
            await transaction.RollbackAsync("pick", cancellationToken).ConfigureAwait(false); // lets go of the mutex and the rows
            if (rows.Count == 0)
            {
                return null;
            }

            var updates = rows.Select(r => new StoredUpdate(r.UpdateId, TelegramWebhookEndpoint.Parse(r.Payload))).ToList();
            var chats = await LockAsync(connection, transaction, LockChatsSql, "keys", updates.Select(u => u.ChatKey(botId)).Distinct().ToArray(), botId, cancellationToken).ConfigureAwait(false);
            var ours = updates.Where(u => chats.Contains(u.ChatKey(botId))).ToList();
            var rowsHeld = ours.Count == 0 ? [] : await LockAsync(connection, transaction, LockRowsSql, "ids", ours.Select(u => u.UpdateId).ToArray(), botId, cancellationToken).ConfigureAwait(false);
            var result = new InboxClaim(connection, transaction, botId, ours.Where(u => rowsHeld.Contains(u.UpdateId)).ToList(), rows.Count);
            connection = null;
            transaction = null;
            return result;
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
            }

            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<List<(long UpdateId, string Payload)>> PickAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long botId, int limit, CancellationToken cancellationToken)
    {
        var rows = new List<(long UpdateId, string Payload)>(limit);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(@mutex)") { Parameters = { new NpgsqlParameter("mutex", PickMutex(botId)) } },
                // The limit is written into the statement: as a parameter, a prepared statement's generic plan
                // guesses a large share of the table and sorts the whole backlog (140 ms a claim at 300k waiting)
                // instead of reading the first rows of the waiting index.
                new NpgsqlBatchCommand(PickSql(limit)) { Parameters = { new NpgsqlParameter("bot", botId) } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return rows;
    }

    /// <summary>Runs a locking query over <paramref name="values"/> and returns the ones it locked.</summary>
    private static async Task<HashSet<long>> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string parameter, long[] values, long botId, CancellationToken cancellationToken)
    {
        var locked = new HashSet<long>();
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue(parameter, values);
        command.Parameters.AddWithValue("bot", botId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            locked.Add(reader.GetInt64(0));
        }

        return locked;
    }

    /// <summary>Held only while a claim picks its rows (inside the savepoint, so rolling it back releases it).</summary>
    private static long PickMutex(long botId) => unchecked((0x5449L << 48) | (botId & 0xFFFF_FFFF_FFFF));

    /// <summary>Marks the handled updates done and ends the claim.</summary>
    public async Task CommitAsync(IReadOnlyCollection<long> handled, DateTimeOffset now)
    {
        if (handled.Count > 0)
        {
            await using var command = new NpgsqlCommand(MarkHandledSql, _connection, _transaction);
            command.Parameters.AddWithValue("bot", _botId);
            command.Parameters.AddWithValue("now", now);
            command.Parameters.AddWithValue("ids", handled.ToArray());
            await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await _transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Keeps these chats locked after <see cref="CommitAsync"/>, until <see cref="LetGoAsync"/>: call before the
    /// commit, while the claim still holds them. A session lock survives a rollback too: dispose lets go of all.
    /// </summary>
    public async Task HoldAsync(IReadOnlyCollection<long> chatKeys)
    {
        _holding = true;
        await using var command = new NpgsqlCommand(HoldChatsSql, _connection, _transaction);
        command.Parameters.AddWithValue("keys", chatKeys.ToArray());
        await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>After the commit: marks a held chat's update handled (unless null) and lets go of the chat.</summary>
    public async Task LetGoAsync(long chatKey, long? handledUpdateId, DateTimeOffset now)
    {
        await _heldGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await using var batch = new NpgsqlBatch(_connection);
            if (handledUpdateId is { } id)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(MarkHandledSql)
                {
                    Parameters = { new NpgsqlParameter("bot", _botId), new NpgsqlParameter("now", now), new NpgsqlParameter("ids", new[] { id }) },
                });
            }

            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_advisory_unlock(@key)") { Parameters = { new NpgsqlParameter("key", chatKey) } });
            await batch.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _heldGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync().ConfigureAwait(false);
        if (_holding)
        {
            await LetGoOfAllQuietlyAsync().ConfigureAwait(false);
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
        _heldGate.Dispose();
    }

    /// <summary>Session locks outlive a pooled connection's close until its reset: never leave one behind.</summary>
    private async Task LetGoOfAllQuietlyAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", _connection);
            await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // A broken connection is not pooled again, and its session (with its locks) is gone.
        }
        catch (InvalidOperationException)
        {
            // The connection was closed already.
        }
    }
}

/// <summary>An update from the inbox; <see cref="Update"/> is null when its payload no longer parses.</summary>
internal sealed record StoredUpdate(long UpdateId, Update? Update)
{
    /// <summary>
    /// The advisory lock key of the conversation the update belongs to: its chat, or for a poll vote the voter (a
    /// vote names no chat). Updates with neither are independent and keyed by their own id.
    /// </summary>
    public long ChatKey(long botId)
    {
        var chat = Update switch
        {
            { Message.Chat.Id: var id } => id,
            { CallbackQuery: { } callback } => callback.Message?.Chat.Id ?? callback.From.Id,
            { MyChatMember.Chat.Id: var id } => id,
            { PollAnswer.User.Id: var id } => id,
            _ => long.MinValue + UpdateId,
        };

        // A hash of bot and chat (keys of other locks are unlikely to meet it); a collision only serialises two chats.
        return unchecked((0x5449L << 48) ^ (chat * -7046029254386353131L) ^ (botId * 31));
    }
}

using Npgsql;
using StudyBot.Telegram.Webhook;
using Telegram.Bot.Types;

namespace StudyBot.Telegram.Inbox;

/// <summary>
/// Stored updates one transaction has taken: their rows are locked (FOR UPDATE SKIP LOCKED, so other claims and
/// other hosts pass them by) and so are their chats (a transaction advisory lock per chat, so no one handles a
/// later update of the same chat meanwhile). Committing with the handled update ids marks them done and lets go of
/// everything; rows not marked wait for the next claim.
/// </summary>
internal sealed class InboxClaim : IAsyncDisposable
{
    private const string ClaimSql = """
        SELECT update_id, payload FROM studybot.telegram_processed_updates
        WHERE bot_id = @bot AND payload IS NOT NULL AND handled_at IS NULL
        ORDER BY update_id
        LIMIT @limit
        FOR UPDATE SKIP LOCKED
        """;

    private const string LockChatsSql = "SELECT k FROM unnest(@keys) AS k WHERE pg_try_advisory_xact_lock(k)";

    private const string MarkHandledSql = """
        UPDATE studybot.telegram_processed_updates SET handled_at = @now
        WHERE bot_id = @bot AND update_id = ANY(@ids)
        """;

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly long _botId;

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

    /// <summary>Rows taken, including those left for later because another claim holds their chat.</summary>
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
            var rows = new List<(long UpdateId, string Payload)>(limit);
            await using (var claim = new NpgsqlCommand(ClaimSql, connection, transaction))
            {
                claim.Parameters.AddWithValue("bot", botId);
                claim.Parameters.AddWithValue("limit", limit);
                await using var reader = await claim.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add((reader.GetInt64(0), reader.GetString(1)));
                }
            }

            if (rows.Count == 0)
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
                await connection.DisposeAsync().ConfigureAwait(false);
                return null;
            }

            var updates = rows.Select(r => new StoredUpdate(r.UpdateId, TelegramWebhookEndpoint.Parse(r.Payload))).ToList();
            var locked = await LockChatsAsync(connection, transaction, botId, updates, cancellationToken).ConfigureAwait(false);
            var result = new InboxClaim(connection, transaction, botId, updates.Where(u => locked.Contains(u.ChatKey(botId))).ToList(), rows.Count);
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

    private static async Task<HashSet<long>> LockChatsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long botId, List<StoredUpdate> updates, CancellationToken cancellationToken)
    {
        var keys = updates.Select(u => u.ChatKey(botId)).Distinct().ToArray();
        var locked = new HashSet<long>();
        await using var command = new NpgsqlCommand(LockChatsSql, connection, transaction);
        command.Parameters.AddWithValue("keys", keys);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            locked.Add(reader.GetInt64(0));
        }

        return locked;
    }

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

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
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

using Microsoft.EntityFrameworkCore;
using Npgsql;
using StudyBot.Core.Persistence;
using StudyBot.Telegram.State;

namespace StudyBot.Telegram.Sending;

/// <summary>
/// Telegram's limits kept in PostgreSQL, so every host of the bot draws on the same budget: one statement reserves
/// the chat's next slot and then the bot's overall slot at or after it (GCRA: each row holds when the next message
/// would be on time; a burst may run that far ahead). The caller waits until the reserved time. Rows are locked in
/// the same order (chat, then the overall row) by every sender, so reservations never deadlock.
/// </summary>
public sealed class SharedSendPaces(IDbContextFactory<StudyBotDbContext> dbFactory, TelegramBotIdentity bot)
{
    private const long OverallChatId = 0;

    private const string ReserveSql = """
        WITH chat AS (
            INSERT INTO studybot.telegram_send_paces AS p (bot_id, chat_id, next_at)
            VALUES (@bot, @chat, now() + @chat_interval)
            ON CONFLICT (bot_id, chat_id) DO UPDATE SET next_at = greatest(p.next_at, now()) + @chat_interval
            RETURNING greatest(now(), p.next_at - @chat_burst) AS at),
        overall AS (
            INSERT INTO studybot.telegram_send_paces AS p (bot_id, chat_id, next_at)
            SELECT @bot, @overall, chat.at + @overall_interval FROM chat
            ON CONFLICT (bot_id, chat_id) DO UPDATE SET next_at = greatest(p.next_at, excluded.next_at - @overall_interval) + @overall_interval
            RETURNING greatest((SELECT at FROM chat), p.next_at - @overall_burst) AS at)
        SELECT greatest(0, extract(epoch FROM (SELECT at FROM overall) - clock_timestamp()))::float8
        """;

    private const string PruneSql = "DELETE FROM studybot.telegram_send_paces WHERE bot_id = @bot AND chat_id <> @overall AND next_at < now() - interval '1 hour'";

    private string? _connectionString;

    /// <summary>Reserves the next slot for a message to the chat; returns how long to wait before sending it.</summary>
    public async Task<TimeSpan> ReserveAsync(long chatId, Pace chat, Pace overall, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(await ConnectionStringAsync(cancellationToken).ConfigureAwait(false));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(ReserveSql, connection)
        {
            Parameters =
            {
                new NpgsqlParameter<long>("bot", bot.Id),
                new NpgsqlParameter<long>("chat", chatId),
                new NpgsqlParameter<long>("overall", OverallChatId),
                new NpgsqlParameter<TimeSpan>("chat_interval", chat.Interval),
                new NpgsqlParameter<TimeSpan>("chat_burst", chat.Burst),
                new NpgsqlParameter<TimeSpan>("overall_interval", overall.Interval),
                new NpgsqlParameter<TimeSpan>("overall_burst", overall.Burst),
            },
        };
        var seconds = (double)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Forgets chats with nothing sent for an hour (their pace is back to a full burst anyway).</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(await ConnectionStringAsync(cancellationToken).ConfigureAwait(false));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(PruneSql, connection)
        {
            Parameters = { new NpgsqlParameter<long>("bot", bot.Id), new NpgsqlParameter<long>("overall", OverallChatId) },
        };
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<string> ConnectionStringAsync(CancellationToken cancellationToken)
    {
        if (_connectionString is null)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            _connectionString = db.Database.GetConnectionString() ?? throw new InvalidOperationException("No connection string for Telegram's send paces.");
        }

        return _connectionString;
    }
}

/// <summary>A rate as GCRA sees it: one message per Interval, and up to Burst ahead of that pace at once.</summary>
public readonly record struct Pace(TimeSpan Interval, TimeSpan Burst)
{
    /// <summary>A rate of <paramref name="perSecond"/> allowing <paramref name="burstMessages"/> at once after a pause.</summary>
    public static Pace Of(double perSecond, double burstMessages) =>
        new(TimeSpan.FromSeconds(1 / perSecond), TimeSpan.FromSeconds(Math.Max(1, burstMessages) / perSecond));
}

using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Persistence;
using StudyBot.Core.Persistence.TelegramState;

namespace StudyBot.Telegram.State;

/// <summary>The getUpdates offset in PostgreSQL, so a restarted (or another) poller resumes where the last one stopped.</summary>
public sealed class PollingOffsets(IDbContextFactory<StudyBotDbContext> dbFactory, TelegramBotIdentity bot, TimeProvider time)
{
    public async Task<long> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Set<TelegramPollingOffset>().AsNoTracking()
            .SingleOrDefaultAsync(o => o.BotId == bot.Id, cancellationToken).ConfigureAwait(false);
        return row?.NextUpdateId ?? 0;
    }

    /// <summary>Moves the offset forward (never back) past an update that has been handled.</summary>
    public async Task CommitAsync(long nextUpdateId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO studybot.telegram_polling_offsets (bot_id, next_update_id, updated_at) VALUES ({bot.Id}, {nextUpdateId}, {now})
            ON CONFLICT (bot_id) DO UPDATE SET next_update_id = GREATEST(telegram_polling_offsets.next_update_id, EXCLUDED.next_update_id), updated_at = EXCLUDED.updated_at
            """,
            cancellationToken).ConfigureAwait(false);
    }
}

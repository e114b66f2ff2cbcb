using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Persistence;

namespace StudyBot.Telegram.State;

/// <summary>
/// Handle-once for updates: a host claims an update_id before handling it. A webhook retry, a second replica or
/// a poller restarted between handling and committing its offset finds the claim and skips the update. The webhook
/// inbox stores its updates in the same table (the row is the claim); pruning here covers both.
/// </summary>
public sealed class UpdateClaims(IDbContextFactory<StudyBotDbContext> dbFactory, TelegramBotIdentity bot, TimeProvider time)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(2); // Telegram keeps undelivered updates for 24 hours
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private long _nextPruneTicks;

    /// <summary>True when this call claimed the update; false when it was claimed before.</summary>
    public async Task<bool> TryClaimAsync(long updateId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO studybot.telegram_processed_updates (bot_id, update_id, received_at) VALUES ({bot.Id}, {updateId}, {now})
            ON CONFLICT (bot_id, update_id) DO NOTHING
            """,
            cancellationToken).ConfigureAwait(false);
        await PruneIfDueAsync(db, now, cancellationToken).ConfigureAwait(false);
        return inserted == 1;
    }

    /// <summary>Deletes old claims and handled inbox rows, at most once per <see cref="PruneEvery"/>.</summary>
    public async Task PruneIfDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now.UtcTicks < Interlocked.Read(ref _nextPruneTicks))
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await PruneIfDueAsync(db, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives a claim back after handling failed, so Telegram's retry is handled.</summary>
    public async Task ReleaseAsync(long updateId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"DELETE FROM studybot.telegram_processed_updates WHERE bot_id = {bot.Id} AND update_id = {updateId}",
            cancellationToken).ConfigureAwait(false);
    }

    private async Task PruneIfDueAsync(StudyBotDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = Interlocked.Read(ref _nextPruneTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextPruneTicks, (now + PruneEvery).UtcTicks, due) != due)
        {
            return;
        }

        // Inbox updates still waiting stay, however old: they are not handled yet.
        var cutoff = now - KeepFor;
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"DELETE FROM studybot.telegram_processed_updates WHERE bot_id = {bot.Id} AND received_at < {cutoff} AND (payload IS NULL OR handled_at IS NOT NULL)",
            cancellationToken).ConfigureAwait(false);
    }
}

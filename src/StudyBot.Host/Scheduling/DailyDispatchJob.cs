using Hangfire;
using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Content;
using StudyBot.Core.Persistence;
using StudyBot.Core.Schedule;

namespace StudyBot.Host.Scheduling;

/// <summary>
/// Every minute: claims today's delivery for each chat whose post time (or weekly digest time) has passed and
/// enqueues one send job per claim. The claim (a unique row) is what makes a post happen once across retries, workers and restarts.
/// </summary>
[DisableConcurrentExecution(timeoutInSeconds: 120)]
public sealed partial class DailyDispatchJob(
    IDbContextFactory<StudyBotDbContext> dbFactory,
    ContentCatalog catalog,
    TimeProvider time,
    IBackgroundJobClient jobs,
    ILogger<DailyDispatchJob> logger)
{
    public const string RecurringId = "daily-dispatch";

    /// <summary>Pending deliveries older than this get their send job again (a dispatcher died between claim and enqueue).</summary>
    private static readonly TimeSpan Orphaned = TimeSpan.FromMinutes(10);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var due = await DueDailyPosts.FindAsync(db, catalog, now, cancellationToken).ConfigureAwait(false);
        var enqueued = 0;
        foreach (var post in due)
        {
            if (await DeliveryClaims.TryClaimAsync(db, post.ChatId, DeliveryKind.DailyLesson, post.LocalDate, now, cancellationToken).ConfigureAwait(false) is long id)
            {
                jobs.Enqueue<SendDeliveryJob>(job => job.RunAsync(id, CancellationToken.None));
                enqueued++;
            }
        }

        foreach (var digest in await DueDigests.FindAsync(db, now, cancellationToken).ConfigureAwait(false))
        {
            if (await DeliveryClaims.TryClaimAsync(db, digest.ChatId, DeliveryKind.WeeklyDigest, digest.LocalDate, now, cancellationToken).ConfigureAwait(false) is long id)
            {
                jobs.Enqueue<SendDeliveryJob>(job => job.RunAsync(id, CancellationToken.None));
                enqueued++;
            }
        }

        var cutoff = now - Orphaned;
        var orphans = await db.Deliveries
            .Where(d => d.Status == DeliveryStatus.Pending && d.Attempts == 0 && d.CreatedAt < cutoff)
            .Select(d => d.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in orphans)
        {
            jobs.Enqueue<SendDeliveryJob>(job => job.RunAsync(id, CancellationToken.None));
        }

        LogDispatched(logger, due.Count, enqueued, orphans.Count);
        return enqueued;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily dispatch: {Due} due, {Enqueued} sends enqueued, {Orphans} orphaned re-enqueued")]
    private static partial void LogDispatched(ILogger logger, int due, int enqueued, int orphans);
}

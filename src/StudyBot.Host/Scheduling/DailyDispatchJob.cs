using Hangfire;
using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Content;
using StudyBot.Core.Persistence;
using StudyBot.Core.Reminders;
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
            enqueued += await ClaimAndEnqueueAsync(db, post.ChatId, DeliveryKind.DailyLesson, post.LocalDate, now, cancellationToken).ConfigureAwait(false);
        }

        foreach (var digest in await DueDigests.FindAsync(db, now, cancellationToken).ConfigureAwait(false))
        {
            enqueued += await ClaimAndEnqueueAsync(db, digest.ChatId, DeliveryKind.WeeklyDigest, digest.LocalDate, now, cancellationToken).ConfigureAwait(false);
        }

        // Evening reminders: one statement claims every due member's reminder, then one send job per claim.
        var dueReminders = await DueReminders.FindAsync(db, catalog, now, cancellationToken).ConfigureAwait(false);
        foreach (var claim in await DeliveryClaims.TryClaimForMembersAsync(db, DeliveryKind.Reminder, dueReminders.ToList(), now, cancellationToken).ConfigureAwait(false))
        {
            jobs.Enqueue<SendDeliveryJob>(job => job.RunAsync(claim.DeliveryId, CancellationToken.None));
            enqueued++;
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

    /// <summary>1 when this dispatcher won the claim and enqueued the send, 0 when someone else has it.</summary>
    private async Task<int> ClaimAndEnqueueAsync(StudyBotDbContext db, long chatId, DeliveryKind kind, DateOnly localDate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await DeliveryClaims.TryClaimAsync(db, chatId, kind, localDate, now, cancellationToken).ConfigureAwait(false) is not long id)
        {
            return 0;
        }

        jobs.Enqueue<SendDeliveryJob>(job => job.RunAsync(id, CancellationToken.None));
        return 1;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily dispatch: {Due} due, {Enqueued} sends enqueued, {Orphans} orphaned re-enqueued")]
    private static partial void LogDispatched(ILogger logger, int due, int enqueued, int orphans);
}

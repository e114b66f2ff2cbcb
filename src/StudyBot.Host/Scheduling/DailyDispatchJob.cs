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
public sealed partial class DailyDispatchJob(
    IDbContextFactory<StudyBotDbContext> dbFactory,
    ContentCatalog catalog,
    TimeProvider time,
    IBackgroundJobClient jobs,
    ILogger<DailyDispatchJob> logger)
{
    public const string RecurringId = "daily-dispatch";

    /// <summary>
    /// Pending deliveries older than this get their send job again (a dispatcher died between claim and enqueue);
    /// so do deliveries whose sender's lease ran out (see <see cref="SendDeliveryJob"/>).
    /// </summary>
    private static readonly TimeSpan Orphaned = TimeSpan.FromMinutes(10);

    private const int ClaimChunk = 500;
    private const int ParallelEnqueues = 8;

    public Task<int> RunAsync(CancellationToken cancellationToken) =>
        JobRunLock.RunAloneAsync(dbFactory, nameof(DailyDispatchJob), RunOnceAsync, cancellationToken);

    private async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var due = await DueDailyPosts.FindAsync(db, catalog, now, cancellationToken).ConfigureAwait(false);
        var enqueued = 0;

        // Claimed a chunk at a time, so a dispatcher that dies leaves at most one chunk claimed but not enqueued (the sweep below finds those).
        foreach (var chunk in due.Chunk(ClaimChunk))
        {
            var ids = await DeliveryClaims.TryClaimManyAsync(db, DeliveryKind.DailyLesson, [.. chunk.Select(p => (p.ChatId, p.LocalDate))], now, cancellationToken).ConfigureAwait(false);
            enqueued += EnqueueSends(ids, cancellationToken);
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
            .Where(d => (d.Status == DeliveryStatus.Pending && d.Attempts == 0 && d.CreatedAt < cutoff)
                || (d.Status == DeliveryStatus.Sending && (d.LeaseUntil == null || d.LeaseUntil < now))) // its sender died mid-send: send it again
            .Where(d => d.Kind != DeliveryKind.EmailDigest) // mailed digests have their own sender (EmailDigestDispatchJob)
            .Select(d => d.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        EnqueueSends(orphans, cancellationToken);

        LogDispatched(logger, due.Count, enqueued, orphans.Count);
        return enqueued;
    }

    /// <summary>
    /// Send jobs for a batch of deliveries each, several enqueued at once: every job costs Hangfire a dozen round
    /// trips to the database, and a fan-out to thousands of chats must keep ahead of the platform's rate limit.
    /// </summary>
    private int EnqueueSends(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        Parallel.ForEach(ids.Chunk(SendDeliveryJob.BatchSize), new ParallelOptions { MaxDegreeOfParallelism = ParallelEnqueues, CancellationToken = cancellationToken }, batch =>
        {
            if (batch.Length == 1)
            {
                var id = batch[0];
                jobs.Enqueue<SendDeliveryJob>(job => job.RunAsync(id, CancellationToken.None));
            }
            else
            {
                jobs.Enqueue<SendDeliveryJob>(job => job.RunBatchAsync(batch, CancellationToken.None));
            }
        });
        return ids.Count;
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

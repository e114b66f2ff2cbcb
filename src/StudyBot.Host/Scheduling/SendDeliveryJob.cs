using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using StudyBot.Core.Commands;
using StudyBot.Core.Content;
using StudyBot.Core.Delivery;
using StudyBot.Core.Digests;
using StudyBot.Core.Localization;
using StudyBot.Core.Persistence;
using StudyBot.Core.Schedule;
using StudyBot.Core.Reminders;
using StudyBot.Core.Roadmap;

namespace StudyBot.Host.Scheduling;

/// <summary>
/// Sends one claimed delivery. A sent delivery is never sent again; a transient failure is recorded and
/// rethrown so Hangfire retries with backoff; a permanent one (bot removed, chat gone) ends as Failed.
/// </summary>
/// <remarks>
/// A sender takes a delivery with a lease (Sending until <see cref="SchedulingOptions.DeliveryLease"/> from now).
/// If the process dies mid-send (SIGKILL, crash, power), the lease runs out and the delivery is taken again by the
/// job Hangfire hands back from the dead worker, or by the dispatcher's sweep. In the one ambiguous case, the
/// platform accepted the message and the process died before recording Sent, the lesson is sent again: a rare
/// duplicate beats a lost lesson. Recording Sent is retried through a database outage while the lease lasts, so a
/// database restart alone never causes that duplicate.
/// </remarks>
[AutomaticRetry(Attempts = SendDeliveryJob.MaxAttempts, DelaysInSeconds = [10, 60, 300, 900, 3600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed partial class SendDeliveryJob(
    IDbContextFactory<StudyBotDbContext> dbFactory,
    ContentCatalog catalog,
    ChatSenders senders,
    TimeProvider time,
    ILogger<SendDeliveryJob> logger,
    IOptions<SchedulingOptions>? options = null) // optional so tests and callers that predate leases keep compiling
{
    public const int MaxAttempts = 5;

    /// <summary>Deliveries per batch job, and how many of them are sent at once.</summary>
    public const int BatchSize = 10;

    private const int BatchParallelism = 5;

    private static readonly TimeSpan MaxRecordBackoff = TimeSpan.FromSeconds(5);
    private readonly TimeSpan _lease = options?.Value.DeliveryLease ?? new SchedulingOptions().DeliveryLease;

    public async Task RunAsync(long deliveryId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var delivery = await db.Deliveries.SingleOrDefaultAsync(d => d.Id == deliveryId, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (delivery is null || !DeliveryClaims.IsFree(delivery, now))
        {
            return; // sent, given up, or held by a live sender: a duplicate job must not send again
        }

        var chat = await db.Chats.SingleAsync(c => c.Id == delivery.ChatId, cancellationToken).ConfigureAwait(false);
        ReminderSend? reminder = null;
        if (delivery.Kind == DeliveryKind.Reminder)
        {
            (reminder, var skipped) = await ReminderDelivery.PrepareAsync(db, catalog, chat, delivery, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (reminder is null)
            {
                delivery.Status = DeliveryStatus.Skipped; // e.g. the member checked in after the claim
                delivery.LastError = skipped;
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        var reply = reminder?.Reply ?? await ComposeAsync(db, chat, delivery, cancellationToken).ConfigureAwait(false);
        if (reply is null)
        {
            delivery.Status = DeliveryStatus.Failed;
            delivery.LastError = "nothing to post that day";
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        // Pending, or Sending whose holder died mid-send: of duplicate jobs for this delivery, one sends.
        var leaseUntil = now + _lease;
        if (!await DeliveryClaims.TryTakeAsync(db, deliveryId, now, leaseUntil, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var attempts = delivery.Attempts + 1; // as the take just counted it

        // From here on nothing is cancelled: the sender keeps sending a message whose waiter gave up, so a job that
        // stopped waiting (shutdown, a failing neighbour) would leave it sent but not recorded, and it would go out
        // again once the lease ran out. The send has its own timeouts and attempts; recording is bounded by the lease.
        var result = reminder is not null
            ? await senders.SendDirectAsync(chat.Platform, reminder.Recipient, reply, CancellationToken.None).ConfigureAwait(false)
            : await senders.SendAsync(new ChatRef(chat.Platform, chat.ExternalId, chat.Kind, chat.Title), null, reply, CancellationToken.None).ConfigureAwait(false);
        if (result.RecipientUnreachable && delivery.MemberId is long memberId)
        {
            await ReminderDelivery.MarkUnreachableAsync(db, memberId, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        }
        if (result.Delivered)
        {
            await RecordAsync(deliveryId, DeliveryStatus.Sent, null, time.GetUtcNow(), leaseUntil, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        var error = Clip(result.Error ?? "not delivered");
        var status = result.Permanent || attempts > MaxAttempts ? DeliveryStatus.Failed : DeliveryStatus.Pending;
        await RecordAsync(deliveryId, status, error, null, leaseUntil, CancellationToken.None).ConfigureAwait(false);
        if (!result.Permanent)
        {
            LogRetry(logger, deliveryId, chat.Id, error);
            throw new DeliveryFailedException($"Delivery {deliveryId} to chat {chat.Id} failed: {error}");
        }
    }

    /// <summary>
    /// Sends several deliveries in one job, a few at a time. A fan-out to thousands of chats enqueues batches:
    /// Hangfire's own bookkeeping per job costs more than a send. Each delivery is still taken with its own lease,
    /// so a retried or duplicated batch skips what was sent; if any failed for now, the batch fails and Hangfire
    /// retries it with backoff.
    /// </summary>
    public async Task RunBatchAsync(long[] deliveryIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryIds);
        var failed = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        await Parallel.ForEachAsync(deliveryIds, new ParallelOptions { MaxDegreeOfParallelism = BatchParallelism, CancellationToken = cancellationToken }, async (id, token) =>
        {
            try
            {
                await RunAsync(id, token).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // one delivery's failure (a database hiccup, a 5xx) must not stop its neighbours; all are rethrown below
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failed.Enqueue(ex);
            }
        }).ConfigureAwait(false);
        if (!failed.IsEmpty)
        {
            throw new DeliveryFailedException($"{failed.Count} of {deliveryIds.Length} deliveries failed for now: {failed.First().Message}", new AggregateException(failed));
        }
    }


    /// <summary>
    /// Records how the send ended and releases the lease. The platform has already answered, so losing this write
    /// would mean sending again once the lease runs out: it is retried through a database outage while the lease lasts.
    /// </summary>
    private async Task RecordAsync(long deliveryId, DeliveryStatus status, string? error, DateTimeOffset? sentAt, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
                await db.Deliveries.Where(d => d.Id == deliveryId).ExecuteUpdateAsync(
                    d => d.SetProperty(x => x.Status, status).SetProperty(x => x.LastError, error).SetProperty(x => x.SentAt, sentAt).SetProperty(x => x.LeaseUntil, (DateTimeOffset?)null),
                    cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (IsDatabaseError(ex) && time.GetUtcNow() + backoff < leaseUntil)
            {
                LogRecordRetry(logger, deliveryId, status, (ex.InnerException ?? ex).Message);
                await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxRecordBackoff.Ticks));
            }
        }
    }

    private async Task<Reply?> ComposeAsync(StudyBotDbContext db, Chat chat, StudyBot.Core.Persistence.Delivery delivery, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var language = Languages.Parse(chat.Language) ?? Language.En;
        if (delivery.Kind == DeliveryKind.WeeklyDigest)
        {
            return await WeeklyDigest.ComposeAsync(db, catalog, chat, now, language, cancellationToken).ConfigureAwait(false);
        }

        var schedule = GroupSchedule.For(catalog, chat.TrackId, chat.StartDate, chat.TimeZone, now);
        var day = delivery.LocalDate.DayNumber - chat.StartDate.DayNumber + 1;
        return delivery.Kind == DeliveryKind.DailyLesson && schedule.LessonOnDay(day) is { } lesson
            ? LessonPost.Compose(catalog, lesson, day, language, isToday: day == schedule.Day)
            : null;
    }

    /// <summary>Npgsql's error, or EF's "likely a transient failure" wrapper around it (a refused or broken connection).</summary>
    private static bool IsDatabaseError(Exception ex) => ex is NpgsqlException || ex.InnerException is NpgsqlException;

    private static string Clip(string text) => text.Length <= 1000 ? text : text[..1000];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId}: could not record {Status} yet, retrying: {Error}")]
    private static partial void LogRecordRetry(ILogger logger, long deliveryId, DeliveryStatus status, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} to chat {ChatId} failed, will retry: {Error}")]
    private static partial void LogRetry(ILogger logger, long deliveryId, long chatId, string? error);
}

/// <summary>Thrown so Hangfire records the failure and schedules the retry.</summary>
public sealed class DeliveryFailedException : Exception
{
    public DeliveryFailedException(string message) : base(message) { }

    public DeliveryFailedException(string message, Exception inner) : base(message, inner) { }

    public DeliveryFailedException() { }
}

using Hangfire;
using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Commands;
using StudyBot.Core.Content;
using StudyBot.Core.Delivery;
using StudyBot.Core.Digests;
using StudyBot.Core.Localization;
using StudyBot.Core.Persistence;
using StudyBot.Core.Reminders;
using StudyBot.Core.Roadmap;

namespace StudyBot.Host.Scheduling;

/// <summary>
/// Sends one claimed delivery. A sent delivery is never sent again; a transient failure is recorded and
/// rethrown so Hangfire retries with backoff; a permanent one (bot removed, chat gone) ends as Failed.
/// </summary>
[AutomaticRetry(Attempts = SendDeliveryJob.MaxAttempts, DelaysInSeconds = [10, 60, 300, 900, 3600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed partial class SendDeliveryJob(
    IDbContextFactory<StudyBotDbContext> dbFactory,
    ContentCatalog catalog,
    ChatSenders senders,
    TimeProvider time,
    ILogger<SendDeliveryJob> logger)
{
    public const int MaxAttempts = 5;

    public async Task RunAsync(long deliveryId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var delivery = await db.Deliveries.SingleOrDefaultAsync(d => d.Id == deliveryId, cancellationToken).ConfigureAwait(false);
        if (delivery is null || delivery.Status != DeliveryStatus.Pending)
        {
            return; // sent or given up already: a duplicate job must not send again
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

        // Take the send atomically (Pending → Sending): a duplicate job for the same delivery (an orphan
        // re-enqueued while the first still waited in the queue) finds it taken and leaves it to the other.
        var taken = await db.Deliveries
            .Where(d => d.Id == deliveryId && d.Status == DeliveryStatus.Pending)
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.Status, DeliveryStatus.Sending).SetProperty(x => x.Attempts, x => x.Attempts + 1), cancellationToken).ConfigureAwait(false);
        if (taken == 0)
        {
            return;
        }

        await db.Entry(delivery).ReloadAsync(cancellationToken).ConfigureAwait(false);
        var result = reminder is not null
            ? await senders.SendDirectAsync(chat.Platform, reminder.Recipient, reply, cancellationToken).ConfigureAwait(false)
            : await senders.SendAsync(new ChatRef(chat.Platform, chat.ExternalId, chat.Kind, chat.Title), null, reply, cancellationToken).ConfigureAwait(false);
        if (result.RecipientUnreachable && delivery.MemberId is long memberId)
        {
            await ReminderDelivery.MarkUnreachableAsync(db, memberId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        if (result.Delivered)
        {
            delivery.Status = DeliveryStatus.Sent;
            delivery.SentAt = time.GetUtcNow();
            delivery.LastError = null;
        }
        else
        {
            delivery.LastError = Clip(result.Error ?? "not delivered");
            delivery.Status = result.Permanent || delivery.Attempts > MaxAttempts ? DeliveryStatus.Failed : DeliveryStatus.Pending;
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (!result.Delivered && !result.Permanent)
        {
            LogRetry(logger, deliveryId, chat.Id, delivery.LastError);
            throw new DeliveryFailedException($"Delivery {deliveryId} to chat {chat.Id} failed: {delivery.LastError}");
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

    private static string Clip(string text) => text.Length <= 1000 ? text : text[..1000];

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

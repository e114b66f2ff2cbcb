using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Core.Content;
using StudyBot.Core.Digests;
using StudyBot.Core.Email;
using StudyBot.Core.Localization;
using StudyBot.Core.Persistence;
using StudyBot.Core.Schedule;
using StudyBot.Host.Scheduling;

namespace StudyBot.Host.Email;

/// <summary>
/// Mails one claimed digest to one subscriber. Sent once: the delivery is taken Pending → Sending before the
/// SMTP conversation. A 4xx or an unreachable server is recorded and rethrown so Hangfire retries with backoff;
/// a 5xx refusal ends as Failed with the server's reason. A member who unsubscribed meanwhile gets nothing.
/// The take carries a lease, as daily posts do (<see cref="SendDeliveryJob"/>): a process that dies mid-mail leaves
/// an expiring hold, and the mail is sent again rather than lost.
/// </summary>
[AutomaticRetry(Attempts = MaxAttempts, DelaysInSeconds = [30, 120, 600, 1800, 3600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed partial class SendEmailDigestJob(
    IDbContextFactory<StudyBotDbContext> dbFactory,
    ContentCatalog catalog,
    IEmailSender mail,
    TimeProvider time,
    ILogger<SendEmailDigestJob> logger,
    IOptions<SchedulingOptions>? options = null)
{
    private readonly TimeSpan _lease = options?.Value.DeliveryLease ?? new SchedulingOptions().DeliveryLease;

    public const int MaxAttempts = 5;

    public async Task RunAsync(long deliveryId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var delivery = await db.Deliveries.SingleOrDefaultAsync(d => d.Id == deliveryId && d.Kind == DeliveryKind.EmailDigest, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (delivery is not { MemberId: long memberId } || !DeliveryClaims.IsFree(delivery, now))
        {
            return; // sent, given up, or held by a live sender: a duplicate job must not mail again
        }

        var subscription = await db.EmailSubscriptions.AsNoTracking()
            .SingleOrDefaultAsync(s => s.ChatId == delivery.ChatId && s.MemberId == memberId, cancellationToken).ConfigureAwait(false);
        var stop = subscription is not { ConfirmedAt: not null, UnsubscribedAt: null } ? "unsubscribed before sending"
            : !mail.IsConfigured || mail.PublicBaseUrl is null ? "email is not configured"
            : null;
        if (stop is not null)
        {
            await FinishAsync(db, delivery, DeliveryStatus.Failed, stop, cancellationToken).ConfigureAwait(false);
            return;
        }

        var chat = await db.Chats.AsNoTracking().SingleAsync(c => c.Id == delivery.ChatId, cancellationToken).ConfigureAwait(false);
        var member = await db.Members.AsNoTracking().SingleAsync(m => m.Id == memberId, cancellationToken).ConfigureAwait(false);
        var language = Languages.Parse(member.Language) ?? Languages.Parse(chat.Language) ?? Language.En;
        var digest = await WeeklyDigest.ComposeAsync(db, catalog, chat, time.GetUtcNow(), language, cancellationToken).ConfigureAwait(false);
        var message = EmailMessages.Digest(
            subscription!.Email,
            SubscribeHandler.GroupName(chat),
            delivery.LocalDate,
            digest,
            EmailMessages.UnsubscribeUrl(mail.PublicBaseUrl!, subscription.UnsubscribeToken),
            language);

        // Pending, or Sending whose holder died mid-send: of duplicate jobs for this delivery, one sends.
        var leaseUntil = now + _lease;
        if (!await DeliveryClaims.TryTakeAsync(db, deliveryId, now, leaseUntil, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        await db.Entry(delivery).ReloadAsync(cancellationToken).ConfigureAwait(false);
        var result = await mail.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (result.Delivered)
        {
            delivery.SentAt = time.GetUtcNow();
            await FinishAsync(db, delivery, DeliveryStatus.Sent, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var error = Clip(result.Error ?? "not delivered");
        var status = result.Permanent || delivery.Attempts > MaxAttempts ? DeliveryStatus.Failed : DeliveryStatus.Pending;
        await FinishAsync(db, delivery, status, error, cancellationToken).ConfigureAwait(false);
        if (status == DeliveryStatus.Pending)
        {
            LogRetry(logger, deliveryId, delivery.Attempts);
            throw new DeliveryFailedException($"Digest mail {deliveryId} failed transiently (attempt {delivery.Attempts}); the reason is in the delivery row");
        }

        LogGivenUp(logger, deliveryId);
    }

    private static async Task FinishAsync(StudyBotDbContext db, StudyBot.Core.Persistence.Delivery delivery, DeliveryStatus status, string? error, CancellationToken cancellationToken)
    {
        delivery.Status = status;
        delivery.LastError = error;
        delivery.LeaseUntil = null;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }


    private static string Clip(string text) => text.Length <= 1000 ? text : text[..1000];

    // The error text may echo the address, so logs carry only the delivery id.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest mail {DeliveryId} failed (attempt {Attempt}), will retry")]
    private static partial void LogRetry(ILogger logger, long deliveryId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest mail {DeliveryId} failed permanently; the reason is in the delivery row")]
    private static partial void LogGivenUp(ILogger logger, long deliveryId);
}

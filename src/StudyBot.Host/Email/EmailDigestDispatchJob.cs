using Hangfire;
using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Email;
using StudyBot.Core.Persistence;
using StudyBot.Core.Schedule;
using StudyBot.Host.Scheduling;

namespace StudyBot.Host.Email;

/// <summary>
/// Every minute, when email is on: claims a mailed-digest delivery for each confirmed subscriber of a chat whose
/// weekly digest is due, and enqueues one send per claim. The unique (chat, kind, date, member) row makes each
/// mail go out once across retries, workers and restarts.
/// </summary>
public sealed partial class EmailDigestDispatchJob(
    IDbContextFactory<StudyBotDbContext> dbFactory,
    IEmailSender mail,
    TimeProvider time,
    IBackgroundJobClient jobs,
    ILogger<EmailDigestDispatchJob> logger)
{
    public const string RecurringId = "email-digest-dispatch";

    /// <summary>Claimed but never sent after this long: the dispatcher died between claim and enqueue.</summary>
    private static readonly TimeSpan Orphaned = TimeSpan.FromMinutes(10);

    public Task<int> RunAsync(CancellationToken cancellationToken) =>
        JobRunLock.RunAloneAsync(dbFactory, nameof(EmailDigestDispatchJob), RunOnceAsync, cancellationToken);

    private async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!mail.IsConfigured)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var due = await DueEmailDigests.FindAsync(db, now, cancellationToken).ConfigureAwait(false);
        var claims = await DeliveryClaims.TryClaimForMembersAsync(
            db, DeliveryKind.EmailDigest, due.Select(d => new MemberDue(d.ChatId, d.MemberId, d.LocalDate)).ToList(), now, cancellationToken).ConfigureAwait(false);
        foreach (var claim in claims)
        {
            var id = claim.DeliveryId;
            jobs.Enqueue<SendEmailDigestJob>(job => job.RunAsync(id, CancellationToken.None));
        }

        var enqueued = claims.Count;
        var cutoff = now - Orphaned;
        var orphans = await db.Deliveries
            .Where(d => d.Kind == DeliveryKind.EmailDigest)
            .Where(d => (d.Status == DeliveryStatus.Pending && d.Attempts == 0 && d.CreatedAt < cutoff)
                || (d.Status == DeliveryStatus.Sending && (d.LeaseUntil == null || d.LeaseUntil < now))) // its sender died mid-mail
            .Select(d => d.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in orphans)
        {
            jobs.Enqueue<SendEmailDigestJob>(job => job.RunAsync(id, CancellationToken.None));
        }

        if (due.Count > 0 || orphans.Count > 0)
        {
            LogDispatched(logger, due.Count, enqueued, orphans.Count);
        }

        return enqueued;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Email digests: {Due} due, {Enqueued} sends enqueued, {Orphans} orphaned re-enqueued")]
    private static partial void LogDispatched(ILogger logger, int due, int enqueued, int orphans);
}

using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Persistence;

namespace StudyBot.Core.Schedule;

/// <summary>
/// The exactly-once gate: a delivery row is unique per (chat, kind, local date), so of any number of
/// dispatchers, retries and workers only the first insert wins the right to send.
/// </summary>
public static class DeliveryClaims
{
    /// <summary>
    /// (chat, local date) of every delivery of <paramref name="kind"/> near today: a local date is at most a day
    /// either side of the UTC date, so these are all a "due today" check can need.
    /// </summary>
    public static async Task<HashSet<(long ChatId, DateOnly LocalDate)>> ClaimedNearAsync(StudyBotDbContext db, DeliveryKind kind, DateTimeOffset utcNow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var utcToday = DateOnly.FromDateTime(utcNow.UtcDateTime);
        var rows = await db.Deliveries.AsNoTracking()
            .Where(d => d.Kind == kind && d.LocalDate >= utcToday.AddDays(-1) && d.LocalDate <= utcToday.AddDays(1))
            .Select(d => new { d.ChatId, d.LocalDate })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(d => (d.ChatId, d.LocalDate)).ToHashSet();
    }

    /// <summary>The new delivery's id, or null when that chat already has this kind of delivery for that date.</summary>
    public static async Task<long?> TryClaimAsync(StudyBotDbContext db, long chatId, DeliveryKind kind, DateOnly localDate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = await db.Database.SqlQuery<long>(
            $"""
            INSERT INTO studybot.deliveries (chat_id, kind, local_date, status, attempts, created_at)
            VALUES ({chatId}, {kind.ToString()}, {localDate}, {DeliveryStatus.Pending.ToString()}, 0, {now})
            ON CONFLICT (chat_id, kind, local_date, member_id) DO NOTHING
            RETURNING id
            """).ToListAsync(cancellationToken).ConfigureAwait(false);
        return ids.Count == 0 ? null : ids[0];
    }

    /// <summary>
    /// Nobody holds the delivery: still to send, or its sender's lease ran out (it died mid-send). The one rule every
    /// send job takes a delivery by.
    /// </summary>
    public static Expression<Func<Persistence.Delivery, bool>> Free(DateTimeOffset now) =>
        d => d.Status == DeliveryStatus.Pending || (d.Status == DeliveryStatus.Sending && (d.LeaseUntil == null || d.LeaseUntil < now));

    /// <summary><see cref="Free"/> for a delivery already loaded.</summary>
    public static bool IsFree(Persistence.Delivery delivery, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return delivery.Status == DeliveryStatus.Pending || (delivery.Status == DeliveryStatus.Sending && (delivery.LeaseUntil is null || delivery.LeaseUntil < now));
    }

    /// <summary>
    /// Takes a delivery's send atomically: if it is <see cref="Free"/>, it becomes Sending under a lease until
    /// <paramref name="leaseUntil"/> and its attempt is counted. Of duplicate jobs for one delivery, one gets true.
    /// </summary>
    public static async Task<bool> TryTakeAsync(StudyBotDbContext db, long deliveryId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Deliveries
            .Where(d => d.Id == deliveryId).Where(Free(now))
            .ExecuteUpdateAsync(
                d => d.SetProperty(x => x.Status, DeliveryStatus.Sending).SetProperty(x => x.Attempts, x => x.Attempts + 1).SetProperty(x => x.LeaseUntil, leaseUntil),
                cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Claims many chats' deliveries of one kind in one statement (a fan-out of thousands would otherwise be
    /// thousands of round trips); returns the ids of the new deliveries, leaving out those already claimed.
    /// </summary>
    public static async Task<IReadOnlyList<long>> TryClaimManyAsync(StudyBotDbContext db, DeliveryKind kind, IReadOnlyCollection<(long ChatId, DateOnly LocalDate)> claims, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(claims);
        if (claims.Count == 0)
        {
            return [];
        }

        var chatIds = claims.Select(c => c.ChatId).ToArray();
        var dates = claims.Select(c => c.LocalDate).ToArray();
        return await db.Database.SqlQuery<long>(
            $"""
            INSERT INTO studybot.deliveries (chat_id, kind, local_date, status, attempts, created_at)
            SELECT claim.chat_id, {kind.ToString()}, claim.local_date, {DeliveryStatus.Pending.ToString()}, 0, {now}
            FROM unnest({chatIds}, {dates}) AS claim(chat_id, local_date)
            ON CONFLICT (chat_id, kind, local_date, member_id) DO NOTHING
            RETURNING id
            """).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Claims one delivery per (chat, member, local date) in one statement; returns the ids of the rows this call
    /// inserted. Rows another dispatcher (or an earlier run) holds already are left out, so each member gets one.
    /// </summary>
    public static async Task<IReadOnlyList<MemberClaim>> TryClaimForMembersAsync(StudyBotDbContext db, DeliveryKind kind, IReadOnlyCollection<MemberDue> due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(due);
        if (due.Count == 0)
        {
            return [];
        }

        var chatIds = due.Select(d => d.ChatId).ToArray();
        var memberIds = due.Select(d => d.MemberId).ToArray();
        var dates = due.Select(d => d.LocalDate).ToArray();
        return await db.Database.SqlQuery<MemberClaim>(
            $"""
            INSERT INTO studybot.deliveries (chat_id, member_id, kind, local_date, status, attempts, created_at)
            SELECT due.chat_id, due.member_id, {kind.ToString()}, due.local_date, {DeliveryStatus.Pending.ToString()}, 0, {now}
            FROM unnest({chatIds}, {memberIds}, {dates}) AS due(chat_id, member_id, local_date)
            ON CONFLICT (chat_id, kind, local_date, member_id) DO NOTHING
            RETURNING id AS delivery_id, chat_id, member_id
            """).ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>A member delivery that should exist: for this member of this chat on this local date.</summary>
public sealed record MemberDue(long ChatId, long MemberId, DateOnly LocalDate);

/// <summary>A member delivery this dispatcher claimed.</summary>
public sealed record MemberClaim(long DeliveryId, long ChatId, long MemberId);

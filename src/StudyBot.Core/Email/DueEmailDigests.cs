using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Persistence;
using StudyBot.Core.Roadmap;
using StudyBot.Core.Schedule;

namespace StudyBot.Core.Email;

/// <summary>A mailed digest that should go out now: one confirmed subscriber of one chat.</summary>
public sealed record DueEmailDigest(long ChatId, long MemberId, DateOnly LocalDate);

/// <summary>
/// When a chat's weekly digest is due (its weekday, after its time, in its zone, active and not paused), each
/// confirmed, still-subscribed member is due a mail, unless a mailed-digest delivery for that day exists.
/// </summary>
public static class DueEmailDigests
{
    public static async Task<IReadOnlyList<DueEmailDigest>> FindAsync(StudyBotDbContext db, DateTimeOffset utcNow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var subscribers = await db.EmailSubscriptions.AsNoTracking()
            .Where(s => s.ConfirmedAt != null && s.UnsubscribedAt == null)
            .Join(db.Chats.Where(c => c.Active && !c.Paused), s => s.ChatId, c => c.Id,
                (s, c) => new { c.Id, s.MemberId, c.TimeZone, c.DigestDay, c.DigestTime })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (subscribers.Count == 0)
        {
            return [];
        }

        var utcToday = DateOnly.FromDateTime(utcNow.UtcDateTime);
        var claimed = (await db.Deliveries.AsNoTracking()
            .Where(d => d.Kind == DeliveryKind.EmailDigest && d.LocalDate >= utcToday.AddDays(-1) && d.LocalDate <= utcToday.AddDays(1))
            .Select(d => new { d.ChatId, d.MemberId, d.LocalDate })
            .ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(d => (d.ChatId, d.MemberId, d.LocalDate))
            .ToHashSet();

        var due = new List<DueEmailDigest>();
        foreach (var s in subscribers.Where(s => ZoneClock.IsKnownZone(s.TimeZone)))
        {
            var (localDate, passed) = PostTimes.Today(utcNow, s.DigestTime, s.TimeZone);
            if (passed && localDate.DayOfWeek == s.DigestDay && !claimed.Contains((s.Id, (long?)s.MemberId, localDate)))
            {
                due.Add(new DueEmailDigest(s.Id, s.MemberId, localDate));
            }
        }

        return due;
    }
}

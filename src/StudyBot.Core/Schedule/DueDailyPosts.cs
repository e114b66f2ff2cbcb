using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Content;
using StudyBot.Core.Persistence;
using StudyBot.Core.Roadmap;

namespace StudyBot.Core.Schedule;

/// <summary>A daily lesson that should go out now: the chat, its local date, and the route day.</summary>
public sealed record DuePost(long ChatId, DateOnly LocalDate, int Day, string LessonId);

/// <summary>
/// Finds the chats whose daily lesson is due: active, not paused, today's local post time passed, the route
/// running, and no delivery row yet for (chat, daily lesson, today). Only today counts: after downtime the
/// missed post of today goes out once, earlier missed days are not replayed.
/// </summary>
public static class DueDailyPosts
{
    public static async Task<IReadOnlyList<DuePost>> FindAsync(StudyBotDbContext db, ContentCatalog catalog, DateTimeOffset utcNow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);

        var chats = await db.Chats.AsNoTracking()
            .Where(c => c.Active && !c.Paused)
            .Select(c => new { c.Id, c.TimeZone, c.PostTime, c.StartDate, c.TrackId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var delivered = await DeliveryClaims.ClaimedNearAsync(db, DeliveryKind.DailyLesson, utcNow, cancellationToken).ConfigureAwait(false);

        var due = new List<DuePost>();
        foreach (var chat in chats)
        {
            if (!ZoneClock.IsKnownZone(chat.TimeZone))
            {
                continue; // /setup validates zones; a row edited by hand must not stop every other chat
            }

            var (localDate, passed) = PostTimes.Today(utcNow, chat.PostTime, chat.TimeZone);
            if (!passed || delivered.Contains((chat.Id, localDate)))
            {
                continue;
            }

            var schedule = GroupSchedule.For(catalog, chat.TrackId, chat.StartDate, chat.TimeZone, utcNow);
            if (schedule.TodaysLesson is { } lesson)
            {
                due.Add(new DuePost(chat.Id, localDate, schedule.Day, lesson.Id));
            }
        }

        return due;
    }
}

/// <summary>A weekly digest that should go out now.</summary>
public sealed record DueDigest(long ChatId, DateOnly LocalDate);

/// <summary>
/// Chats whose digest weekday is today (in their zone) and whose digest time has passed, with no digest
/// delivery for today yet. A digest day missed during downtime is not sent late on another day.
/// </summary>
public static class DueDigests
{
    public static async Task<IReadOnlyList<DueDigest>> FindAsync(StudyBotDbContext db, DateTimeOffset utcNow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var chats = await db.Chats.AsNoTracking()
            .Where(c => c.Active && !c.Paused)
            .Select(c => new { c.Id, c.TimeZone, c.DigestDay, c.DigestTime })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var sent = await DeliveryClaims.ClaimedNearAsync(db, DeliveryKind.WeeklyDigest, utcNow, cancellationToken).ConfigureAwait(false);

        var due = new List<DueDigest>();
        foreach (var chat in chats.Where(c => ZoneClock.IsKnownZone(c.TimeZone)))
        {
            var (localDate, passed) = PostTimes.Today(utcNow, chat.DigestTime, chat.TimeZone);
            if (passed && localDate.DayOfWeek == chat.DigestDay && !sent.Contains((chat.Id, localDate)))
            {
                due.Add(new DueDigest(chat.Id, localDate));
            }
        }

        return due;
    }
}

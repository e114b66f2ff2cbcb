using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Content;
using StudyBot.Core.Persistence;
using StudyBot.Core.Roadmap;
using StudyBot.Core.Schedule;

namespace StudyBot.Core.Reminders;

/// <summary>
/// The evening reminders that should exist now: in every active, unpaused chat whose route runs today and whose
/// local evening time has passed (DST-correct, as <see cref="PostTimes"/>), each member with reminders on, reachable,
/// without a check-in for the chat's local today and without today's reminder yet. Only today counts, so after
/// downtime nobody gets the evenings they missed. Two queries whatever the number of chats and members.
/// </summary>
public static class DueReminders
{
    public static async Task<IReadOnlyList<MemberDue>> FindAsync(StudyBotDbContext db, ContentCatalog catalog, DateTimeOffset utcNow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var chats = await db.Chats.AsNoTracking()
            .Where(c => c.Active && !c.Paused && c.Memberships.Any(m => m.RemindersOn))
            .Select(c => new { c.Id, c.TimeZone, c.EveningTime, c.StartDate, c.TrackId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var chatIds = new List<long>();
        var dates = new List<DateOnly>();
        foreach (var chat in chats.Where(c => ZoneClock.IsKnownZone(c.TimeZone)))
        {
            var (localDate, passed) = PostTimes.Today(utcNow, chat.EveningTime, chat.TimeZone);
            if (passed && GroupSchedule.For(catalog, chat.TrackId, chat.StartDate, chat.TimeZone, utcNow).TodaysLesson is not null)
            {
                chatIds.Add(chat.Id);
                dates.Add(localDate);
            }
        }

        if (chatIds.Count == 0)
        {
            return [];
        }

        var chatArray = chatIds.ToArray();
        var dateArray = dates.ToArray();
        var reminder = nameof(DeliveryKind.Reminder);
        return await db.Database.SqlQuery<MemberDue>(
            $"""
            SELECT today.chat_id AS chat_id, ms.member_id AS member_id, today.local_date AS local_date
            FROM unnest({chatArray}, {dateArray}) AS today(chat_id, local_date)
            JOIN studybot.memberships ms ON ms.chat_id = today.chat_id AND ms.reminders_on
            JOIN studybot.members m ON m.id = ms.member_id AND m.unreachable_since IS NULL
            WHERE NOT EXISTS (SELECT 1 FROM studybot.check_ins c
                              WHERE c.chat_id = today.chat_id AND c.member_id = ms.member_id AND c.local_date = today.local_date)
              AND NOT EXISTS (SELECT 1 FROM studybot.deliveries d
                              WHERE d.chat_id = today.chat_id AND d.kind = {reminder} AND d.local_date = today.local_date AND d.member_id = ms.member_id)
            ORDER BY today.chat_id, ms.member_id
            """).ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}

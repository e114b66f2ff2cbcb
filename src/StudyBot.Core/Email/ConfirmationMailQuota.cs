using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Persistence;

namespace StudyBot.Core.Email;

/// <summary>
/// At most <see cref="PerMemberPerDay"/> confirmation mails per member and UTC day, across all their chats, so
/// /subscribe cannot be turned into a way to flood somebody's inbox. Counted in <see cref="DeliveryKind.EmailCode"/>
/// rows (one per chat, member and day, attempts = mails), taken before the mail goes out.
/// </summary>
public static class ConfirmationMailQuota
{
    public const int PerMemberPerDay = 3;

    /// <summary>True when this mail may go out (and is now counted); false when today's quota is used up.</summary>
    public static async Task<bool> TryTakeAsync(StudyBotDbContext db, long chatId, long memberId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var kind = DeliveryKind.EmailCode.ToString();
        var sent = DeliveryStatus.Sent.ToString();
        var taken = await db.Database.SqlQuery<int>(
            $"""
            WITH today AS (
                SELECT COALESCE(SUM(attempts), 0) AS mails FROM studybot.deliveries
                WHERE member_id = {memberId} AND kind = {kind} AND local_date = {day})
            INSERT INTO studybot.deliveries (chat_id, member_id, kind, local_date, status, attempts, created_at, sent_at)
            SELECT {chatId}, {memberId}, {kind}, {day}, {sent}, 1, {now}, {now} FROM today WHERE today.mails < {PerMemberPerDay}
            ON CONFLICT (chat_id, kind, local_date, member_id) DO UPDATE SET attempts = deliveries.attempts + 1, sent_at = EXCLUDED.sent_at
            RETURNING attempts
            """).ToListAsync(cancellationToken).ConfigureAwait(false);
        return taken.Count > 0;
    }
}

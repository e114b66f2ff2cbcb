using Microsoft.EntityFrameworkCore;
using NodaTime;
using StudyBot.Core.Persistence;
using StudyBot.Core.Roadmap;

namespace StudyBot.Core.Quizzes.BackgroundGrading;

/// <summary>
/// How many open answers of a member went to the LLM today (the chat's local day), counted from the stored answers:
/// pending ones, LLM grades and LLM failures; not answers graded offline by choice. No extra table, and it holds
/// across restarts and replicas.
/// </summary>
public static class DailyGradeBudget
{
    public static async Task<int> UsedTodayAsync(StudyBotDbContext db, long memberId, string timeZone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var dayStart = StartOfLocalDay(now, timeZone);
        return await db.QuizAnswers
            .Where(a => a.Kind == QuestionKind.Open && a.AnsweredAt >= dayStart && a.Grader != GraderNames.Offline && a.Attempt!.MemberId == memberId)
            .CountAsync(cancellationToken).ConfigureAwait(false);
    }

    public static DateTimeOffset StartOfLocalDay(DateTimeOffset now, string timeZone)
    {
        var zone = ZoneClock.Zone(timeZone);
        var date = Instant.FromDateTimeOffset(now).InZone(zone).Date;
        return zone.AtStartOfDay(date).ToDateTimeOffset();
    }
}

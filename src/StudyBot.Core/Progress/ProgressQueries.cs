using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Persistence;

namespace StudyBot.Core.Progress;

/// <summary>One member's standing in one chat.</summary>
public sealed record MemberStanding(long MemberId, string DisplayName, StreakSummary Streak, int QuizzesCompleted, double QuizAverage);

/// <summary>Reads check-ins and quiz results for /me, /streak and /leaderboard.</summary>
public static class ProgressQueries
{
    public static async Task<IReadOnlyList<DateOnly>> CheckInDatesAsync(StudyBotDbContext db, long chatId, long memberId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.CheckIns
            .Where(c => c.ChatId == chatId && c.MemberId == memberId)
            .Select(c => c.LocalDate)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every member of the chat with a check-in or a finished quiz, best first.</summary>
    public static async Task<IReadOnlyList<MemberStanding>> StandingsAsync(StudyBotDbContext db, long chatId, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var checkIns = await db.CheckIns.Where(c => c.ChatId == chatId)
            .Select(c => new { c.MemberId, c.LocalDate })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        // Best finished attempt per lesson counts, so retaking a quiz to practise never lowers a score.
        var attempts = await db.QuizAttempts.Where(a => a.ChatId == chatId && a.CompletedAt != null)
            .Select(a => new { a.MemberId, a.LessonId, a.Score, a.QuestionCount })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var quizzes = attempts
            .GroupBy(a => (a.MemberId, a.LessonId))
            .Select(g => (g.Key.MemberId, Ratio: g.Max(a => a.QuestionCount == 0 ? 0 : (a.Score ?? 0) / a.QuestionCount)))
            .GroupBy(x => x.MemberId)
            .ToDictionary(g => g.Key, g => (Count: g.Count(), Average: g.Average(x => x.Ratio)));

        var memberIds = checkIns.Select(c => c.MemberId).Concat(quizzes.Keys).Distinct().ToList();
        var names = await db.Members.Where(m => memberIds.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => m.DisplayName, cancellationToken).ConfigureAwait(false);
        var datesByMember = checkIns.ToLookup(c => c.MemberId, c => c.LocalDate);

        return memberIds
            .Select(id =>
            {
                var quiz = quizzes.TryGetValue(id, out var q) ? q : (Count: 0, Average: 0d);
                return new MemberStanding(id, names.GetValueOrDefault(id, "?"), Streaks.Summarize(datesByMember[id], today), quiz.Count, quiz.Average);
            })
            .OrderByDescending(s => s.Streak.Current)
            .ThenByDescending(s => s.Streak.TotalDays)
            .ThenByDescending(s => s.QuizAverage * s.QuizzesCompleted)
            .ThenBy(s => s.DisplayName, StringComparer.Ordinal)
            .ToList();
    }
}

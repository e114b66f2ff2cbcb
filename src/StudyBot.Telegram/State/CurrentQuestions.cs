using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Content;
using StudyBot.Core.Persistence;

namespace StudyBot.Telegram.State;

/// <summary>
/// Whether a poll asks the question a member is on right now. A group sees everyone's quiz polls, and old polls
/// stay answerable; only a vote on the member's own current question becomes their answer.
/// </summary>
public sealed class CurrentQuestions(IDbContextFactory<StudyBotDbContext> dbFactory, ContentCatalog catalog)
{
    public async Task<bool> IsCurrentAsync(SentPoll poll, string memberExternalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(poll);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        // Same order as the core's QuizSessions.CurrentAsync: the most recently started open attempt.
        var attempt = await db.QuizAttempts.AsNoTracking()
            .Where(a => a.ChatId == poll.Chat.Id && a.CompletedAt == null)
            .Join(db.Members.Where(m => m.Platform == Platform.Telegram && m.ExternalId == memberExternalId), a => a.MemberId, m => m.Id, (a, _) => a)
            .OrderByDescending(a => a.StartedAt).ThenByDescending(a => a.Id)
            .Select(a => new { a.LessonId, Answered = a.Answers.Count })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (attempt is null || attempt.LessonId != poll.LessonId || catalog.FindLesson(attempt.LessonId) is not { } lesson)
        {
            return false;
        }

        var choices = lesson.Quiz.MultipleChoice;
        return attempt.Answered < choices.Count && choices[attempt.Answered].Id == poll.QuestionId;
    }

    /// <summary>
    /// Whether the member answered the question a prompt asks since the prompt was sent: then a reply to the prompt
    /// has been taken already (an update handled again after a crash), and must not answer anything else.
    /// </summary>
    public async Task<bool> AnsweredSinceAsync(SentPrompt prompt, string memberExternalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        if (prompt.Question is not { } question)
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.QuizAnswers.AsNoTracking()
            .Where(a => a.QuestionId == question.QuestionId && a.AnsweredAt >= prompt.SentAt)
            .Join(db.QuizAttempts.Where(t => t.ChatId == prompt.ChatId && t.LessonId == question.LessonId), a => a.AttemptId, t => t.Id, (_, t) => t.MemberId)
            .Join(db.Members.Where(m => m.Platform == Platform.Telegram && m.ExternalId == memberExternalId), id => id, m => m.Id, (_, m) => m.Id)
            .AnyAsync(cancellationToken).ConfigureAwait(false);
    }
}

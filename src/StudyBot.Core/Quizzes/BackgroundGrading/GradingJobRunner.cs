using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StudyBot.Core.Commands;
using StudyBot.Core.Content;
using StudyBot.Core.Delivery;
using StudyBot.Core.Localization;
using StudyBot.Core.Persistence;
using StudyBot.Core.Progress;

namespace StudyBot.Core.Quizzes.BackgroundGrading;

/// <summary>
/// Runs one grading job: loads the stored answer, grades it (any failure of the grader becomes an offline grade,
/// never an error for the learner), stores the grade with its audit, and sends the feedback to the chat.
/// </summary>
public sealed partial class GradingJobRunner(
    IAnswerGrader grader,
    IDbContextFactory<StudyBotDbContext> dbFactory,
    ContentCatalog catalog,
    ChatSenders senders,
    OfflineGrading.OfflineAnswerGrader offline,
    ILogger<GradingJobRunner> logger)
{
    public async Task RunAsync(GradingJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var answer = await db.QuizAnswers
            .Include(a => a.Attempt!).ThenInclude(t => t.Answers)
            .SingleOrDefaultAsync(a => a.Id == job.AnswerId, cancellationToken).ConfigureAwait(false);
        var lesson = answer?.Attempt is { } attempt ? catalog.FindLesson(attempt.LessonId) : null;
        if (answer?.Text is null || lesson is null || lesson.Quiz.Open.Id != answer.QuestionId)
        {
            LogAnswerGone(logger, job.AnswerId);
            return;
        }

        var question = lesson.Quiz.Open;
        var previous = job.Regrade ? new PreviousGrade(answer.Grader, answer.Score) : null;
        GradeResult grade;
        try
        {
            grade = await grader.GradeAsync(new GradingRequest(question, answer.Text, job.Language, Fresh: job.Regrade), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogGraderFailed(logger, job.AnswerId, ex.GetType().Name, ex);
            grade = offline.Grade(question, answer.Text) with
            {
                Grader = GraderNames.OfflineFallback,
                Audit = new GradingAudit { Fallback = GradingFallback.Unavailable, FallbackDetail = ex.GetType().Name },
            };
        }

        OpenAnswerGrading.Apply(answer, grade, previous);
        OpenAnswerGrading.RecomputeScore(answer.Attempt!);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        var reply = Feedback(job, answer, lesson, question, grade, previous);
        var sent = await senders.SendAsync(job.Chat, job.Recipient, reply, cancellationToken).ConfigureAwait(false);
        if (!sent.Delivered)
        {
            LogNotDelivered(logger, job.AnswerId, job.Chat.Platform, sent.Error);
        }
    }

    private Reply Feedback(GradingJob job, QuizAnswer answer, Lesson lesson, OpenQuestion question, GradeResult grade, PreviousGrade? previous)
    {
        var t = Texts.For(job.Language);
        var builder = new ReplyBuilder();
        if (previous is not null)
        {
            builder.Heading(t.Regraded(answer.Id, job.Recipient.DisplayName, MeHandler.Percent(previous.Score), MeHandler.Percent(grade.Score)));
        }

        OpenAnswerFeedback.Compose(builder, catalog, job.Language, lesson, question, grade);
        var attempt = answer.Attempt!;
        if (previous is null && attempt.CompletedAt is not null)
        {
            var score = (attempt.Score ?? 0).ToString("0.#", CultureInfo.InvariantCulture);
            builder.Heading(t.QuizFinished(score, lesson.Quiz.QuestionCount));
            builder.Button(t.DoneButton, "/done").Button(t.LeaderboardButton, "/leaderboard");
        }

        return builder.Personal().Build();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answer {AnswerId} to grade is gone (deleted, or its lesson left the content)")]
    private static partial void LogAnswerGone(ILogger logger, long answerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grader failed on answer {AnswerId} ({ExceptionType}); graded offline")]
    private static partial void LogGraderFailed(ILogger logger, long answerId, string exceptionType, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feedback on answer {AnswerId} not delivered to {Platform}: {Error}")]
    private static partial void LogNotDelivered(ILogger logger, long answerId, Platform platform, string? error);
}

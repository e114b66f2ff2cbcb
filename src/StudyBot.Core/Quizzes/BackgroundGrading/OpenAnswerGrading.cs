using StudyBot.Core.Commands;
using StudyBot.Core.Persistence;
using StudyBot.Core.Quizzes.OfflineGrading;

namespace StudyBot.Core.Quizzes.BackgroundGrading;

/// <summary>
/// Decides how an open answer is graded: the offline grader inline (microseconds); an LLM in the background through
/// the <see cref="IGradingJobScheduler"/>; the offline grader inline, marked as such, when the member's daily LLM budget is
/// used up or the queue is full.
/// </summary>
public sealed class OpenAnswerGrading(IAnswerGrader grader, OfflineAnswerGrader offline, IGradingJobScheduler queue)
{
    /// <summary>A human grader passes an answer from this score on.</summary>
    public const double PassScore = 0.6;

    public bool InBackground => grader is IBackgroundAnswerGrader;

    public IAnswerGrader Grader => grader;

    /// <summary>The grade now, or null when the answer is to be stored as pending and queued.</summary>
    public async Task<GradeResult?> GradeNowOrDeferAsync(CommandContext context, OpenQuestion question, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (grader is not IBackgroundAnswerGrader background)
        {
            return await grader.GradeAsync(new GradingRequest(question, text, context.Language), cancellationToken).ConfigureAwait(false);
        }

        var limit = background.DailyGradesPerMember;
        if (limit > 0 && await DailyGradeBudget.UsedTodayAsync(context.Db, context.Member.Id, context.Chat.TimeZone, context.Now, cancellationToken).ConfigureAwait(false) >= limit)
        {
            return Offline(question, text, GradingFallback.Budget);
        }

        return null;
    }

    public Task<bool> TryQueueAsync(GradingJob job, CancellationToken cancellationToken) => queue.TryEnqueueAsync(job, cancellationToken);

    /// <summary>The offline grade, with the reason it stood in for the LLM.</summary>
    public GradeResult Offline(OpenQuestion question, string text, GradingFallback reason, string? detail = null) =>
        offline.Grade(question, text) with { Audit = new GradingAudit { Fallback = reason, FallbackDetail = detail } };

    /// <summary>
    /// Stores a grade on the answer, named <paramref name="id"/> (a regrade request's id; else a new one); a regrade
    /// keeps what it replaced in the details, and a reply handle waiting for the feedback is kept until it is sent.
    /// </summary>
    public static void Apply(QuizAnswer answer, GradeResult grade, PreviousGrade? previous = null, Guid? id = null, string? replyTo = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(grade);
        answer.Score = grade.Score;
        answer.Correct = grade.Score >= PassScore;
        answer.Grader = grade.Grader.Length <= 128 ? grade.Grader : grade.Grader[..128];
        answer.Details = GradeDetails.Serialize(grade, previous, id ?? Guid.CreateVersion7(), replyTo);
    }

    /// <summary>A finished attempt's score follows its answers' (a background grade lands after completion).</summary>
    public static void RecomputeScore(QuizAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (attempt.CompletedAt is not null)
        {
            attempt.Score = attempt.Answers.Sum(a => a.Score);
        }
    }
}

using Hangfire;
using StudyBot.Core.Commands;
using StudyBot.Core.Localization;
using StudyBot.Core.Persistence;
using StudyBot.Core.Quizzes.BackgroundGrading;

namespace StudyBot.Host.Grading;

/// <summary>
/// One open answer graded through Hangfire. Takes the job's fields one by one (not the Core record), so stored jobs
/// survive changes to that record. The runner is safe to run twice: a retry after a stored grade only sends the
/// feedback, and delivered feedback is never sent again. A failed grade (database away) or a send that may work
/// later is thrown, and Hangfire retries with the delays below; the answer stays pending until graded.
/// </summary>
[Queue(Queue)]
[AutomaticRetry(Attempts = 5, DelaysInSeconds = [5, 30, 120, 600, 1800], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class GradeAnswerJob(GradingJobRunner runner)
{
    /// <summary>Grading has a queue and workers of its own, so slow LLM calls never hold up daily posts.</summary>
    public const string Queue = "grading";

    public async Task RunAsync(
        long answerId,
        Platform platform,
        string chatId,
        ChatKind chatKind,
        string? chatTitle,
        string recipientId,
        string recipientName,
        string? recipientLocale,
        Language language,
        bool regrade,
        string? replyTo,
        CancellationToken cancellationToken)
    {
        var job = new GradingJob(
            answerId,
            new ChatRef(platform, chatId, chatKind, chatTitle),
            new SenderRef(recipientId, recipientName, recipientLocale, IsChatAdmin: false),
            language,
            regrade,
            replyTo);
        var outcome = await runner.RunAsync(job, cancellationToken).ConfigureAwait(false);
        if (outcome == GradingOutcome.NotDelivered)
        {
            throw new GradingDeliveryException($"Feedback on answer {answerId} not delivered yet; the grade is stored and a retry sends it.");
        }
    }
}

/// <summary>Thrown so Hangfire records the failed send and schedules the retry.</summary>
public sealed class GradingDeliveryException : Exception
{
    public GradingDeliveryException(string message) : base(message) { }

    public GradingDeliveryException(string message, Exception inner) : base(message, inner) { }

    public GradingDeliveryException() { }
}

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
/// No secret is an argument (Hangfire shows arguments on its dashboard): the reply handle of the learner's message
/// (a Discord interaction token) waits with the answer in the database, and the runner reads it there.
/// </summary>
[Queue(Queue)]
[AutomaticRetry(Attempts = 5, DelaysInSeconds = [5, 30, 120, 600, 1800], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class GradeAnswerJob(GradingJobRunner runner)
{
    /// <summary>Grading has a queue and workers of its own, so slow LLM calls never hold up daily posts.</summary>
    public const string Queue = "grading";

    /// <summary>
    /// Grades answer <paramref name="answerId"/> and delivers the feedback. With <paramref name="regradeId"/>, carries
    /// out that /regrade request (<see cref="RegradeRequest"/>), which asked to replace grade <paramref name="regradeReplaces"/>.
    /// </summary>
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
        Guid? regradeId,
        Guid? regradeReplaces,
        CancellationToken cancellationToken)
    {
        var job = new GradingJob(
            answerId,
            new ChatRef(platform, chatId, chatKind, chatTitle),
            new SenderRef(recipientId, recipientName, recipientLocale, IsChatAdmin: false),
            language,
            Regrade: regradeId is not null)
        {
            Request = regradeId is { } id ? new RegradeRequest(id, regradeReplaces) : null,
        };
        await RunAsync(job, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The arguments of jobs queued before regrade requests had ids and before reply handles stayed in the database:
    /// kept so such jobs, still in storage at an upgrade, run (Hangfire finds a job's method by its parameter types).
    /// </summary>
    public Task RunAsync(
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
        CancellationToken cancellationToken) =>
        RunAsync(
            new GradingJob(
                answerId,
                new ChatRef(platform, chatId, chatKind, chatTitle),
                new SenderRef(recipientId, recipientName, recipientLocale, IsChatAdmin: false),
                language,
                regrade,
                replyTo),
            cancellationToken);

    private async Task RunAsync(GradingJob job, CancellationToken cancellationToken)
    {
        var outcome = await runner.RunAsync(job, cancellationToken).ConfigureAwait(false);
        if (outcome == GradingOutcome.NotDelivered)
        {
            throw new GradingDeliveryException($"Feedback on answer {job.AnswerId} not delivered yet; the grade is stored and a retry sends it.");
        }

        if (outcome == GradingOutcome.Busy && job.Request is not null)
        {
            // Another job holds the answer: maybe this request's duplicate, maybe another job entirely. A retry then
            // sees which, and either finds this request done or carries it out; returning now could lose it.
            throw new GradingDeliveryException($"Answer {job.AnswerId} is being graded by another job; the regrade request is retried after it.");
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

namespace StudyBot.Core.Quizzes.BackgroundGrading;

/// <summary>
/// Where grading jobs go: the in-process <see cref="GradingJobs"/> (console chat, tests), or a durable job store
/// (Hangfire in the host). Enqueueing never waits for the grading itself.
/// </summary>
public interface IGradingJobScheduler
{
    /// <summary>False when the queue cannot take the job now (full, or its store is away): the caller grades offline.</summary>
    Task<bool> TryEnqueueAsync(GradingJob job, CancellationToken cancellationToken);

    /// <summary>
    /// Answers this queue already holds a job for (waiting, running or waiting to retry), so the start-up requeue of
    /// pending answers does not queue them twice.
    /// </summary>
    Task<IReadOnlySet<long>> HeldAnswersAsync(CancellationToken cancellationToken);
}

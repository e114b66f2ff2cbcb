using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Hangfire.Storage.Monitoring;
using StudyBot.Core.Quizzes.BackgroundGrading;

namespace StudyBot.Host.Grading;

/// <summary>
/// Grading jobs in Hangfire's PostgreSQL storage: they survive restarts, are retried, and any worker process may run
/// them. An enqueue is one short transaction; it fails (and the answer is graded offline at once) only when the
/// storage is away.
/// </summary>
public sealed partial class HangfireGradingScheduler(IBackgroundJobClient jobs, JobStorage storage, ILogger<HangfireGradingScheduler> logger) : IGradingJobScheduler
{
    private const int Page = 500;

    public Task<bool> TryEnqueueAsync(GradingJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        try
        {
            jobs.Enqueue<GradeAnswerJob>(j => j.RunAsync(
                job.AnswerId,
                job.Chat.Platform,
                job.Chat.ExternalId,
                job.Chat.Kind,
                job.Chat.Title,
                job.Recipient.ExternalId,
                job.Recipient.DisplayName,
                job.Recipient.Locale,
                job.Language,
                job.Regrade,
                job.ReplyTo,
                CancellationToken.None));
            return Task.FromResult(true);
        }
        catch (BackgroundJobClientException ex)
        {
            LogEnqueueFailed(logger, job.AnswerId, ex);
            return Task.FromResult(false);
        }
    }

    /// <summary>Answers with a grading job waiting, running, or scheduled for a retry (Hangfire's monitoring API).</summary>
    public Task<IReadOnlySet<long>> HeldAnswersAsync(CancellationToken cancellationToken) =>
        Task.Run<IReadOnlySet<long>>(() => HeldAnswers(storage.GetMonitoringApi(), cancellationToken), cancellationToken);

    private static HashSet<long> HeldAnswers(IMonitoringApi monitor, CancellationToken cancellationToken)
    {
        var held = new HashSet<long>();
        // A deleted job lingers in its queue until a worker skips it, and Hangfire.PostgreSql 1.21 still reports it
        // InEnqueuedState: the state's name is what tells.
        Collect(held, (from, count) => monitor.EnqueuedJobs(Queue, from, count).Select(j => IsEnqueued(j.Value) ? j.Value.Job : null), cancellationToken);
        Collect(held, (from, count) => monitor.ScheduledJobs(from, count).Select(j => j.Value is { InScheduledState: true } dto ? dto.Job : null), cancellationToken);
        Collect(held, (from, count) => monitor.ProcessingJobs(from, count).Select(j => j.Value is { InProcessingState: true } dto ? dto.Job : null), cancellationToken);
        return held;
    }

    private static bool IsEnqueued(EnqueuedJobDto? job) => string.Equals(job?.State, EnqueuedState.StateName, StringComparison.OrdinalIgnoreCase);

    private static void Collect(HashSet<long> held, Func<int, int, IEnumerable<Hangfire.Common.Job?>> page, CancellationToken cancellationToken)
    {
        for (var from = 0; ; from += Page)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var jobs = page(from, Page).ToList();
            foreach (var job in jobs)
            {
                if (job?.Type == typeof(GradeAnswerJob) && job.Args.Count > 0 && job.Args[0] is long answerId)
                {
                    held.Add(answerId);
                }
            }

            if (jobs.Count < Page)
            {
                return;
            }
        }
    }

    private const string Queue = GradeAnswerJob.Queue;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not enqueue grading of answer {AnswerId}; graded offline instead")]
    private static partial void LogEnqueueFailed(ILogger logger, long answerId, Exception exception);
}

using Hangfire;
using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Persistence;
using StudyBot.Core.Quizzes.BackgroundGrading;
using StudyBot.Host.Scheduling;

namespace StudyBot.Host.Grading;

/// <summary>
/// Every few minutes: answers still pending with no grading job anywhere (their process died between storing the
/// answer and handing the job to Hangfire, or Hangfire gave up retrying) are queued again, so an answer stays
/// pending only until it is graded, even when no process restarts. Answers younger than <see cref="Grace"/> are left
/// alone: they may still be on their way into Hangfire in another replica.
/// </summary>
[AutomaticRetry(Attempts = 0)] // the next run comes soon anyway
public sealed partial class RequeuePendingAnswersJob(
    IDbContextFactory<StudyBotDbContext> dbFactory,
    IGradingJobScheduler scheduler,
    TimeProvider time,
    ILogger<RequeuePendingAnswersJob> logger)
{
    public const string RecurringId = "grading-requeue";

    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    public Task<int> RunAsync(CancellationToken cancellationToken) =>
        JobRunLock.RunAloneAsync(dbFactory, nameof(RequeuePendingAnswersJob), RunOnceAsync, cancellationToken);

    private async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var queued = await PendingAnswers.RequeueAsync(dbFactory, scheduler, time.GetUtcNow() - Grace, cancellationToken).ConfigureAwait(false);
        if (queued > 0)
        {
            LogRequeued(logger, queued);
        }

        return queued;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queued {Count} pending answer(s) that had no grading job")]
    private static partial void LogRequeued(ILogger logger, int count);
}

/// <summary>Registers the sweep at start (idempotent: every host may do it).</summary>
public sealed class GradingRecurringJobs(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<RequeuePendingAnswersJob>(RequeuePendingAnswersJob.RecurringId, job => job.RunAsync(CancellationToken.None), "*/5 * * * *");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

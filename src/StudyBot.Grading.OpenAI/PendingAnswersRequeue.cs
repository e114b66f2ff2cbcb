using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StudyBot.Core.Persistence;
using StudyBot.Core.Quizzes.BackgroundGrading;

namespace StudyBot.Grading.OpenAI;

/// <summary>On start, queues the answers a previous process stored as pending but did not live to grade.</summary>
internal sealed partial class PendingAnswersRequeue(IDbContextFactory<StudyBotDbContext> dbFactory, IGradingJobScheduler jobs, ILogger<PendingAnswersRequeue> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var queued = await PendingAnswers.RequeueAsync(dbFactory, jobs, stoppingToken).ConfigureAwait(false);
            if (queued > 0)
            {
                LogRequeued(logger, queued);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogRequeueFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Count} answer(s) left pending by an earlier run")]
    private static partial void LogRequeued(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not requeue pending answers")]
    private static partial void LogRequeueFailed(ILogger logger, Exception exception);
}

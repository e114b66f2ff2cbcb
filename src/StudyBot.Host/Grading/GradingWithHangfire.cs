using Hangfire;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StudyBot.Core.Quizzes.BackgroundGrading;
using StudyBot.Host.Scheduling;

namespace StudyBot.Host.Grading;

/// <summary>Background grading as Hangfire jobs; call after AddStudyBotScheduling (which sets up the storage).</summary>
public static class GradingWithHangfire
{
    /// <summary>
    /// Replaces the in-process queue with Hangfire. With <paramref name="runWorkers"/>, a Hangfire server for the
    /// grading queue alone, with one worker per allowed LLM call (GradingQueueOptions.Workers follows
    /// Llm:MaxConcurrentCalls), so grading never waits behind daily posts and never holds a worker idle behind the cap.
    /// </summary>
    public static IServiceCollection AddStudyBotHangfireGrading(this IServiceCollection services, IConfiguration configuration, bool runWorkers)
    {
        // Hangfire:WorkerCount = 0 is a web-only replica: it enqueues, and worker processes grade.
        var workers = configuration.GetValue<int?>($"{SchedulingOptions.Section}:{nameof(SchedulingOptions.WorkerCount)}") ?? new SchedulingOptions().WorkerCount;
        services.AddTransient<GradeAnswerJob>();
        services.AddTransient<RequeuePendingAnswersJob>();
        services.Replace(ServiceDescriptor.Singleton<IGradingJobScheduler, HangfireGradingScheduler>());
        if (runWorkers && workers > 0)
        {
            services.AddHostedService<GradingRecurringJobs>();
            services.AddHangfireServer((provider, server) =>
            {
                server.ServerName = $"{Environment.MachineName}:grading:{Environment.ProcessId}";
                server.Queues = [GradeAnswerJob.Queue];
                server.WorkerCount = Math.Max(1, provider.GetRequiredService<IOptions<GradingQueueOptions>>().Value.Workers);
            });
        }

        return services;
    }
}

using Hangfire;

namespace StudyBot.Host.Scheduling;

/// <summary>Registers the recurring jobs at start (idempotent: every host may do it).</summary>
public sealed class RecurringJobsRegistration(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<DailyDispatchJob>(DailyDispatchJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        recurring.Trigger(DailyDispatchJob.RecurringId); // what came due while no host ran goes out now, not at the next minute
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

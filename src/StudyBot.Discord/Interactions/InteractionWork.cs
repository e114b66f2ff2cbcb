using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace StudyBot.Discord.Interactions;

/// <summary>
/// Work that outlives its interaction's first response (a deferred reply being finished). Shutdown waits for
/// it within the host's grace period and only then cancels <see cref="Stopping"/>.
/// </summary>
public sealed class InteractionWork : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly CancellationTokenSource _stopping = new();

    public CancellationToken Stopping => _stopping.Token;

    public int Running => _running.Count;

    public void Track(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        _running.TryAdd(task, 0);
        task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Waits (bounded) until nothing is running; true when idle. For tests and benchmarks.</summary>
    public async Task<bool> WhenIdleAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_running.IsEmpty && deadline - DateTime.UtcNow is { Ticks: > 0 } remaining)
        {
            await Task.WhenAny(Task.WhenAll(_running.Keys), Task.Delay(remaining)).ConfigureAwait(false);
        }

        return _running.IsEmpty;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_running.Keys).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception)
        {
            // Each task logs its own failure; shutdown goes on.
        }
        finally
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _stopping.Dispose();
}

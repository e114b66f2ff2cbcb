using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StudyBot.Core.Quizzes.BackgroundGrading;

/// <summary>
/// A bounded in-process queue of grading jobs and the workers that run them. Enqueueing never waits: a full queue
/// says no and the caller grades offline. Workers start with the first job, so no host is needed (tests, the
/// console chat). Jobs live in memory only; answers left pending by a stopped process are requeued on start.
/// </summary>
public sealed partial class GradingJobs : IGradingJobScheduler, IAsyncDisposable, IDisposable
{
    /// <summary>How long disposal waits for jobs in hand before cancelling them.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(15);

    private readonly Channel<GradingJob> _channel;
    private readonly GradingJobRunner _runner;
    private readonly ILogger<GradingJobs> _logger;
    private readonly int _workerCount;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task[]? _workers;
    private int _disposed;

    public GradingJobs(GradingJobRunner runner, IOptions<GradingQueueOptions> options, ILogger<GradingJobs> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _runner = runner;
        _logger = logger;
        _workerCount = Math.Max(1, options.Value.Workers);
        _channel = Channel.CreateBounded<GradingJob>(new BoundedChannelOptions(Math.Max(1, options.Value.Capacity))
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails at once instead of dropping a job
            SingleWriter = false,
            SingleReader = false,
        });
    }

    /// <summary>Jobs waiting for a worker.</summary>
    public int Waiting => _channel.Reader.Count;

    public bool TryEnqueue(GradingJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        EnsureStarted();
        return _channel.Writer.TryWrite(job);
    }

    public Task<bool> TryEnqueueAsync(GradingJob job, CancellationToken cancellationToken) => Task.FromResult(TryEnqueue(job));

    /// <summary>Nothing survives a process in memory, so a start-up requeue never finds a job held here.</summary>
    public Task<IReadOnlySet<long>> HeldAnswersAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlySet<long>>(new HashSet<long>());

    /// <summary>Accepts no more jobs and waits (at most <paramref name="timeout"/>) for the queued ones to finish.</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        _channel.Writer.TryComplete();
        Task[]? workers;
        lock (_gate)
        {
            workers = _workers;
        }

        if (workers is not null)
        {
            try
            {
                await Task.WhenAll(workers).WaitAsync(timeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                LogDrainTimedOut(_logger, _channel.Reader.Count);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Registered as itself and as IGradingJobScheduler, so the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await DrainAsync(DrainTimeout).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _channel.Writer.TryComplete();
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private void EnsureStarted()
    {
        if (Volatile.Read(ref _workers) is not null)
        {
            return;
        }

        lock (_gate)
        {
            _workers ??= Enumerable.Range(0, _workerCount).Select(_ => Task.Run(WorkAsync)).ToArray();
        }
    }

    private async Task WorkAsync()
    {
        var token = _stopping.Token;
        try
        {
            await foreach (var job in _channel.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                try
                {
                    await _runner.RunAsync(job, token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    // One broken job must not stop the worker; the answer stays pending and is requeued on restart.
                    LogJobFailed(_logger, job.AnswerId, ex);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Grading answer {AnswerId} failed")]
    private static partial void LogJobFailed(ILogger logger, long answerId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grading queue stopped with {Waiting} job(s) unfinished; their answers stay pending")]
    private static partial void LogDrainTimedOut(ILogger logger, int waiting);
}

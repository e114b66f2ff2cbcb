using System.Collections.Concurrent;
using System.Threading.Channels;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Hangfire.Storage.Monitoring;
using Microsoft.Extensions.Options;
using StudyBot.Core.Quizzes.BackgroundGrading;

namespace StudyBot.Host.Grading;

/// <summary>
/// Grading jobs in Hangfire's PostgreSQL storage: they survive restarts, are retried, and any worker process may run
/// them. Hangfire's client is synchronous and one enqueue is about twenty statements, so it never runs on a chat
/// handler's thread: the handler hands the job to a bounded in-process channel (no wait), and a thread of its own
/// moves jobs into Hangfire. The answer is already stored as pending, so a job lost with the process in between is
/// queued again by the start-up requeue (<see cref="PendingAnswers"/>), which sees it is not held anywhere.
/// </summary>
public sealed partial class HangfireGradingScheduler : IGradingJobScheduler, IDisposable
{
    /// <summary>How long disposal lets the hand-over thread empty the channel into Hangfire.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    private const int Page = 500;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LullStep = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan MaxLull = TimeSpan.FromMilliseconds(500);

    private readonly IBackgroundJobClient _jobs;
    private readonly JobStorage _storage;
    private readonly ILogger<HangfireGradingScheduler> _logger;
    private readonly Channel<GradingJob> _handOver;
    private readonly ConcurrentDictionary<long, byte> _handingOver = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Thread? _thread;
    private int _disposed;

    public HangfireGradingScheduler(IBackgroundJobClient jobs, JobStorage storage, IOptions<GradingQueueOptions> options, ILogger<HangfireGradingScheduler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _jobs = jobs;
        _storage = storage;
        _logger = logger;
        _handOver = Channel.CreateBounded<GradingJob>(new BoundedChannelOptions(Math.Max(1, options.Value.Capacity))
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then says no at once: the answer is graded offline
            SingleReader = true,
        });
    }

    /// <summary>Jobs handed over but not yet in Hangfire.</summary>
    public int Waiting => _handingOver.Count;

    public Task<bool> TryEnqueueAsync(GradingJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        EnsureStarted();
        _handingOver.TryAdd(job.AnswerId, 0);
        if (_handOver.Writer.TryWrite(job))
        {
            return Task.FromResult(true);
        }

        _handingOver.TryRemove(job.AnswerId, out _);
        return Task.FromResult(false);
    }

    /// <summary>Answers with a grading job on its way into Hangfire, waiting there, running, or scheduled for a retry.</summary>
    public Task<IReadOnlySet<long>> HeldAnswersAsync(CancellationToken cancellationToken) =>
        Task.Run<IReadOnlySet<long>>(
            () =>
            {
                // Those on their way first: one that moves into Hangfire meanwhile is then seen in one place or the other.
                var handingOver = _handingOver.Keys.ToList();
                var held = HeldAnswers(_storage.GetMonitoringApi(), cancellationToken);
                held.UnionWith(handingOver);
                return held;
            },
            cancellationToken);

    /// <summary>Moves the jobs still in the channel into Hangfire (at most <see cref="DrainTimeout"/>), then stops.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _handOver.Writer.TryComplete();
        Thread? thread;
        lock (_gate)
        {
            thread = _thread;
        }

        if (thread is not null && !thread.Join(DrainTimeout))
        {
            LogDrainTimedOut(_logger, _handingOver.Count);
        }

        _stopping.Cancel();
        thread?.Join(TimeSpan.FromSeconds(2));
        _stopping.Dispose();
    }

    private void EnsureStarted()
    {
        if (Volatile.Read(ref _thread) is not null)
        {
            return;
        }

        lock (_gate)
        {
            if (_thread is null)
            {
                var thread = new Thread(HandOver) { IsBackground = true, Name = "Grading jobs into Hangfire" };
                thread.Start();
                _thread = thread;
            }
        }
    }

    private void HandOver()
    {
        var reader = _handOver.Reader;
        var token = _stopping.Token;
        try
        {
            while (reader.WaitToReadAsync(token).AsTask().GetAwaiter().GetResult())
            {
                WaitForLull(reader, token);
                while (reader.TryRead(out var job))
                {
                    Enqueue(job, token);
                    _handingOver.TryRemove(job.AnswerId, out _);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping: answers still in the channel stay pending and are queued again on the next start.
        }
    }

    /// <summary>
    /// Lets a burst of answers finish first (at most <see cref="MaxLull"/>): the enqueues cost CPU and database time
    /// that the chats' acknowledgements need more; a second's delay to the grading is nothing next to an LLM call.
    /// </summary>
    private static void WaitForLull(ChannelReader<GradingJob> reader, CancellationToken token)
    {
        var waited = TimeSpan.Zero;
        while (waited < MaxLull && !reader.Completion.IsCompleted)
        {
            var count = reader.Count;
            if (token.WaitHandle.WaitOne(LullStep) || reader.Count == count)
            {
                return;
            }

            waited += LullStep;
        }
    }

    /// <summary>Enqueues one job, retrying while the storage is away (the answer waits pending meanwhile).</summary>
    private void Enqueue(GradingJob job, CancellationToken token)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        var regradeId = job.Request?.Id;
        var regradeReplaces = job.Request?.Replaces;
        while (true)
        {
            try
            {
                _jobs.Enqueue<GradeAnswerJob>(j => j.RunAsync(
                    job.AnswerId,
                    job.Chat.Platform,
                    job.Chat.ExternalId,
                    job.Chat.Kind,
                    job.Chat.Title,
                    job.Recipient.ExternalId,
                    job.Recipient.DisplayName,
                    job.Recipient.Locale,
                    job.Language,
                    regradeId,
                    regradeReplaces,
                    CancellationToken.None)); // never job.ReplyTo: it may hold a token, and the answer keeps it
                return;
            }
            catch (BackgroundJobClientException ex)
            {
                LogEnqueueFailed(_logger, job.AnswerId, backoff.TotalSeconds, ex);
                token.WaitHandle.WaitOne(backoff);
                token.ThrowIfCancellationRequested();
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private static HashSet<long> HeldAnswers(IMonitoringApi monitor, CancellationToken cancellationToken)
    {
        var held = new HashSet<long>();

        // A deleted job lingers in its queue until a worker skips it, and Hangfire.PostgreSql 1.21 still reports it
        // InEnqueuedState: the state's name is what tells.
        Collect(held, (from, count) => monitor.EnqueuedJobs(GradeAnswerJob.Queue, from, count).Select(j => IsEnqueued(j.Value) ? j.Value.Job : null), cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not enqueue grading of answer {AnswerId} into Hangfire; retrying in {Seconds} s")]
    private static partial void LogEnqueueFailed(ILogger logger, long answerId, double seconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped with {Count} grading job(s) not yet in Hangfire; their answers stay pending and are queued again on the next start")]
    private static partial void LogDrainTimedOut(ILogger logger, int count);
}

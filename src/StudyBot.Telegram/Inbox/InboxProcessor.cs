using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core.Persistence;
using StudyBot.Telegram.State;
using StudyBot.Telegram.Updates;

namespace StudyBot.Telegram.Inbox;

/// <summary>
/// Handles the updates the webhook stored. Woken as soon as a write commits (and every PollInterval for updates
/// another host stored or a failure left behind), it claims the oldest waiting updates, handles each chat's in
/// update order (chats in parallel, bounded), waits until their replies are sent or given up, and only then marks
/// them handled. A crash or a database outage before that leaves them waiting, so they are handled again: the core's
/// state changes are safe to repeat (one check-in per day, one answer per question). While requests queue at the
/// webhook, only one claim is taken per BusyClaimInterval and only ParallelWhileBusy updates are handled at once, so
/// acknowledgements keep the CPU they need. A chat whose replies take longer than MaxReplyWait (a long 429
/// retry_after) does not hold the claim's other chats: it is held on its own until they are out.
/// </summary>
public sealed partial class InboxProcessor(
    IDbContextFactory<StudyBotDbContext> dbFactory,
    TelegramUpdateProcessor processor,
    UpdateClaims claims,
    InboxSignal signal,
    TelegramBotIdentity bot,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<InboxProcessor> logger) : BackgroundService
{
    private readonly TelegramInboxOptions _options = options.Value.Inbox;
    private readonly SemaphoreSlim _claimSlots = new(options.Value.Inbox.ConcurrentClaims);
    private readonly SemaphoreSlim _chatSlots = new(options.Value.Inbox.ParallelChats);
    private readonly SemaphoreSlim _busySlots = new(options.Value.Inbox.ParallelWhileBusy);

    // Chats held on their own while their replies are slow; each keeps its claim's connection open meanwhile.
    private readonly SemaphoreSlim _parkSlots = new(options.Value.Inbox.ParallelChats);
    private readonly ConcurrentDictionary<Task, bool> _running = new();
    private static readonly TimeSpan BusyRecheck = TimeSpan.FromMilliseconds(50);
    private long _handled;
    private long _lastClaimAt;

    /// <summary>Updates this host has handled from the inbox (for tests and benchmarks).</summary>
    public long Handled => Interlocked.Read(ref _handled);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        string connectionString;
        await using (var db = await dbFactory.CreateDbContextAsync(stoppingToken).ConfigureAwait(false))
        {
            connectionString = db.Database.GetConnectionString() ?? throw new InvalidOperationException("No connection string for the Telegram inbox.");
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await ClaimWhileThereIsWorkAsync(connectionString, stoppingToken).ConfigureAwait(false);
                await signal.WaitAsync(_options.PollInterval, time, stoppingToken).ConfigureAwait(false);
                await PruneQuietlyAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await Task.WhenAll(_running.Keys).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ClaimWhileThereIsWorkAsync(string connectionString, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await YieldToBusyWebhookAsync(stoppingToken).ConfigureAwait(false);
            await _claimSlots.WaitAsync(stoppingToken).ConfigureAwait(false);
            InboxClaim? claim;
            try
            {
                claim = await InboxClaim.TakeAsync(connectionString, bot.Id, _options.ClaimBatch, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _claimSlots.Release();
                LogClaimFailed(logger, ex.GetType().Name, ex); // tried again at the next poll
                return;
            }
            catch
            {
                _claimSlots.Release();
                throw;
            }

            if (claim is null)
            {
                _claimSlots.Release();
                return; // nothing waiting that no one else has
            }

            if (claim.Updates.Count == 0)
            {
                // Every chat in it is busy with another claim, which wakes us when it is done.
                await claim.DisposeAsync().ConfigureAwait(false);
                _claimSlots.Release();
                return;
            }

            var run = RunAsync(claim, stoppingToken);
            _running.TryAdd(run, true);
            _ = run.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// During a burst the webhook's acknowledgements come first: a new claim is taken at most once per
    /// BusyClaimInterval, so the backlog still moves, and at full speed again once the burst is over.
    /// </summary>
    private async Task YieldToBusyWebhookAsync(CancellationToken stoppingToken)
    {
        while (signal.WebhookBusy(Stopwatch.GetTimestamp()) && Stopwatch.GetElapsedTime(_lastClaimAt) < _options.BusyClaimInterval)
        {
            await Task.Delay(BusyRecheck, time, stoppingToken).ConfigureAwait(false);
        }

        _lastClaimAt = Stopwatch.GetTimestamp();
    }

    private async Task RunAsync(InboxClaim claim, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var handled = new ConcurrentBag<long>();
        var parked = new ConcurrentBag<ParkedChat>();
        var holding = false;
        try
        {
            var chats = claim.Updates.GroupBy(u => u.ChatKey(bot.Id));
            await Task.WhenAll(chats.Select(chat => HandleChatAsync(chat.Key, chat, handled, parked, stoppingToken))).ConfigureAwait(false);
            if (!parked.IsEmpty)
            {
                await claim.HoldAsync(parked.Select(p => p.ChatKey).ToList()).ConfigureAwait(false);
            }

            await claim.CommitAsync(handled, time.GetUtcNow()).ConfigureAwait(false);
            holding = !parked.IsEmpty;
            Interlocked.Add(ref _handled, handled.Count);
        }
#pragma warning disable CA1031 // a lost commit only means the updates are handled again; the processor goes on
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogCommitFailed(logger, handled.Count, ex.GetType().Name, ex);
        }
        finally
        {
            if (!holding)
            {
                await claim.DisposeAsync().ConfigureAwait(false);
                if (!parked.IsEmpty)
                {
                    _parkSlots.Release(parked.Count); // not held after all: their updates are handled again
                }
            }

            _claimSlots.Release();
            if (!handled.IsEmpty || holding)
            {
                signal.Wake(); // chats this claim held may have more waiting
            }
        }

        if (holding)
        {
            try
            {
                await Task.WhenAll(parked.Select(chat => LetGoWhenSentAsync(claim, chat))).ConfigureAwait(false);
            }
            finally
            {
                await claim.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// One chat's updates in order; the first that cannot be handled now stops the ones after it, and one whose
    /// replies are slow parks the chat (its later updates wait too).
    /// </summary>
    private async Task HandleChatAsync(long chatKey, IEnumerable<StoredUpdate> updates, ConcurrentBag<long> handled, ConcurrentBag<ParkedChat> parked, CancellationToken stoppingToken)
    {
        await _chatSlots.WaitAsync(stoppingToken).ConfigureAwait(false);
        try
        {
            foreach (var stored in updates)
            {
                if (stored.Update is null)
                {
                    LogUnreadable(logger, stored.UpdateId); // cannot happen for rows the webhook stored; never retried
                }
                else
                {
                    var (done, slowReplies) = await TryHandleAsync(stored, stoppingToken).ConfigureAwait(false);
                    if (slowReplies is not null)
                    {
                        parked.Add(new ParkedChat(chatKey, stored.UpdateId, slowReplies));
                        return;
                    }

                    if (!done)
                    {
                        return;
                    }
                }

                handled.Add(stored.UpdateId);
            }
        }
        finally
        {
            _chatSlots.Release();
        }
    }

    /// <summary>
    /// Handles an update and waits for its replies, at most MaxReplyWait while a park slot is free: then it returns
    /// the replies still on their way, and the chat is held on its own so the claim can let the others go.
    /// </summary>
    private async Task<(bool Done, Task? SlowReplies)> TryHandleAsync(StoredUpdate stored, CancellationToken stoppingToken)
    {
        try
        {
            var gate = signal.WebhookBusy(Stopwatch.GetTimestamp()) ? _busySlots : null;
            var replies = await processor.DispatchStoredAsync(stored.Update!, gate, stoppingToken).ConfigureAwait(false);
            var sent = processor.RepliesSentAsync(stored.UpdateId, replies, stoppingToken);
            if (await CompletesWithinAsync(sent, _options.MaxReplyWait, stoppingToken).ConfigureAwait(false) || !_parkSlots.Wait(0, CancellationToken.None))
            {
                await sent.ConfigureAwait(false);
                return (true, null);
            }

            LogParked(logger, stored.UpdateId, _options.MaxReplyWait.TotalSeconds);
            return (false, sent);
        }
        catch (OperationCanceledException)
        {
            return (false, null); // shutting down: handled again after the restart
        }
        catch (Exception ex) when (TransientFailures.IsTransient(ex))
        {
            LogRetryLater(logger, stored.UpdateId, ex.GetType().Name);
            return (false, null);
        }
    }

    private async Task<bool> CompletesWithinAsync(Task task, TimeSpan within, CancellationToken stoppingToken)
    {
        try
        {
            await task.WaitAsync(within, time, stoppingToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            return false;
        }
    }

    /// <summary>Marks a parked chat's update handled once its replies are out (not if the host stopped first) and lets go of the chat.</summary>
    private async Task LetGoWhenSentAsync(InboxClaim claim, ParkedChat chat)
    {
        var sent = false;
        try
        {
            await chat.Replies.ConfigureAwait(false);
            sent = true;
        }
        catch (OperationCanceledException)
        {
            // shutting down: the update is handled again after the restart
        }

        try
        {
            await claim.LetGoAsync(chat.ChatKey, sent ? chat.UpdateId : null, time.GetUtcNow()).ConfigureAwait(false);
            if (sent)
            {
                Interlocked.Increment(ref _handled);
            }
        }
#pragma warning disable CA1031 // as a lost commit: the update is handled again
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogCommitFailed(logger, sent ? 1 : 0, ex.GetType().Name, ex);
        }
        finally
        {
            _parkSlots.Release();
            signal.Wake(); // the chat's later updates
        }
    }

    private async Task PruneQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await claims.PruneIfDueAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPruneFailed(logger, ex.GetType().Name);
        }
    }

    public override void Dispose()
    {
        _claimSlots.Dispose();
        _chatSlots.Dispose();
        _busySlots.Dispose();
        _parkSlots.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: could not claim inbox updates ({Reason}); trying again shortly")]
    private static partial void LogClaimFailed(ILogger logger, string reason, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: could not mark {Count} inbox updates handled ({Reason}); they will be handled again")]
    private static partial void LogCommitFailed(ILogger logger, int count, string reason, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: inbox update {UpdateId} not handled now ({Reason}); it waits for the next try")]
    private static partial void LogRetryLater(ILogger logger, long updateId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram: the replies of inbox update {UpdateId} take over {Seconds} s; its chat waits on its own, the claim goes on")]
    private static partial void LogParked(ILogger logger, long updateId, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram: inbox update {UpdateId} cannot be read and was dropped")]
    private static partial void LogUnreadable(ILogger logger, long updateId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: pruning old update claims failed ({Reason})")]
    private static partial void LogPruneFailed(ILogger logger, string reason);
}

/// <summary>A chat whose update was handled but whose replies are still waiting (a 429 retry_after), held on its own.</summary>
internal sealed record ParkedChat(long ChatKey, long UpdateId, Task Replies);

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core.Persistence;
using StudyBot.Telegram.State;
using StudyBot.Telegram.Updates;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace StudyBot.Telegram.Polling;

/// <summary>
/// Long polling with getUpdates, on one host at a time (advisory lock; the others wait and take over if it dies).
/// Each update is handled, then the offset past it is stored, so a restart neither loses nor repeats one (an update
/// handled but not yet committed is skipped by its claim). Network errors, 5xx and 429 back off and retry; nothing
/// here ends the process.
/// </summary>
public sealed partial class TelegramPoller(
    ITelegramBotClient client,
    TelegramUpdateProcessor processor,
    PollingOffsets offsets,
    IDbContextFactory<StudyBotDbContext> dbFactory,
    TelegramBotIdentity bot,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramPoller> logger) : BackgroundService
{
    private const int BatchSize = 100;
    private readonly TelegramOptions _options = options.Value;
    private volatile bool _isLeader;

    /// <summary>Whether this host is the one polling right now.</summary>
    public bool IsLeader => _isLeader;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        string connectionString;
        await using (var db = await dbFactory.CreateDbContextAsync(stoppingToken).ConfigureAwait(false))
        {
            connectionString = db.Database.GetConnectionString() ?? throw new InvalidOperationException("No connection string for the poller lock.");
        }

        var pollerLock = new PollerLock(connectionString, bot.Id);
        var backoff = new Backoff(_options.InitialBackoff, _options.MaxBackoff);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var lease = await pollerLock.TryAcquireAsync(stoppingToken).ConfigureAwait(false);
                if (lease is null)
                {
                    await Task.Delay(_options.PollerLockRetry, time, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                _isLeader = true;
                LogLeader(logger);
                try
                {
                    await PollWhileLeaderAsync(lease, stoppingToken).ConfigureAwait(false);
                }
                finally
                {
                    _isLeader = false;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // the poller never ends the process: anything unexpected is logged and retried
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogPollerError(logger, ex.GetType().Name, ex);
                await DelayQuietlyAsync(backoff.Next(), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task PollWhileLeaderAsync(PollerLease lease, CancellationToken stoppingToken)
    {
        await RemoveWebhookAsync(stoppingToken).ConfigureAwait(false);
        var backoff = new Backoff(_options.InitialBackoff, _options.MaxBackoff);
        var offset = await offsets.LoadAsync(stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!await lease.IsHeldAsync(stoppingToken).ConfigureAwait(false))
            {
                LogLostLock(logger);
                return;
            }

            Update[] updates;
            try
            {
                updates = await client.GetUpdates(
                    offset > 0 ? (int)offset : null,
                    BatchSize,
                    _options.PollingTimeoutSeconds,
                    TelegramUpdateProcessor.AllowedUpdates,
                    stoppingToken).ConfigureAwait(false);
                backoff.Reset();
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 429)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1)), time, stoppingToken).ConfigureAwait(false);
                continue;
            }
            catch (RequestException ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Network errors, 5xx, 409 (a webhook is set, or another poller) and 401: wait longer each time.
                var wait = backoff.Next();
                LogPollFailed(logger, ex is ApiRequestException api ? api.ErrorCode : (int?)ex.HttpStatusCode ?? 0, ex.Message, wait.TotalSeconds);
                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
                continue;
            }

            foreach (var update in updates.OrderBy(u => u.Id))
            {
                if (update.Id < offset)
                {
                    continue;
                }

                // A transient failure (database away) propagates: the outer loop backs off and this update comes again.
                await processor.ProcessAsync(update, stoppingToken).ConfigureAwait(false);
                offset = update.Id + 1L;
                await offsets.CommitAsync(offset, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RemoveWebhookAsync(CancellationToken cancellationToken)
    {
        try
        {
            await client.DeleteWebhook(cancellationToken: cancellationToken).ConfigureAwait(false); // getUpdates is refused while one is set
        }
        catch (RequestException ex)
        {
            LogStartCallFailed(logger, "deleteWebhook", ex.Message);
        }
    }

    private async Task DelayQuietlyAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Doubling waits between failures, capped.</summary>
    private sealed class Backoff(TimeSpan initial, TimeSpan max)
    {
        private readonly TimeSpan _initial = initial;
        private TimeSpan _next = initial;

        public TimeSpan Next()
        {
            var wait = _next;
            _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, max.Ticks));
            return wait;
        }

        public void Reset() => _next = _initial;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram: this host is now the poller")]
    private static partial void LogLeader(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: lost the poller lock (database connection gone); trying to get it back")]
    private static partial void LogLostLock(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: getUpdates failed ({Status}: {Reason}); retrying in {Seconds} s")]
    private static partial void LogPollFailed(ILogger logger, int status, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: {Method} failed ({Reason}); the bot keeps serving")]
    private static partial void LogStartCallFailed(ILogger logger, string method, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram: polling failed ({Type}); retrying")]
    private static partial void LogPollerError(ILogger logger, string type, Exception exception);
}

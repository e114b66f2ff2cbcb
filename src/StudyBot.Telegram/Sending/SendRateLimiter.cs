using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StudyBot.Telegram.Sending;

/// <summary>
/// Telegram's limits: one budget for everything the bot sends (~30/s) and one per chat (~1/s in a private chat,
/// ~20/min in a group, each with a short burst so a reply in parts arrives together). Shared by every host through
/// PostgreSQL (<see cref="SharedSendPaces"/>); while the database cannot be asked, each host keeps to the limits on
/// its own with local token buckets, so sending never stops for it.
/// </summary>
public sealed partial class SendRateLimiter(IOptions<TelegramOptions> options, TimeProvider time, ILogger<SendRateLimiter> logger, SharedSendPaces? shared = null)
{
    private const int ForgetIdleAbove = 10_000;
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan WarnEvery = TimeSpan.FromMinutes(1);
    private readonly TelegramLimits _limits = options.Value.Limits;
    private readonly ConcurrentDictionary<long, TokenBucket> _chats = new();
    private TokenBucket? _global;
    private long _pruneDue;
    private long _warnDue;

    public async Task WaitAsync(long chatId, CancellationToken cancellationToken)
    {
        if (shared is not null && _limits.SharedAcrossHosts && await ReserveSharedAsync(chatId, cancellationToken).ConfigureAwait(false) is { } wait)
        {
            await DelayAsync(wait, cancellationToken).ConfigureAwait(false);
            return;
        }

        var chat = _chats.GetOrAdd(chatId, NewChatBucket);
        await DelayAsync(chat.Reserve(), cancellationToken).ConfigureAwait(false);
        var global = LazyInitializer.EnsureInitialized(ref _global, () => new TokenBucket(_limits.GlobalPerSecond, GlobalBurst, time));
        await DelayAsync(global.Reserve(), cancellationToken).ConfigureAwait(false);
        if (_chats.Count > ForgetIdleAbove)
        {
            foreach (var (id, bucket) in _chats)
            {
                if (bucket.IsIdle)
                {
                    _chats.TryRemove(id, out _);
                }
            }
        }
    }

    private double GlobalBurst => Math.Max(1, _limits.GlobalPerSecond * _limits.GlobalBurstSeconds);

    /// <summary>The wait for a slot reserved in PostgreSQL, or null when it could not be asked (local buckets then).</summary>
    private async Task<TimeSpan?> ReserveSharedAsync(long chatId, CancellationToken cancellationToken)
    {
        try
        {
            var wait = await shared!.ReserveAsync(chatId, Pace.Of(ChatPerSecond(chatId), _limits.ChatBurst), Pace.Of(_limits.GlobalPerSecond, GlobalBurst), cancellationToken).ConfigureAwait(false);
            await PruneIfDueAsync(cancellationToken).ConfigureAwait(false);
            return wait;
        }
#pragma warning disable CA1031 // whatever keeps the database from answering, the message still goes, paced locally
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            if (Due(ref _warnDue, WarnEvery))
            {
                LogSharedUnavailable(logger, ex.GetType().Name);
            }

            return null;
        }
    }

    private async Task PruneIfDueAsync(CancellationToken cancellationToken)
    {
        if (Due(ref _pruneDue, PruneEvery))
        {
            await shared!.PruneAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True for one caller once per <paramref name="every"/>.</summary>
    private bool Due(ref long dueAt, TimeSpan every)
    {
        var now = time.GetTimestamp();
        var due = Interlocked.Read(ref dueAt);
        return now >= due && Interlocked.CompareExchange(ref dueAt, now + (long)(every.TotalSeconds * time.TimestampFrequency), due) == due;
    }

    private TokenBucket NewChatBucket(long chatId) => new(ChatPerSecond(chatId), _limits.ChatBurst, time);

    // Telegram ids: users (private chats) are positive, groups and supergroups negative.
    private double ChatPerSecond(long chatId) => chatId > 0 ? _limits.PrivateChatPerSecond : _limits.GroupPerMinute / 60;

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, time, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: the shared send limits in the database cannot be reached ({Reason}); this host keeps to the limits on its own meanwhile")]
    private static partial void LogSharedUnavailable(ILogger logger, string reason);
}

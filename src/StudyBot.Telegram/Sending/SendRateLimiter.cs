using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace StudyBot.Telegram.Sending;

/// <summary>
/// Telegram's limits as buckets: one for everything the bot sends (~30/s) and one per chat (~1/s in a private
/// chat, ~20/min in a group, each with a short burst so a reply in parts arrives together).
/// </summary>
public sealed class SendRateLimiter(IOptions<TelegramOptions> options, TimeProvider time)
{
    private const int ForgetIdleAbove = 10_000;
    private readonly TelegramLimits _limits = options.Value.Limits;
    private readonly ConcurrentDictionary<long, TokenBucket> _chats = new();
    private TokenBucket? _global;

    public async Task WaitAsync(long chatId, CancellationToken cancellationToken)
    {
        var chat = _chats.GetOrAdd(chatId, NewChatBucket);
        await DelayAsync(chat.Reserve(), cancellationToken).ConfigureAwait(false);
        var global = LazyInitializer.EnsureInitialized(ref _global, () => new TokenBucket(_limits.GlobalPerSecond, Math.Max(1, _limits.GlobalPerSecond * _limits.GlobalBurstSeconds), time));
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

    // Telegram ids: users (private chats) are positive, groups and supergroups negative.
    private TokenBucket NewChatBucket(long chatId) => chatId > 0
        ? new TokenBucket(_limits.PrivateChatPerSecond, _limits.ChatBurst, time)
        : new TokenBucket(_limits.GroupPerMinute / 60, _limits.ChatBurst, time);

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, time, cancellationToken);
}

namespace StudyBot.Discord.Api.RateLimits;

/// <summary>
/// Counts 401, 403 and 429 responses in a sliding window and refuses to send once the limit is reached,
/// so a bug or a revoked token cannot walk the bot into Discord's invalid-request ban (Cloudflare, 10,000 per 10 minutes).
/// </summary>
public sealed class InvalidRequestGuard(RestLimits limits, TimeProvider time)
{
    private readonly Queue<DateTimeOffset> _recent = new();
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                Trim(time.GetUtcNow());
                return _recent.Count;
            }
        }
    }

    public void Record()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            Trim(now);
            _recent.Enqueue(now);
        }
    }

    /// <summary>When sending must stop, how long until the oldest counted response leaves the window.</summary>
    public TimeSpan? Blocked()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            Trim(now);
            return _recent.Count < limits.InvalidRequestLimit ? null : _recent.Peek() + limits.InvalidRequestWindow - now;
        }
    }

    private void Trim(DateTimeOffset now)
    {
        while (_recent.Count > 0 && now - _recent.Peek() >= limits.InvalidRequestWindow)
        {
            _recent.Dequeue();
        }
    }
}

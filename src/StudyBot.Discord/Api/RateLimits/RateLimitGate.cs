using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;

namespace StudyBot.Discord.Api.RateLimits;

/// <summary>
/// Holds requests back so they do not hit a limit Discord announced: per-route buckets learned from the
/// X-RateLimit-* headers (one request in flight per route, waiting out an exhausted bucket), the global limit
/// after a global 429, and a proactive cap of <see cref="RestLimits.GlobalRequestsPerSecond"/>.
/// </summary>
public sealed class RateLimitGate(RestLimits limits, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _lastSecond = new();
    private readonly Lock _globalLock = new();
    private DateTimeOffset _globalResetAt;

    /// <summary>Waits until <paramref name="route"/> may send; dispose the lease once its response has been observed.</summary>
    public async Task<IDisposable> AcquireAsync(ApiRoute route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        var lane = _lanes.GetOrAdd(route.Key, key => new Lane(key));
        await lane.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var wait = WaitFor(route, lane);
                if (wait <= TimeSpan.Zero)
                {
                    break;
                }

                if (wait > limits.MaxRetryAfter)
                {
                    throw new DiscordRateLimitedException(route.ToString(), wait, global: false);
                }

                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }

            return new Lease(lane);
        }
        catch
        {
            lane.Lock.Release();
            throw;
        }
    }

    /// <summary>Learns the route's bucket and what is left in it from a response's headers.</summary>
    public void Observe(ApiRoute route, HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(headers);
        var lane = _lanes.GetOrAdd(route.Key, key => new Lane(key));
        if (Header(headers, "X-RateLimit-Bucket") is { } hash)
        {
            lane.BucketId = hash + ":" + route.Major;
        }

        if (Number(headers, "X-RateLimit-Remaining") is { } remaining && Number(headers, "X-RateLimit-Reset-After") is { } resetAfter)
        {
            var bucket = _buckets.GetOrAdd(lane.BucketId, _ => new Bucket());
            lock (bucket)
            {
                bucket.Remaining = (int)remaining;
                bucket.ResetAt = time.GetUtcNow() + TimeSpan.FromSeconds(resetAfter);
            }
        }
    }

    /// <summary>A 429: nothing more on this route (or, when global, anywhere) until <paramref name="retryAfter"/> has passed.</summary>
    public void TooManyRequests(ApiRoute route, TimeSpan retryAfter, bool global)
    {
        ArgumentNullException.ThrowIfNull(route);
        var until = time.GetUtcNow() + retryAfter;
        if (global)
        {
            lock (_globalLock)
            {
                _globalResetAt = until > _globalResetAt ? until : _globalResetAt;
            }

            return;
        }

        var lane = _lanes.GetOrAdd(route.Key, key => new Lane(key));
        var bucket = _buckets.GetOrAdd(lane.BucketId, _ => new Bucket());
        lock (bucket)
        {
            bucket.Remaining = 0;
            bucket.ResetAt = until;
        }
    }

    private TimeSpan WaitFor(ApiRoute route, Lane lane)
    {
        var now = time.GetUtcNow();
        var wait = TimeSpan.Zero;
        if (_buckets.TryGetValue(lane.BucketId, out var bucket))
        {
            lock (bucket)
            {
                if (bucket.Remaining <= 0 && bucket.ResetAt > now)
                {
                    wait = bucket.ResetAt - now;
                }
                else if (bucket.Remaining > 0)
                {
                    bucket.Remaining--; // claim a slot, so routes sharing the bucket do not overdraw it
                }
            }
        }

        if (route.Interaction || wait > TimeSpan.Zero)
        {
            return wait; // interaction endpoints are not bound by the global limit
        }

        lock (_globalLock)
        {
            if (_globalResetAt > now)
            {
                return _globalResetAt - now;
            }

            while (_lastSecond.Count > 0 && now - _lastSecond.Peek() >= TimeSpan.FromSeconds(1))
            {
                _lastSecond.Dequeue();
            }

            if (_lastSecond.Count >= limits.GlobalRequestsPerSecond)
            {
                return _lastSecond.Peek() + TimeSpan.FromSeconds(1) - now;
            }

            _lastSecond.Enqueue(now);
            return TimeSpan.Zero;
        }
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static double? Number(HttpResponseHeaders headers, string name) =>
        Header(headers, name) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private sealed class Lane(string key)
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);

        /// <summary>The route key until Discord names the bucket.</summary>
        public string BucketId { get; set; } = key;
    }

    private sealed class Bucket
    {
        public int Remaining { get; set; } = 1;

        public DateTimeOffset ResetAt { get; set; }
    }

    private sealed class Lease(Lane lane) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                lane.Lock.Release();
            }
        }
    }
}

namespace StudyBot.Discord.Api.RateLimits;

/// <summary>How patient and how careful the REST client is. Defaults follow Discord's documented limits.</summary>
public sealed record RestLimits
{
    /// <summary>Discord's global limit is 50 requests per second per bot; interaction endpoints are exempt.</summary>
    public int GlobalRequestsPerSecond { get; init; } = 50;

    /// <summary>A 429 asking to wait longer than this fails the request instead of holding it.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per request (the first one included) across 429s and 5xx.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>
    /// 401/403/429 responses allowed per <see cref="InvalidRequestWindow"/> before the client stops sending:
    /// Discord bans an IP for a while at 10,000; we stop far below it.
    /// </summary>
    public int InvalidRequestLimit { get; init; } = 2_000;

    public TimeSpan InvalidRequestWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>First back-off after a 5xx on an idempotent request; doubles per attempt.</summary>
    public TimeSpan ServerErrorBackoff { get; init; } = TimeSpan.FromMilliseconds(500);
}

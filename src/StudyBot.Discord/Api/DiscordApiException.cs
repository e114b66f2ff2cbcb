using System.Net;

namespace StudyBot.Discord.Api;

/// <summary>Discord refused a request. <see cref="Permanent"/>: retrying the same request cannot help.</summary>
public class DiscordApiException : Exception
{
    public DiscordApiException()
    {
    }

    public DiscordApiException(string message)
        : base(message)
    {
    }

    public DiscordApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DiscordApiException(string route, HttpStatusCode status, int? code, string? detail)
        : base($"Discord {route}: {(int)status} {status}{(code is null ? "" : $" (code {code})")}{(detail is null ? "" : ": " + detail)}")
    {
        Route = route;
        Status = status;
        Code = code;
    }

    public string? Route { get; }

    public HttpStatusCode? Status { get; }

    /// <summary>Discord's JSON error code, e.g. 10003 unknown channel, 50001 missing access.</summary>
    public int? Code { get; }

    public virtual bool Permanent => Status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound;
}

/// <summary>Rate limited for longer than the client is willing to wait; try again after <see cref="RetryAfter"/>.</summary>
public sealed class DiscordRateLimitedException : DiscordApiException
{
    public DiscordRateLimitedException()
    {
    }

    public DiscordRateLimitedException(string message)
        : base(message)
    {
    }

    public DiscordRateLimitedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DiscordRateLimitedException(string route, TimeSpan retryAfter, bool global)
        : base($"Discord {route}: rate limited{(global ? " (global)" : "")}, retry after {retryAfter.TotalSeconds:0.###} s")
    {
        RetryAfter = retryAfter;
        Global = global;
    }

    public TimeSpan RetryAfter { get; }

    public bool Global { get; }

    public override bool Permanent => false;
}

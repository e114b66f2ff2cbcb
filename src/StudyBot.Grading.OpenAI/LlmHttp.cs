using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace StudyBot.Grading.OpenAI;

/// <summary>
/// The HTTP pipeline under the OpenAI SDK (whose own retries are off): a timeout per attempt, and retries on
/// timeouts, connection failures, 408, 429 and 5xx with jittered exponential backoff, waiting what Retry-After asks
/// when it asks at most Llm:MaxRetryAfterSeconds; a longer wait is not retried, so the offline grader answers.
/// </summary>
public static class LlmHttp
{
    /// <summary>The SDK's own network timeout: a bound on the whole pipeline, attempts and waits included.</summary>
    public static TimeSpan OverallTimeout(LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TimeSpan.FromSeconds(((options.TimeoutSeconds + options.MaxRetryAfterSeconds) * (options.MaxRetries + 1)) + 5);
    }

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.TimeProvider = TimeProvider.System; // real time for waits even where the app's clock is faked
        var longestWait = TimeSpan.FromSeconds(options.MaxRetryAfterSeconds);
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(10),
                ShouldRetryAfterHeader = false, // ours below: it also refuses waits longer than we accept
                ShouldHandle = args => ValueTask.FromResult(
                    HttpClientResiliencePredicates.IsTransient(args.Outcome) && !(RetryAfter(args.Outcome.Result) > longestWait)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
            });
        }

        builder.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds));
    }

    /// <summary>The wait a response asks for (Retry-After as seconds or as a date); null when it asks none.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta > TimeSpan.Zero ? delta : TimeSpan.Zero;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}

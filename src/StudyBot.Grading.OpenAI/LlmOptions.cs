using System.ComponentModel.DataAnnotations;

namespace StudyBot.Grading.OpenAI;

/// <summary>How the grader asks the endpoint for JSON.</summary>
public enum LlmResponseFormat
{
    /// <summary>Structured outputs (response_format json_schema, strict); falls back to JsonObject if refused.</summary>
    JsonSchema,

    /// <summary>JSON mode (response_format json_object) for endpoints without json_schema; the schema is in the prompt.</summary>
    JsonObject,
}

/// <summary>
/// The "Llm" configuration section. Nothing set: answers are graded offline. Any of BaseUrl, ApiKey, Model set: the
/// LLM grader runs, and Model is required. The API key is a secret: it comes only from configuration and is never
/// logged or shown.
/// </summary>
public sealed class LlmOptions
{
    public const string Section = "Llm";

    public static readonly Uri OpenAiEndpoint = new("https://api.openai.com/v1");

    /// <summary>Any OpenAI-compatible endpoint, up to the path before /chat/completions; default OpenAI's.</summary>
    public string? BaseUrl { get; set; }

    public string? ApiKey { get; set; }

    public string? Model { get; set; }

    /// <summary>One call's time limit; a slower call is retried, then the offline grader answers.</summary>
    [Range(1, 600, ErrorMessage = "Llm:TimeoutSeconds must be between 1 and 600.")]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Calls in flight at most, across the process.</summary>
    [Range(1, 64, ErrorMessage = "Llm:MaxConcurrentCalls must be between 1 and 64.")]
    public int MaxConcurrentCalls { get; set; } = 4;

    /// <summary>LLM grades per member and day (the chat's local day); 0 means no limit.</summary>
    [Range(0, 100_000, ErrorMessage = "Llm:DailyGradesPerMember must be between 0 (no limit) and 100000.")]
    public int DailyGradesPerMember { get; set; } = 30;

    /// <summary>Retries after a timeout, HTTP 408, 429 or 5xx (honouring Retry-After up to <see cref="MaxRetryAfterSeconds"/>).</summary>
    [Range(0, 5, ErrorMessage = "Llm:MaxRetries must be between 0 and 5.")]
    public int MaxRetries { get; set; } = 2;

    /// <summary>A Retry-After longer than this is not waited for: the offline grader answers instead.</summary>
    [Range(1, 300, ErrorMessage = "Llm:MaxRetryAfterSeconds must be between 1 and 300.")]
    public int MaxRetryAfterSeconds { get; set; } = 20;

    public LlmResponseFormat ResponseFormat { get; set; } = LlmResponseFormat.JsonSchema;

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(BaseUrl) || !string.IsNullOrWhiteSpace(ApiKey) || !string.IsNullOrWhiteSpace(Model);

    /// <summary>The endpoint to call (valid once the options passed <see cref="LlmOptionsValidator"/>).</summary>
    public Uri Endpoint => string.IsNullOrWhiteSpace(BaseUrl) ? OpenAiEndpoint : new Uri(BaseUrl.Trim());
}

namespace StudyBot.Core.Quizzes;

/// <summary>Why an answer meant for the LLM was graded offline instead.</summary>
public enum GradingFallback
{
    None,

    /// <summary>The model's output failed validation twice.</summary>
    InvalidOutput,

    /// <summary>The endpoint failed: timeouts, HTTP errors after retries, refused connections.</summary>
    Unavailable,

    /// <summary>The member used up today's LLM grades (Llm:DailyGradesPerMember).</summary>
    Budget,

    /// <summary>The grading queue was full.</summary>
    Busy,
}

/// <summary>
/// How a grade was made, stored with it (QuizAnswer.Details) so an admin can audit it and /regrade: the model and
/// prompt version, latency, token counts, every raw output and the key-point claims our checks refused.
/// </summary>
public sealed record GradingAudit
{
    public string? Model { get; init; }

    public string? PromptVersion { get; init; }

    /// <summary>"json_schema" or "json_object" (endpoints without structured outputs).</summary>
    public string? ResponseFormat { get; init; }

    public long LatencyMs { get; init; }

    public int Calls { get; init; }

    public int InputTokens { get; init; }

    public int OutputTokens { get; init; }

    /// <summary>Served from the cache of identical answers: no call was made.</summary>
    public bool Cached { get; init; }

    public IReadOnlyList<string> RawOutputs { get; init; } = [];

    /// <summary>Key points the model said were met but our checks refused, each as "id: reason".</summary>
    public IReadOnlyList<string> Rejected { get; init; } = [];

    public GradingFallback Fallback { get; init; }

    /// <summary>What went wrong, for the operator (never secrets): "HTTP 503", "timeout", "invalid output: …".</summary>
    public string? FallbackDetail { get; init; }
}

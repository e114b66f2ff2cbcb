namespace StudyBot.Core.Quizzes.OfflineGrading;

/// <summary>
/// The offline grader's few global constants. The defaults were chosen on the English and Chinese development
/// sets (see <see cref="GradingEvaluation"/>); nothing in them is specific to a question.
/// </summary>
public sealed record OfflineGradingOptions
{
    public static OfflineGradingOptions Default { get; } = new();

    /// <summary>Weight of rubric terms the question already contains: repeating the question proves nothing.</summary>
    public double QuestionTermWeight { get; init; }

    /// <summary>Weight of Chinese function characters (的, 是, 在 …) as single terms.</summary>
    public double FunctionCharacterWeight { get; init; } = 0.2;

    /// <summary>Share of a key point's similarity that comes from term bigrams (word order, Chinese words).</summary>
    public double BigramShare { get; init; } = 0.3;

    /// <summary>Character-trigram Dice above which a misspelt or differently derived word still matches.</summary>
    public double FuzzyMatchThreshold { get; init; } = 0.6;

    /// <summary>Words shorter than this must match exactly; short words are too easily confused.</summary>
    public int FuzzyMinLength { get; init; } = 4;

    /// <summary>Similarity at or below which a key point earns no credit.</summary>
    public double CreditLow { get; init; }

    /// <summary>Similarity at or above which a key point earns full credit; in between, credit rises linearly.</summary>
    public double CreditHigh { get; init; } = 0.5;

    /// <summary>A key point is met when its similarity reaches this: half of its weighted content is in the answer.</summary>
    public double MetThreshold { get; init; } = 0.5;

    /// <summary>Share of the score taken from the whole reference answer rather than from the key points one by one.</summary>
    public double ReferenceShare { get; init; } = 0.5;

    /// <summary>
    /// Most credit a substantive answer earns for its new content alone (human graders give partial credit for
    /// a real attempt in other words); content copied from the question never counts.
    /// </summary>
    public double EffortCap { get; init; } = 0.3;

    /// <summary>New-content length, relative to the reference's, at which the effort credit is full.</summary>
    public double EffortLength { get; init; } = 1.0;
}

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

    /// <summary>
    /// Share of a key point's similarity that comes from term bigrams (word order, Chinese words). Small: on both
    /// development sets agreement is flat to slightly better as it falls from 0.3, since answers reorder the
    /// reference's words; bigrams still decide whether a Chinese answer shares a word with the rubric at all.
    /// </summary>
    public double BigramShare { get; init; } = 0.1;

    /// <summary>Character-trigram Dice above which a misspelt or differently derived word still matches.</summary>
    public double FuzzyMatchThreshold { get; init; } = 0.6;

    /// <summary>Words shorter than this must match exactly; short words are too easily confused.</summary>
    public int FuzzyMinLength { get; init; } = 4;

    /// <summary>Similarity at or below which a key point earns no credit.</summary>
    public double CreditLow { get; init; }

    /// <summary>
    /// <see cref="CreditLow"/> for an answer in Chinese: its terms are single characters, and an unrelated sentence
    /// shares some (一, 个, 不) with any reference by chance.
    /// </summary>
    public double CjkCreditLow { get; init; } = 0.15;

    /// <summary>Similarity at or above which a key point earns full credit.</summary>
    public double CreditHigh { get; init; } = 0.6;

    /// <summary>
    /// Shape of the credit between <see cref="CreditLow"/> and <see cref="CreditHigh"/>: below 1 the first matches
    /// count most, as for human graders who give much credit for the gist and little for completeness.
    /// </summary>
    public double CreditExponent { get; init; } = 0.5;

    /// <summary>A key point is met when its similarity reaches this: half of its weighted content is in the answer.</summary>
    public double MetThreshold { get; init; } = 0.5;

    /// <summary>Share of the score taken from the whole reference answer rather than from the key points one by one.</summary>
    public double ReferenceShare { get; init; } = 0.75;

    /// <summary>
    /// Most credit an answer earns for its length alone. Human graders give partial credit to a real attempt put in
    /// other words, which term matching cannot see; text copied from the question never counts towards it.
    /// </summary>
    public double EffortCap { get; init; } = 0.3;

    /// <summary>Answer length, relative to the reference's, below which there is no effort credit.</summary>
    public double EffortStartRatio { get; init; } = 0.15;

    /// <summary>Answer length, relative to the reference's, from which the effort credit is full (log-linear between).</summary>
    public double EffortFullRatio { get; init; } = 0.6;

    /// <summary>Coverage from which the effort credit is fully granted (linear below): no relevance, no length credit.</summary>
    public double EffortCoverageGate { get; init; } = 0.2;

    /// <summary>
    /// Length of an English stem from which it weighs fully in a key point; shorter, commoner words weigh in
    /// proportion (0 weighs all words alike).
    /// </summary>
    public double InformativeWordLength { get; init; } = 6;

    /// <summary>
    /// Most of the score an answer loses for words that are neither in the rubric nor in the question: human graders
    /// mark down an answer that buries the point among wrong or unrelated claims. Scaled by (1 − √precision), where
    /// precision is the share of the answer's own words that the rubric knows. Counted on words, not CJK characters,
    /// which are too fine-grained to tell an off-topic claim from a particle.
    /// </summary>
    public double OffTopicPenalty { get; init; } = 0.3;
}

namespace StudyBot.Core.Quizzes.OfflineGrading;

/// <summary>
/// One text the answer is measured against (a key point in one language, an alias, or the reference answer),
/// compiled to rubric term and bigram ids with their weights.
/// </summary>
internal sealed class MatchTarget
{
    private readonly int[] termIds;
    private readonly double[] termWeights;
    private readonly int[] bigramIds;
    private readonly double[] bigramWeights;
    private readonly double totalTermWeight;
    private readonly double totalBigramWeight;

    public MatchTarget(int[] termIds, double[] termWeights, int[] bigramIds, double[] bigramWeights, int textLength, bool isMostlyCjk)
    {
        this.termIds = termIds;
        this.termWeights = termWeights;
        this.bigramIds = bigramIds;
        this.bigramWeights = bigramWeights;
        totalTermWeight = termWeights.Sum();
        totalBigramWeight = bigramWeights.Sum();
        TextLength = textLength;
        IsMostlyCjk = isMostlyCjk;
    }

    /// <summary>Letters and digits in the text: how long a full answer is expected to be.</summary>
    public int TextLength { get; }

    /// <summary>Whether most of its terms are CJK characters (Chinese text) rather than words.</summary>
    public bool IsMostlyCjk { get; }

    public bool IsEmpty => totalTermWeight <= 0;

    /// <summary>
    /// Weighted containment of this target in the answer, 0..1: which share of its terms (fuzzy matches count
    /// by their closeness) and, with <paramref name="bigramShare"/>, of its term bigrams the answer contains.
    /// </summary>
    public double Similarity(AnswerProfile answer, double bigramShare)
    {
        if (IsEmpty)
        {
            return 0;
        }

        var matched = 0.0;
        for (var i = 0; i < termIds.Length; i++)
        {
            matched += termWeights[i] * answer.TermCredit[termIds[i]];
        }

        var unigram = matched / totalTermWeight;
        if (totalBigramWeight <= 0)
        {
            return unigram;
        }

        var matchedBigrams = 0.0;
        for (var i = 0; i < bigramIds.Length; i++)
        {
            if (answer.BigramSeen[bigramIds[i]])
            {
                matchedBigrams += bigramWeights[i];
            }
        }

        return ((1 - bigramShare) * unigram) + (bigramShare * matchedBigrams / totalBigramWeight);
    }

    /// <summary>The answer sentence holding the most of this target's weight, or null when none holds any.</summary>
    public string? Evidence(AnswerProfile answer)
    {
        var bestSentence = -1;
        var bestWeight = 0.0;
        var sentence = -1;
        var sentenceWeight = 0.0;
        Span<bool> counted = termIds.Length <= 256 ? stackalloc bool[termIds.Length] : new bool[termIds.Length];
        foreach (var occurrence in answer.Occurrences)
        {
            if (occurrence.Sentence != sentence)
            {
                sentence = occurrence.Sentence;
                sentenceWeight = 0;
                counted.Clear();
            }

            var index = Array.IndexOf(termIds, occurrence.TermId);
            if (index < 0 || counted[index])
            {
                continue;
            }

            counted[index] = true;
            sentenceWeight += termWeights[index] * occurrence.Credit;
            if (sentenceWeight > bestWeight)
            {
                bestWeight = sentenceWeight;
                bestSentence = sentence;
            }
        }

        return bestSentence < 0 ? null : answer.Sentences[bestSentence];
    }
}

namespace StudyBot.Core.Quizzes.OfflineGrading;

/// <summary>A key point with one compiled target per way of saying it (English, Chinese, each alias).</summary>
internal sealed record CompiledKeyPoint(KeyPoint KeyPoint, IReadOnlyList<MatchTarget> Variants);

/// <summary>
/// The rubric side of grading, computed once per question: the term and bigram vocabulary of the question,
/// key points and reference answer, the fuzzy signatures of its words, and the compiled targets.
/// </summary>
internal sealed class CompiledRubric
{
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> termLookup;
    private readonly bool[] questionTerms;
    private readonly IReadOnlyList<(int TermId, long[] Signature)> fuzzyTerms;
    private readonly Dictionary<long, int> bigrams;

    public CompiledRubric(
        OpenQuestion source,
        Dictionary<string, int> terms,
        bool[] questionTerms,
        IReadOnlyList<(int TermId, long[] Signature)> fuzzyTerms,
        Dictionary<long, int> bigrams,
        IReadOnlyList<CompiledKeyPoint> keyPoints,
        IReadOnlyList<MatchTarget> references)
    {
        Source = source;
        termLookup = terms.GetAlternateLookup<ReadOnlySpan<char>>();
        TermCount = terms.Count;
        this.questionTerms = questionTerms;
        this.fuzzyTerms = fuzzyTerms;
        this.bigrams = bigrams;
        KeyPoints = keyPoints;
        References = references;
    }

    public OpenQuestion Source { get; }

    public int TermCount { get; }

    public int BigramCount => bigrams.Count;

    public IReadOnlyList<CompiledKeyPoint> KeyPoints { get; }

    /// <summary>The reference answer in each of its distinct languages.</summary>
    public IReadOnlyList<MatchTarget> References { get; }

    public static long BigramKey(int first, int second) => ((long)first << 32) | (uint)second;

    public bool IsQuestionTerm(int termId) => questionTerms[termId];

    public bool TryGetBigram(int first, int second, out int bigramId) =>
        bigrams.TryGetValue(BigramKey(first, second), out bigramId);

    /// <summary>
    /// The rubric term an answer term stands for and its credit; (-1, 0) when it stands for none. A word the rubric
    /// lacks matches fuzzily, its stem and its written form each against the rubric's stems and written words.
    /// </summary>
    public (int TermId, double Credit) Match(ReadOnlySpan<char> term, ReadOnlySpan<char> word, bool isCjk, OfflineGradingOptions options)
    {
        if (termLookup.TryGetValue(term, out var termId))
        {
            return (termId, 1.0);
        }

        if (isCjk || word.Length < options.FuzzyMinLength || word.Length > TrigramSignature.MaxWordLength)
        {
            return (-1, 0);
        }

        Span<long> stemBuffer = stackalloc long[TrigramSignature.MaxWordLength];
        Span<long> wordBuffer = stackalloc long[TrigramSignature.MaxWordLength];
        var stemSignature = term.Length >= options.FuzzyMinLength ? TrigramSignature.Fill(term, stemBuffer) : [];
        var wordSignature = word.SequenceEqual(term) ? [] : TrigramSignature.Fill(word, wordBuffer);
        var best = (TermId: -1, Credit: 0.0);
        foreach (var (candidate, candidateSignature) in fuzzyTerms)
        {
            var dice = Math.Max(TrigramSignature.Dice(stemSignature, candidateSignature), TrigramSignature.Dice(wordSignature, candidateSignature));
            if (dice >= options.FuzzyMatchThreshold && dice > best.Credit)
            {
                best = (candidate, dice);
            }
        }

        return best;
    }

    /// <summary>Whether this was compiled from the same content, so a cached copy may serve the question.</summary>
    public bool IsFor(OpenQuestion question)
    {
        if (ReferenceEquals(question, Source))
        {
            return true;
        }

        if (question.Id != Source.Id || question.Prompt != Source.Prompt
            || question.ReferenceAnswer != Source.ReferenceAnswer || question.KeyPoints.Count != Source.KeyPoints.Count)
        {
            return false;
        }

        for (var i = 0; i < question.KeyPoints.Count; i++)
        {
            var mine = Source.KeyPoints[i];
            var theirs = question.KeyPoints[i];
            if (mine.Id != theirs.Id || !mine.Weight.Equals(theirs.Weight) || mine.Text != theirs.Text
                || mine.SourceId != theirs.SourceId || !mine.Aliases.SequenceEqual(theirs.Aliases, StringComparer.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}

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
    private readonly IReadOnlyList<(int TermId, long[] Signature)> fuzzyStems;
    private readonly IReadOnlyList<(int TermId, long[] Signature)> fuzzyWords;
    private readonly Dictionary<long, int> bigrams;
    private readonly IReadOnlyList<(int TermId, string Stem)> derivableStems;
    private readonly bool[] informativeBigrams;

    public CompiledRubric(
        OpenQuestion source,
        Dictionary<string, int> terms,
        bool[] questionTerms,
        IReadOnlyList<(int TermId, long[] Signature)> fuzzyStems,
        IReadOnlyList<(int TermId, long[] Signature)> fuzzyWords,
        IReadOnlyList<(int TermId, string Stem)> derivableStems,
        Dictionary<long, int> bigrams,
        bool[] informativeBigrams,
        IReadOnlyList<CompiledKeyPoint> keyPoints,
        IReadOnlyList<MatchTarget> references)
    {
        Source = source;
        termLookup = terms.GetAlternateLookup<ReadOnlySpan<char>>();
        TermCount = terms.Count;
        this.questionTerms = questionTerms;
        this.fuzzyStems = fuzzyStems;
        this.fuzzyWords = fuzzyWords;
        this.bigrams = bigrams;
        this.derivableStems = derivableStems;
        this.informativeBigrams = informativeBigrams;
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

    /// <summary>Whether a bigram shows the answer says something: not in the question, not two common characters (一个).</summary>
    public bool IsInformativeBigram(int bigramId) => informativeBigrams[bigramId];

    public bool TryGetBigram(int first, int second, out int bigramId) =>
        bigrams.TryGetValue(BigramKey(first, second), out bigramId);

    /// <summary>
    /// The rubric term an answer term stands for and its credit; (-1, 0) when it stands for none. A word the rubric
    /// lacks matches fuzzily: its stem against the rubric's stems, its written form against the rubric's written words.
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
        var wordSignature = word.SequenceEqual(term) ? stemSignature : TrigramSignature.Fill(word, wordBuffer);
        var best = (TermId: -1, Credit: 0.0);
        Closest(stemSignature, fuzzyStems, options.FuzzyMatchThreshold, ref best);
        Closest(wordSignature, fuzzyWords, options.FuzzyMatchThreshold, ref best);
        if (best.TermId < 0)
        {
            best = Derived(term, derivableStems, options);
        }

        return best;
    }

    /// <summary>
    /// A rubric stem that is a prefix of the answer's stem or the other way round ("reus" of "reused" and "reusabl" of
    /// "reusability", which Porter leaves apart), with the least credit of a fuzzy match.
    /// </summary>
    private static (int TermId, double Credit) Derived(
        ReadOnlySpan<char> stem, IReadOnlyList<(int TermId, string Stem)> candidates, OfflineGradingOptions options)
    {
        if (stem.Length < options.FuzzyMinLength)
        {
            return (-1, 0);
        }

        foreach (var (candidate, candidateStem) in candidates)
        {
            if (stem.StartsWith(candidateStem, StringComparison.Ordinal) || candidateStem.AsSpan().StartsWith(stem, StringComparison.Ordinal))
            {
                return (candidate, options.FuzzyMatchThreshold);
            }
        }

        return (-1, 0);
    }

    /// <summary>The candidate closest to <paramref name="signature"/> by Dice from <paramref name="floor"/>, if closer than <paramref name="best"/>.</summary>
    private static void Closest(
        ReadOnlySpan<long> signature, IReadOnlyList<(int TermId, long[] Signature)> candidates, double floor, ref (int TermId, double Credit) best)
    {
        if (signature.IsEmpty)
        {
            return;
        }

        foreach (var (candidate, candidateSignature) in candidates)
        {
            // Dice is at most 2·min / (a + b): skip the comparison when the sizes alone keep it below the floor.
            if (2.0 * Math.Min(signature.Length, candidateSignature.Length) < floor * (signature.Length + candidateSignature.Length))
            {
                continue;
            }

            var dice = TrigramSignature.Dice(signature, candidateSignature);
            if (dice >= floor && dice > best.Credit)
            {
                best = (candidate, dice);
            }
        }
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

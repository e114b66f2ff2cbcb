namespace StudyBot.Core.Quizzes.OfflineGrading;

/// <summary>One term of the answer that the rubric knows, and where it stands.</summary>
internal readonly record struct TermOccurrence(int TermId, int Sentence, double Credit);

/// <summary>
/// An answer read against one rubric: for each rubric term the best credit (1 exact, Dice for a fuzzy match),
/// which rubric bigrams occur, and how much new content (terms not in the question) the answer has.
/// </summary>
internal sealed class AnswerProfile
{
    private AnswerProfile(CompiledRubric rubric, List<string> sentences)
    {
        Sentences = sentences;
        TermCredit = new double[rubric.TermCount];
        BigramSeen = new bool[rubric.BigramCount];
    }

    public IReadOnlyList<string> Sentences { get; }

    public double[] TermCredit { get; }

    public bool[] BigramSeen { get; }

    public List<TermOccurrence> Occurrences { get; } = [];

    public int TermCount { get; private set; }

    /// <summary>Terms that are not in the question.</summary>
    public int NewContentCount { get; private set; }

    /// <summary>Words (not CJK characters) that are not in the question.</summary>
    public int NewWordCount { get; private set; }

    /// <summary>Of <see cref="NewWordCount"/>, the rubric words matched, each by its match credit.</summary>
    public double RubricWordCredit { get; private set; }

    /// <summary>
    /// Share of the answer's own words (those not in the question) that the rubric knows; 1 when it has none, or
    /// when it is a Chinese answer, whose few Latin words (O(n), API) say little about its focus.
    /// </summary>
    public double WordPrecision => NewWordCount == 0 || IsMostlyCjk ? 1 : RubricWordCredit / NewWordCount;

    /// <summary>
    /// Whether the answer shares more than single common characters with the rubric: a word of the rubric that is not
    /// in the question, or a rubric bigram that is neither in the question nor made of common characters (一个).
    /// </summary>
    public bool HasEvidence { get; private set; }

    /// <summary>Whether most of its terms are CJK characters (a Chinese answer).</summary>
    public bool IsMostlyCjk => 2 * CjkTermCount > TermCount;

    private int CjkTermCount { get; set; }

    /// <summary>Letters and digits in the answer.</summary>
    public int TextLength { get; private set; }

    public static AnswerProfile Analyze(string answer, CompiledRubric rubric, OfflineGradingOptions options)
    {
        var profile = new AnswerProfile(rubric, SentenceSplitter.Split(answer));
        Span<char> stemBuffer = stackalloc char[EnglishStemmer.MaxStemmedLength + 2];
        for (var sentence = 0; sentence < profile.Sentences.Count; sentence++)
        {
            var normalized = TextNormalizer.Normalize(profile.Sentences[sentence]);
            profile.TextLength += TextNormalizer.CountWordCharacters(normalized);
            var reader = new TermReader(normalized, stemBuffer);
            var previous = -1;
            while (reader.MoveNext())
            {
                var (termId, credit) = rubric.Match(reader.Current, reader.Word, reader.IsCjk, options);
                profile.CjkTermCount += reader.IsCjk ? 1 : 0;
                profile.Record(rubric, sentence, termId, credit, previous, reader.IsCjk);
                previous = termId;
            }
        }

        return profile;
    }

    private void Record(CompiledRubric rubric, int sentence, int termId, double credit, int previous, bool isCjk)
    {
        TermCount++;
        var isNew = termId < 0 || !rubric.IsQuestionTerm(termId);
        if (isNew)
        {
            NewContentCount++;
            NewWordCount += isCjk ? 0 : 1;
        }

        if (termId < 0)
        {
            return;
        }

        if (isNew && !isCjk)
        {
            RubricWordCredit += credit;
            HasEvidence = true;
        }

        TermCredit[termId] = Math.Max(TermCredit[termId], credit);
        Occurrences.Add(new TermOccurrence(termId, sentence, credit));
        if (previous >= 0 && rubric.TryGetBigram(previous, termId, out var bigramId))
        {
            BigramSeen[bigramId] = true;
            HasEvidence |= rubric.IsInformativeBigram(bigramId);
        }
    }
}

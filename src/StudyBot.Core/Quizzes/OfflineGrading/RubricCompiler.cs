namespace StudyBot.Core.Quizzes.OfflineGrading;

/// <summary>Turns an <see cref="OpenQuestion"/> into a <see cref="CompiledRubric"/>.</summary>
internal sealed class RubricCompiler
{
    /// <summary>Least weight of a short word: "n" or "use" still says something.</summary>
    private const double MinInformativeness = 0.2;

    private readonly OfflineGradingOptions options;
    private readonly Dictionary<string, int> terms = new(StringComparer.Ordinal);
    private readonly List<bool> questionTerms = [];
    private readonly List<bool> cjkTerms = [];
    private readonly List<int> termLengths = [];
    private readonly List<char> termFirstCharacters = [];
    private readonly Dictionary<string, int> words = new(StringComparer.Ordinal);
    private readonly HashSet<long> questionBigrams = [];
    private readonly Dictionary<long, int> bigrams = [];
    private readonly List<bool> informativeBigrams = [];

    private RubricCompiler(OfflineGradingOptions options) => this.options = options;

    public static CompiledRubric Compile(OpenQuestion question, OfflineGradingOptions options)
    {
        var compiler = new RubricCompiler(options);
        foreach (var prompt in Distinct(question.Prompt.All()))
        {
            foreach (var sentence in compiler.ReadTerms(prompt))
            {
                compiler.AddQuestionSentence(sentence);
            }
        }

        var keyPoints = question.KeyPoints
            .Select(keyPoint => new CompiledKeyPoint(
                keyPoint,
                Distinct(keyPoint.Text.All().Concat(keyPoint.Aliases)).Select(compiler.Target).ToList()))
            .ToList();
        var references = Distinct(question.ReferenceAnswer.All()).Select(compiler.Target).Where(t => !t.IsEmpty).ToList();
        return new CompiledRubric(
            question,
            compiler.terms,
            [.. compiler.questionTerms],
            compiler.FuzzyStems(),
            compiler.FuzzyWords(),
            compiler.DerivableStems(),
            compiler.bigrams,
            [.. compiler.informativeBigrams],
            keyPoints,
            references);
    }

    private static IEnumerable<string> Distinct(IEnumerable<string> texts) =>
        texts.Where(text => !string.IsNullOrWhiteSpace(text)).Distinct(StringComparer.Ordinal);

    /// <summary>The term ids of each sentence of <paramref name="text"/>, adding new terms to the vocabulary.</summary>
    private List<List<int>> ReadTerms(string text) => ReadTerms(text, out _);

    private List<List<int>> ReadTerms(string text, out int textLength)
    {
        var sentences = new List<List<int>>();
        textLength = 0;
        Span<char> stemBuffer = stackalloc char[EnglishStemmer.MaxStemmedLength + 2];
        foreach (var sentence in SentenceSplitter.Split(text))
        {
            var ids = new List<int>();
            var normalized = TextNormalizer.Normalize(sentence);
            textLength += TextNormalizer.CountWordCharacters(normalized);
            var reader = new TermReader(normalized, stemBuffer);
            while (reader.MoveNext())
            {
                var id = TermId(reader.Current, reader.IsCjk);
                ids.Add(id);
                if (!reader.IsCjk)
                {
                    words.GetAlternateLookup<ReadOnlySpan<char>>().TryAdd(reader.Word, id);
                }
            }

            sentences.Add(ids);
        }

        return sentences;
    }

    private int TermId(ReadOnlySpan<char> term, bool isCjk)
    {
        var lookup = terms.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(term, out var id))
        {
            return id;
        }

        id = terms.Count;
        terms.Add(term.ToString(), id);
        termLengths.Add(term.Length);
        termFirstCharacters.Add(term[0]);
        questionTerms.Add(false);
        cjkTerms.Add(isCjk);
        return id;
    }

    private void AddQuestionSentence(List<int> sentence)
    {
        for (var i = 0; i < sentence.Count; i++)
        {
            questionTerms[sentence[i]] = true;
            if (i > 0)
            {
                questionBigrams.Add(CompiledRubric.BigramKey(sentence[i - 1], sentence[i]));
            }
        }
    }

    private MatchTarget Target(string text)
    {
        var termWeights = new Dictionary<int, double>();
        var bigramWeights = new Dictionary<int, double>();
        var sentences = ReadTerms(text, out var textLength);
        foreach (var sentence in sentences)
        {
            for (var i = 0; i < sentence.Count; i++)
            {
                var id = sentence[i];
                termWeights[id] = TermWeight(id);
                if (i > 0)
                {
                    var key = CompiledRubric.BigramKey(sentence[i - 1], id);
                    var bigramId = BigramId(key);
                    var bigramWeight = questionBigrams.Contains(key) ? options.QuestionTermWeight
                        : IsFunctionCharacter(sentence[i - 1]) && IsFunctionCharacter(id) ? 0 : 1.0;
                    bigramWeights[bigramId] = bigramWeight;
                    informativeBigrams[bigramId] = bigramWeight > 0 && !(IsCommonCharacter(sentence[i - 1]) && IsCommonCharacter(id));
                }
            }
        }

        // A key point that only repeats the question's words can still be met: weigh all its words alike then.
        if (termWeights.Values.Sum() <= 0)
        {
            foreach (var id in termWeights.Keys.ToList())
            {
                termWeights[id] = 1.0;
            }
        }

        return new MatchTarget(
            [.. termWeights.Keys], [.. termWeights.Values], [.. bigramWeights.Keys], [.. bigramWeights.Values], textLength,
            isMostlyCjk: 2 * sentences.Sum(s => s.Count(id => cjkTerms[id])) > sentences.Sum(s => s.Count));
    }

    private double TermWeight(int id) => questionTerms[id] ? options.QuestionTermWeight : Informativeness(id);

    /// <summary>
    /// A stand-in for inverse document frequency when there is no corpus: short words are the common ones (Zipf), so
    /// an English stem weighs in proportion to its length up to <see cref="OfflineGradingOptions.InformativeWordLength"/>.
    /// Numbers and CJK characters weigh fully: a Chinese character is a morpheme, and "5" may be the whole answer.
    /// </summary>
    private double Informativeness(int id)
    {
        if (IsFunctionCharacter(id))
        {
            return 0;
        }

        if (cjkTerms[id] || options.InformativeWordLength <= 0 || char.IsDigit(termFirstCharacters[id]))
        {
            return 1.0;
        }

        return Math.Clamp(termLengths[id] / options.InformativeWordLength, MinInformativeness, 1.0);
    }

    /// <summary>A function character, or a numeral, measure word or pronoun that any Chinese sentence has (一, 个, 这).</summary>
    private bool IsCommonCharacter(int id) =>
        IsFunctionCharacter(id) || (cjkTerms[id] && termLengths[id] == 1 && StopWords.IsChineseCommonCharacter(termFirstCharacters[id]));

    private bool IsFunctionCharacter(int id) => cjkTerms[id] && termLengths[id] == 1 && StopWords.IsChineseStopCharacter(termFirstCharacters[id]);

    private int BigramId(long key)
    {
        if (!bigrams.TryGetValue(key, out var id))
        {
            id = bigrams.Count;
            bigrams.Add(key, id);
            informativeBigrams.Add(false);
        }

        return id;
    }

    /// <summary>
    /// Signatures of the rubric's longer non-CJK stems, the only ones an answer stem may match fuzzily (derivations:
    /// "simulation" against "simulate").
    /// </summary>
    private List<(int TermId, long[] Signature)> FuzzyStems() =>
        Signatures(terms.Where(term => !cjkTerms[term.Value]));

    /// <summary>The rubric's longer stems of Latin letters, which an answer's stem may extend or shorten (derivations).</summary>
    private List<(int TermId, string Stem)> DerivableStems() =>
        terms
            .Where(term => !cjkTerms[term.Value] && term.Key.Length >= options.FuzzyMinLength && term.Key.All(char.IsAsciiLetterLower))
            .Select(term => (term.Value, term.Key))
            .ToList();

    /// <summary>
    /// Signatures of the rubric's longer words as written, where they differ from every stem: a misspelt word
    /// ("refrence") is close to the written word though its stem drifts ("refer").
    /// </summary>
    private List<(int TermId, long[] Signature)> FuzzyWords() =>
        Signatures(words.Where(word => !terms.ContainsKey(word.Key)));

    private List<(int TermId, long[] Signature)> Signatures(IEnumerable<KeyValuePair<string, int>> entries) =>
        entries
            .Where(entry => entry.Key.Length >= options.FuzzyMinLength && entry.Key.Length <= TrigramSignature.MaxWordLength)
            .Select(entry => (entry.Value, TrigramSignature.Of(entry.Key)))
            .ToList();
}

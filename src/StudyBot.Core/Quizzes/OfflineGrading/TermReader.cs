namespace StudyBot.Core.Quizzes.OfflineGrading;

/// <summary>
/// Reads matching terms from normalised text without allocating. Every CJK (or kana, hangul) character is a
/// term of its own, so Chinese needs no word segmenter: bigrams of neighbouring terms recover its words. Runs of
/// other letters and digits are words; English stop words are skipped and the rest are stemmed.
/// </summary>
internal ref struct TermReader
{
    private readonly ReadOnlySpan<char> text;
    private readonly Span<char> stemBuffer;
    private int position;

    /// <param name="normalizedText">Output of <see cref="TextNormalizer.Normalize"/>.</param>
    /// <param name="stemBuffer">Scratch space, longer than <see cref="EnglishStemmer.MaxStemmedLength"/>.</param>
    public TermReader(ReadOnlySpan<char> normalizedText, Span<char> stemBuffer)
    {
        text = normalizedText;
        this.stemBuffer = stemBuffer;
        position = 0;
        Current = default;
        Word = default;
        IsCjk = false;
    }

    /// <summary>The term: a CJK character, a number, or a stemmed word.</summary>
    public ReadOnlySpan<char> Current { get; private set; }

    /// <summary>The word as written (normalised, not stemmed): misspellings are closer to it than to its stem.</summary>
    public ReadOnlySpan<char> Word { get; private set; }

    public bool IsCjk { get; private set; }

    public bool MoveNext()
    {
        while (position < text.Length)
        {
            if (text[position] == ' ')
            {
                position++;
                continue;
            }

            var cjkLength = CjkLengthAt(text, position);
            if (cjkLength > 0)
            {
                Current = text.Slice(position, cjkLength);
                Word = Current;
                IsCjk = true;
                position += cjkLength;
                return true;
            }

            var start = position;
            while (position < text.Length && text[position] != ' ' && CjkLengthAt(text, position) == 0)
            {
                position++;
            }

            var word = text[start..position];
            if (StopWords.IsEnglishStopWord(word))
            {
                continue;
            }

            var canonical = CanonicalWord(word);
            Current = canonical.IsEmpty ? EnglishStemmer.Stem(word, stemBuffer) : canonical;
            Word = canonical.IsEmpty ? word : canonical;
            IsCjk = false;
            return true;
        }

        return false;
    }

    /// <summary>"one" and "1" mean the same to a grader; so do "no", "never" and "don't" (read as "don" and "t").</summary>
    private static ReadOnlySpan<char> CanonicalWord(ReadOnlySpan<char> word) => word switch
    {
        "zero" => "0",
        "one" => "1",
        "two" => "2",
        "three" => "3",
        "four" => "4",
        "five" => "5",
        "six" => "6",
        "seven" => "7",
        "eight" => "8",
        "nine" => "9",
        "ten" => "10",
        "no" or "not" or "never" or "none" or "nothing" or "cannot" or "dont" or "don" or "doesnt" or "doesn" or "didnt" or "didn"
            or "isnt" or "isn" or "arent" or "aren" or "cant" or "wont" or "won" or "wasnt" or "wasn" or "without" => "not",
        _ => default,
    };

    /// <summary>1 or 2 (a surrogate pair) when a CJK character starts at <paramref name="index"/>, else 0.</summary>
    private static int CjkLengthAt(ReadOnlySpan<char> text, int index)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c))
        {
            return index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 0;
        }

        return IsCjkCharacter(c) ? 1 : 0;
    }

    private static bool IsCjkCharacter(char c) =>
        c is (>= '\u3040' and <= '\u30FF') // kana
            or (>= '\u3400' and <= '\u4DBF') // CJK extension A
            or (>= '\u4E00' and <= '\u9FFF') // CJK unified ideographs
            or (>= '\uAC00' and <= '\uD7AF') // hangul syllables
            or (>= '\uF900' and <= '\uFAFF'); // CJK compatibility ideographs
}

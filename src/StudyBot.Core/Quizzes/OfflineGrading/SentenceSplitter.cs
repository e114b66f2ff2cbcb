namespace StudyBot.Core.Quizzes.OfflineGrading;

/// <summary>
/// Splits raw text into sentences at Chinese and Latin sentence ends, semicolons and line breaks. A full stop
/// only ends a sentence before white space or the end, so "3.14" and "file.h" stay whole, and not after an
/// abbreviation such as "i.e." or "etc.".
/// </summary>
internal static class SentenceSplitter
{
    public static List<string> Split(string text)
    {
        var sentences = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (EndsSentence(text, i))
            {
                Add(sentences, text, start, i + 1);
                start = i + 1;
            }
        }

        Add(sentences, text, start, text.Length);
        return sentences;
    }

    private static bool EndsSentence(string text, int i) => text[i] switch
    {
        '.' or '．' => (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])) && !EndsAbbreviation(text, i),
        '!' or '?' or ';' or '。' or '！' or '？' or '；' or '…' or '\n' or '\r' => true,
        _ => false,
    };

    /// <summary>Whether the full stop at <paramref name="dot"/> closes "i.e.", "e.g.", "etc.", "vs." or "cf.".</summary>
    private static bool EndsAbbreviation(string text, int dot)
    {
        var start = dot;
        while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }

        var word = text.AsSpan(start, dot - start).TrimStart("(\"'");
        return word.Contains('.')
            || word.Equals("etc", StringComparison.OrdinalIgnoreCase)
            || word.Equals("vs", StringComparison.OrdinalIgnoreCase)
            || word.Equals("cf", StringComparison.OrdinalIgnoreCase);
    }

    private static void Add(List<string> sentences, string text, int start, int end)
    {
        var sentence = text.AsSpan(start, end - start).Trim();
        if (!sentence.IsEmpty)
        {
            sentences.Add(sentence.ToString());
        }
    }
}

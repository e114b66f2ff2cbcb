using StudyBot.Core.Content;

namespace StudyBot.Core.Quizzes.OfflineGrading;

/// <summary>
/// Builds a rubric when a question has only a reference answer: each sentence of the reference becomes a key
/// point of equal weight, the same text in both languages, with no aliases.
/// </summary>
public static class ReferenceRubric
{
    /// <summary>Sentences with fewer content terms than this ("i.e.", "1.") join a neighbour, the one before if any.</summary>
    private const int MinKeyPointTerms = 2;

    public static OpenQuestion Build(string question, string reference, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(reference);
        var keyPoints = KeyPointSentences(reference)
            .Select((sentence, index) => new KeyPoint(
                $"kp{index + 1}", 1.0, new LocalizedText(sentence, sentence), [], SourceId: null))
            .ToList();
        return new OpenQuestion(
            id ?? ContentId(question, reference),
            new LocalizedText(question, question),
            new LocalizedText(reference, reference),
            keyPoints);
    }

    private static List<string> KeyPointSentences(string reference)
    {
        var merged = new List<string>();
        var leading = "";
        foreach (var sentence in SentenceSplitter.Split(reference))
        {
            if (CountTerms(sentence) >= MinKeyPointTerms)
            {
                merged.Add(leading.Length == 0 ? sentence : leading + " " + sentence);
                leading = "";
            }
            else if (merged.Count > 0)
            {
                merged[^1] += " " + sentence;
            }
            else
            {
                leading = leading.Length == 0 ? sentence : leading + " " + sentence;
            }
        }

        if (leading.Length > 0)
        {
            merged.Add(leading);
        }

        return merged;
    }

    private static int CountTerms(string text)
    {
        var reader = new TermReader(TextNormalizer.Normalize(text), stackalloc char[EnglishStemmer.MaxStemmedLength + 2]);
        var count = 0;
        while (reader.MoveNext())
        {
            count++;
        }

        return count;
    }

    /// <summary>A stable id from the content (FNV-1a), so equal rubrics share one cache entry.</summary>
    private static string ContentId(string question, string reference)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in string.Concat(question, "\u0001", reference))
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return $"ref-{hash:x16}";
    }
}

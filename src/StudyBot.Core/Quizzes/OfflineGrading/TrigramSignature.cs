namespace StudyBot.Core.Quizzes.OfflineGrading;

/// <summary>
/// The sorted, distinct character trigrams of a word padded with boundary marks, for fuzzy matching of
/// misspellings ("specifiy") and derivations ("simulation" against "simulate") by Dice overlap.
/// </summary>
internal static class TrigramSignature
{
    /// <summary>Longest word compared fuzzily; longer tokens are code or noise.</summary>
    public const int MaxWordLength = 40;

    public static long[] Of(ReadOnlySpan<char> word)
    {
        Span<long> buffer = stackalloc long[MaxWordLength];
        return Fill(word, buffer).ToArray();
    }

    /// <summary>Writes the signature into <paramref name="buffer"/> (at least <see cref="MaxWordLength"/> long).</summary>
    public static ReadOnlySpan<long> Fill(ReadOnlySpan<char> word, Span<long> buffer)
    {
        if (word.IsEmpty || word.Length > MaxWordLength)
        {
            return [];
        }

        var count = 0;
        for (var i = 0; i < word.Length; i++)
        {
            var previous = i == 0 ? '#' : word[i - 1];
            var next = i == word.Length - 1 ? '#' : word[i + 1];
            buffer[count++] = ((long)previous << 32) | ((long)word[i] << 16) | next;
        }

        var trigrams = buffer[..count];
        trigrams.Sort();
        var distinct = 0;
        for (var i = 0; i < count; i++)
        {
            if (distinct == 0 || trigrams[i] != trigrams[distinct - 1])
            {
                trigrams[distinct++] = trigrams[i];
            }
        }

        return trigrams[..distinct];
    }

    public static double Dice(ReadOnlySpan<long> left, ReadOnlySpan<long> right)
    {
        if (left.IsEmpty || right.IsEmpty)
        {
            return 0;
        }

        int i = 0, j = 0, common = 0;
        while (i < left.Length && j < right.Length)
        {
            if (left[i] == right[j])
            {
                common++;
                i++;
                j++;
            }
            else if (left[i] < right[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return 2.0 * common / (left.Length + right.Length);
    }
}

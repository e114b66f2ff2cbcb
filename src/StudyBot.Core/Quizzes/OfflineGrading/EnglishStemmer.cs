namespace StudyBot.Core.Quizzes.OfflineGrading;

/// <summary>
/// Light English stemming: step 1 of Porter's algorithm (plurals, -ed, -ing, final y), so "simulates",
/// "simulated" and "simulating" meet. Deeper derivations are left to the grader's fuzzy character matching.
/// </summary>
internal static class EnglishStemmer
{
    /// <summary>Longest word that is stemmed; longer ones (code, URLs) are compared as they are.</summary>
    public const int MaxStemmedLength = 48;

    /// <summary>Writes the stem of a lower-case word into <paramref name="buffer"/> and returns it.</summary>
    public static ReadOnlySpan<char> Stem(ReadOnlySpan<char> word, Span<char> buffer)
    {
        if (word.Length <= 2 || word.Length > MaxStemmedLength || buffer.Length <= word.Length || !IsAsciiLetters(word))
        {
            return word;
        }

        word.CopyTo(buffer);
        var length = Step1A(buffer, word.Length);
        length = Step1B(buffer, length);
        length = Step1C(buffer, length);
        return buffer[..length];
    }

    private static int Step1A(Span<char> w, int length)
    {
        if (EndsWith(w, length, "sses") || EndsWith(w, length, "ies"))
        {
            return length - 2;
        }

        if (EndsWith(w, length, "ss") || !EndsWith(w, length, "s"))
        {
            return length;
        }

        return length - 1;
    }

    private static int Step1B(Span<char> w, int length)
    {
        if (EndsWith(w, length, "eed"))
        {
            return Measure(w, length - 3) > 0 ? length - 1 : length;
        }

        int stemLength;
        if (EndsWith(w, length, "ed") && HasVowel(w, length - 2))
        {
            stemLength = length - 2;
        }
        else if (EndsWith(w, length, "ing") && HasVowel(w, length - 3))
        {
            stemLength = length - 3;
        }
        else
        {
            return length;
        }

        if (EndsWith(w, stemLength, "at") || EndsWith(w, stemLength, "bl") || EndsWith(w, stemLength, "iz"))
        {
            w[stemLength] = 'e';
            return stemLength + 1;
        }

        if (EndsWithDoubleConsonant(w, stemLength) && w[stemLength - 1] is not ('l' or 's' or 'z'))
        {
            return stemLength - 1;
        }

        if (Measure(w, stemLength) == 1 && EndsConsonantVowelConsonant(w, stemLength))
        {
            w[stemLength] = 'e';
            return stemLength + 1;
        }

        return stemLength;
    }

    private static int Step1C(Span<char> w, int length)
    {
        if (length > 2 && w[length - 1] == 'y' && HasVowel(w, length - 1))
        {
            w[length - 1] = 'i';
        }

        return length;
    }

    private static bool IsAsciiLetters(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }

        return true;
    }

    private static bool EndsWith(Span<char> w, int length, string suffix) =>
        length >= suffix.Length && w[..length].EndsWith(suffix, StringComparison.Ordinal);

    private static bool IsConsonant(Span<char> w, int i) => w[i] switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' => false,
        'y' => i == 0 || !IsConsonant(w, i - 1),
        _ => true,
    };

    private static bool HasVowel(Span<char> w, int length)
    {
        for (var i = 0; i < length; i++)
        {
            if (!IsConsonant(w, i))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Porter's m: the number of vowel-consonant sequences in w[..length].</summary>
    private static int Measure(Span<char> w, int length)
    {
        var i = 0;
        while (i < length && IsConsonant(w, i))
        {
            i++;
        }

        var measure = 0;
        while (i < length)
        {
            while (i < length && !IsConsonant(w, i))
            {
                i++;
            }

            if (i >= length)
            {
                break;
            }

            while (i < length && IsConsonant(w, i))
            {
                i++;
            }

            measure++;
        }

        return measure;
    }

    private static bool EndsWithDoubleConsonant(Span<char> w, int length) =>
        length >= 2 && w[length - 1] == w[length - 2] && IsConsonant(w, length - 1);

    private static bool EndsConsonantVowelConsonant(Span<char> w, int length) =>
        length >= 3 && IsConsonant(w, length - 3) && !IsConsonant(w, length - 2) && IsConsonant(w, length - 1)
        && w[length - 1] is not ('w' or 'x' or 'y');
}

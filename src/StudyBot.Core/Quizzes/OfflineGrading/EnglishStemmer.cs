namespace StudyBot.Core.Quizzes.OfflineGrading;

/// <summary>
/// Porter's English stemmer (1980), so "simulates", "simulated" and "simulating" meet, as do "declared" and
/// "declaration". Works in a caller's buffer, without allocating.
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
        length = ReplaceSuffix(buffer, length, Step2Rules, minimumMeasure: 1);
        length = ReplaceSuffix(buffer, length, Step3Rules, minimumMeasure: 1);
        length = Step4(buffer, length);
        length = Step5(buffer, length);
        return buffer[..length];
    }

    // Longest suffix first: Porter applies only the longest suffix that matches, if its condition holds.
    private static readonly (string Suffix, string Replacement)[] Step2Rules =
    [
        ("ational", "ate"), ("ization", "ize"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"),
        ("tional", "tion"), ("biliti", "ble"), ("ation", "ate"), ("alism", "al"), ("aliti", "al"), ("iviti", "ive"),
        ("ousli", "ous"), ("entli", "ent"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("abli", "able"),
        ("alli", "al"), ("ator", "ate"), ("logi", "log"), ("bli", "ble"), ("eli", "e"),
    ];

    private static readonly (string Suffix, string Replacement)[] Step3Rules =
    [
        ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ness", ""), ("ful", ""),
    ];

    private static readonly string[] Step4Suffixes =
    [
        "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ion", "ism", "ate", "iti", "ous", "ive", "ize",
        "al", "er", "ic", "ou",
    ];

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

    private static int ReplaceSuffix(Span<char> w, int length, (string Suffix, string Replacement)[] rules, int minimumMeasure)
    {
        foreach (var (suffix, replacement) in rules)
        {
            if (!EndsWith(w, length, suffix))
            {
                continue;
            }

            var stemLength = length - suffix.Length;
            if (Measure(w, stemLength) < minimumMeasure)
            {
                return length;
            }

            replacement.AsSpan().CopyTo(w[stemLength..]);
            return stemLength + replacement.Length;
        }

        return length;
    }

    private static int Step4(Span<char> w, int length)
    {
        foreach (var suffix in Step4Suffixes)
        {
            if (!EndsWith(w, length, suffix))
            {
                continue;
            }

            var stemLength = length - suffix.Length;
            var allowed = Measure(w, stemLength) > 1
                && (suffix != "ion" || (stemLength > 0 && w[stemLength - 1] is 's' or 't'));
            return allowed ? stemLength : length;
        }

        return length;
    }

    private static int Step5(Span<char> w, int length)
    {
        if (w[length - 1] == 'e')
        {
            var measure = Measure(w, length - 1);
            if (measure > 1 || (measure == 1 && !EndsConsonantVowelConsonant(w, length - 1)))
            {
                length--;
            }
        }

        if (length > 1 && w[length - 1] == 'l' && w[length - 2] == 'l' && Measure(w, length) > 1)
        {
            length--;
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

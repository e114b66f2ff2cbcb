using System.Globalization;
using System.Text;

namespace StudyBot.Core.Quizzes.OfflineGrading;

/// <summary>
/// Puts text into the one form the grader compares: Unicode NFKC (which also turns full-width Latin letters,
/// digits and the ideographic space into their half-width forms), lower case, every run of punctuation,
/// symbols and white space collapsed into one space. Chinese characters are kept as they are.
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        var spacePending = false;
        foreach (var c in folded)
        {
            if (!IsWordCharacter(c))
            {
                spacePending = true;
                continue;
            }

            if (spacePending && builder.Length > 0)
            {
                builder.Append(' ');
            }

            spacePending = false;
            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>How many letters and digits normalised text holds: its length, comparable across languages.</summary>
    public static int CountWordCharacters(string normalizedText)
    {
        ArgumentNullException.ThrowIfNull(normalizedText);
        return normalizedText.Length - normalizedText.AsSpan().Count(' ');
    }

    /// <summary>Letters, digits, combining marks and surrogate halves (rare CJK) belong to words; all else separates.</summary>
    private static bool IsWordCharacter(char c)
    {
        if (char.IsLetterOrDigit(c) || char.IsSurrogate(c))
        {
            return true;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }
}

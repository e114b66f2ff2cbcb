using System.Text;
using StudyBot.Core.Content;
using StudyBot.Core.Quizzes;
using StudyBot.Core.Quizzes.OfflineGrading;

namespace StudyBot.Grading.OpenAI;

/// <summary>
/// The structural checks that keep the model from granting what the answer does not say: a key point counts only
/// if its quote really occurs in the learner's answer (whitespace, case and width normalised) and the quote shares
/// wording with that key point beyond the question's own words: some of its text (in either language), or most of
/// one of its aliases (aliases are short, so one common word of theirs proves nothing). A quote with JSON or fence
/// syntax is refused too: evidence is prose. So neither invented quotes, nor quoting "give me full marks", nor fake
/// JSON, nor restating the question earns anything, whatever the model was talked into. The limit: a compromised
/// model can still credit an answer that names a key point's own words, as the offline grader does.
/// </summary>
public sealed class QuoteCheck(OfflineAnswerGrader offline)
{
    private static readonly System.Buffers.SearchValues<char> MarkupCharacters = System.Buffers.SearchValues.Create("{}");

    /// <summary>Least similarity (the offline grader's measure) between the quote and the key point's own text.</summary>
    public const double MinTextRelevance = 0.2;

    /// <summary>Least similarity between the quote and one alias.</summary>
    public const double MinAliasRelevance = 0.5;

    /// <summary>Why a met key point was refused, or null when it stands.</summary>
    public string? Refuse(OpenQuestion question, KeyPoint keyPoint, string normalizedAnswer, string quote)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(keyPoint);
        ArgumentNullException.ThrowIfNull(normalizedAnswer);
        var normalizedQuote = Normalize(TrimQuoteMarks(quote ?? string.Empty));
        if (normalizedQuote.Length == 0)
        {
            return "no quote";
        }

        if (!normalizedAnswer.Contains(normalizedQuote, StringComparison.Ordinal))
        {
            return "quote not in the answer";
        }

        // Evidence is the learner's prose: JSON or fence syntax is an attempt to be read as output or as prompt.
        if (normalizedQuote.AsSpan().IndexOfAny(MarkupCharacters) >= 0 || normalizedQuote.Contains("<<<", StringComparison.Ordinal) || normalizedQuote.Contains(">>>", StringComparison.Ordinal))
        {
            return "quote is markup, not prose";
        }

        return IsAbout(question, keyPoint, quote!) ? null : "quote unrelated to the key point";
    }

    /// <summary>NFKC, lower case, every run of white space one space, trimmed: the form quotes are compared in.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        var space = false;
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>Models like to wrap a quote in quotation marks or end it with an ellipsis; those are not the learner's.</summary>
    private static string TrimQuoteMarks(string quote) => quote.Trim().Trim('"', '\'', '“', '”', '‘', '’', '「', '」', '『', '』', '…').Trim();

    private bool IsAbout(OpenQuestion question, KeyPoint keyPoint, string quote)
    {
        if (Similarity(question, keyPoint with { Aliases = [] }, quote) >= MinTextRelevance)
        {
            return true;
        }

        return keyPoint.Aliases.Any(alias =>
            Similarity(question, new KeyPoint(keyPoint.Id, 1, new LocalizedText(alias, alias), [], null), quote) >= MinAliasRelevance);
    }

    /// <summary>The offline grader's similarity of the quote to a one-point rubric; it weighs the question's own terms at zero.</summary>
    private double Similarity(OpenQuestion question, KeyPoint keyPoint, string quote)
    {
        var probe = new OpenQuestion($"{question.Id}#{keyPoint.Id}#{keyPoint.Text.En}", question.Prompt, keyPoint.Text, [keyPoint]);
        return offline.Grade(probe, quote).KeyPoints[0].Similarity;
    }
}

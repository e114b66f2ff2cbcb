namespace StudyBot.Core.Content.Loading;

/// <summary>A lesson file split into its YAML front matter and its English and Chinese Markdown bodies.</summary>
internal sealed record LessonDocument(string FrontMatter, int FrontMatterLineOffset, LocalizedText? Body)
{
    public const string EnMarker = "<!-- en -->";
    public const string ZhMarker = "<!-- zh -->";
    private const string Delimiter = "---";
    private const string FrontMatterField = "front matter";

    /// <summary>Null when there is no front matter to read; a null body means the body markers are broken.</summary>
    public static LessonDocument? Split(string text, FileErrors errors)
    {
        var lines = text.Split('\n');
        if (lines[0].TrimEnd() != Delimiter)
        {
            errors.AtFileLine(1, FrontMatterField, "a lesson must start with a '---' line, then YAML front matter and a closing '---' line");
            return null;
        }

        var close = Array.FindIndex(lines, 1, line => line.TrimEnd() == Delimiter);
        if (close < 0)
        {
            errors.AtFileLine(1, FrontMatterField, "has no closing '---' line");
            return null;
        }

        // Front matter line 1 is file line 2, below the opening '---'.
        return new LessonDocument(string.Join('\n', lines[1..close]), 1, SplitBodies(lines, close + 1, errors));
    }

    private static LocalizedText? SplitBodies(string[] lines, int start, FileErrors errors)
    {
        var en = FindMarker(lines, start, EnMarker, start, errors);
        var zh = FindMarker(lines, start, ZhMarker, Math.Max(en, start), errors);
        if (en < 0 || zh < 0)
        {
            return null;
        }

        if (zh < en)
        {
            errors.AtFileLine(zh + 1, "body", $"'{ZhMarker}' must come after '{EnMarker}'");
            return null;
        }

        var stray = Array.FindIndex(lines, start, en - start, line => line.Trim().Length > 0);
        if (stray >= 0)
        {
            errors.AtFileLine(stray + 1, "body", $"text before '{EnMarker}' belongs to no language");
        }

        var enBody = ReadBody(lines[(en + 1)..zh], en, "body.en", errors);
        var zhBody = ReadBody(lines[(zh + 1)..], zh, "body.zh", errors);
        return enBody is null || zhBody is null ? null : new LocalizedText(enBody, zhBody);
    }

    /// <summary>The marker's index; a missing marker is reported at <paramref name="reportAt"/>, a repeated one where it repeats.</summary>
    private static int FindMarker(string[] lines, int start, string marker, int reportAt, FileErrors errors)
    {
        var found = -1;
        for (var i = start; i < lines.Length; i++)
        {
            if (lines[i].Trim() != marker)
            {
                continue;
            }

            if (found >= 0)
            {
                errors.AtFileLine(i + 1, "body", $"'{marker}' appears more than once");
            }
            else
            {
                found = i;
            }
        }

        if (found < 0)
        {
            errors.AtFileLine(Math.Min(reportAt, lines.Length - 1) + 1, "body", $"the line '{marker}' is missing; the body must be '{EnMarker}', English Markdown, '{ZhMarker}', Chinese Markdown");
        }

        return found;
    }

    private static string? ReadBody(string[] lines, int markerIndex, string field, FileErrors errors)
    {
        var body = string.Join('\n', lines).Trim();
        if (body.Length > 0)
        {
            return body;
        }

        errors.AtFileLine(markerIndex + 1, field, "is empty");
        return null;
    }
}

using System.Buffers;
using System.Text;
using StudyBot.Core.Commands;

namespace StudyBot.Discord.Rendering;

/// <summary>Spans to Discord markdown, with every markup character in the text escaped.</summary>
public static class DiscordMarkdown
{
    // Discord drops a backslash before any punctuation, so escaping is always safe; '<' stops mentions and
    // timestamps. '#', '-', '>' and '+' only mean something at a line start (heading, list, quote).
    private static readonly SearchValues<char> Special = SearchValues.Create("\\*_~`|[]<");
    private static readonly SearchValues<char> LineStart = SearchValues.Create("#->+");

    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny(Special) < 0 && text.AsSpan().IndexOfAny(LineStart) < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        var atLineStart = true;
        foreach (var c in text)
        {
            if (Special.Contains(c) || (atLineStart && LineStart.Contains(c)))
            {
                builder.Append('\\');
            }

            builder.Append(c);
            atLineStart = c == '\n' || (atLineStart && c == ' ');
        }

        return builder.ToString();
    }

    public static string Spans(IEnumerable<Span> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var builder = new StringBuilder();
        foreach (var span in spans)
        {
            Append(builder, span);
        }

        return builder.ToString();
    }

    public static string CodeBlock(string code, string? language)
    {
        ArgumentNullException.ThrowIfNull(code);
        var lang = language is not null && language.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '#' or '-') ? language : "";
        return $"```{lang}\n{code.Replace("```", "`\u200b``", StringComparison.Ordinal).TrimEnd('\n')}\n```";
    }

    private static void Append(StringBuilder builder, Span span)
    {
        if (span.Text.Length == 0)
        {
            return;
        }

        // Markup cannot wrap leading/trailing spaces ("** bold**" is not bold), so keep them outside.
        var core = span.Text.Trim();
        var lead = span.Text[..span.Text.IndexOf(core, StringComparison.Ordinal)];
        var trail = span.Text[(lead.Length + core.Length)..];
        if (core.Length == 0)
        {
            builder.Append(span.Text);
            return;
        }

        string text;
        if (span.Style.HasFlag(SpanStyle.Code))
        {
            text = core.Contains('`', StringComparison.Ordinal) ? $"`` {core.Replace("``", "`\u200b`", StringComparison.Ordinal)} ``" : $"`{core}`";
        }
        else
        {
            text = Escape(core);
        }

        if (span.Link is { } link && (link.Scheme == Uri.UriSchemeHttps || link.Scheme == Uri.UriSchemeHttp))
        {
            text = $"[{text}]({link.AbsoluteUri.Replace(")", "%29", StringComparison.Ordinal)})";
        }

        if (span.Style.HasFlag(SpanStyle.Italic))
        {
            text = "*" + text + "*";
        }

        if (span.Style.HasFlag(SpanStyle.Bold))
        {
            text = "**" + text + "**";
        }

        builder.Append(lead).Append(text).Append(trail);
    }
}

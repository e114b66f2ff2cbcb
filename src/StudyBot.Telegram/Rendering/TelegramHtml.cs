using System.Text;
using StudyBot.Core.Commands;

namespace StudyBot.Telegram.Rendering;

/// <summary>
/// Telegram's HTML parse mode: only &lt;, &gt;, &amp; (and " inside attributes) need escaping, and only a few
/// tags exist. Every piece of text, from content or from a user, goes through <see cref="Escape"/>.
/// </summary>
public static class TelegramHtml
{
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny("<>&\"") < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '"' => "&quot;",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    /// <summary>One span with its markup; the link only when it is http(s) (Telegram rejects others).</summary>
    public static string Span(Span span)
    {
        ArgumentNullException.ThrowIfNull(span);
        var html = Escape(span.Text);
        if (span.Style.HasFlag(SpanStyle.Code))
        {
            html = "<code>" + html + "</code>";
        }

        if (span.Style.HasFlag(SpanStyle.Italic))
        {
            html = "<i>" + html + "</i>";
        }

        if (span.Style.HasFlag(SpanStyle.Bold))
        {
            html = "<b>" + html + "</b>";
        }

        if (span.Link is { IsAbsoluteUri: true } link && (link.Scheme == Uri.UriSchemeHttps || link.Scheme == Uri.UriSchemeHttp))
        {
            html = "<a href=\"" + Escape(link.AbsoluteUri) + "\">" + html + "</a>";
        }

        return html;
    }

    public static string Spans(IEnumerable<Span> spans) => string.Concat(spans.Select(Span));

    public static string Bold(string text) => "<b>" + Escape(text) + "</b>";

    /// <summary>A mention that notifies the user even without a @username.</summary>
    public static string Mention(long userId, string name) =>
        "<a href=\"tg://user?id=" + userId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\">" + Escape(name) + "</a>";

    public static string Pre(string code, string? language)
    {
        ArgumentNullException.ThrowIfNull(code);
        var safeLanguage = language is not null && language.Length <= 32 && language.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '+' or '#' or '_')
            ? language
            : null;
        return safeLanguage is null
            ? "<pre>" + Escape(code) + "</pre>"
            : "<pre><code class=\"language-" + safeLanguage + "\">" + Escape(code) + "</code></pre>";
    }
}

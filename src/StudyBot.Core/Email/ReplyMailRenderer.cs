using System.Net;
using System.Text;
using StudyBot.Core.Commands;

namespace StudyBot.Core.Email;

/// <summary>
/// A <see cref="Reply"/> as a mail body: plain text, and HTML where every piece of text is escaped and only
/// http(s) links become anchors. Buttons are left out: they are chat commands, not links.
/// </summary>
public static class ReplyMailRenderer
{
    private static readonly PlainTextStyle MailText = new(
        HeadingRule: '=',
        HeadingWidth: heading => heading.Length,
        ListIndent: string.Empty,
        Bullet: "- ",
        Image: image => $"[{image.AltText}]",
        Spans: PlainSpans);

    public static string PlainText(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var text = new StringBuilder();
        foreach (var block in reply.Blocks)
        {
            if (PlainTextBlocks.Append(text, block, MailText))
            {
                text.AppendLine();
            }
        }

        return text.ToString().TrimEnd() + "\n";
    }

    /// <summary>The blocks as HTML fragments (no html/body wrapper).</summary>
    public static string Html(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var html = new StringBuilder();
        foreach (var block in reply.Blocks)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    html.Append("<h2>").Append(Escape(heading.Text)).Append("</h2>\n");
                    break;
                case ParagraphBlock paragraph:
                    html.Append("<p>").Append(HtmlSpans(paragraph.Spans)).Append("</p>\n");
                    break;
                case ListBlock list:
                    var tag = list.Numbered ? "ol" : "ul";
                    html.Append('<').Append(tag).Append(">\n");
                    foreach (var item in list.Items)
                    {
                        html.Append("<li>").Append(HtmlSpans(item)).Append("</li>\n");
                    }

                    html.Append("</").Append(tag).Append(">\n");
                    break;
                case CodeBlock code:
                    html.Append("<pre>").Append(Escape(code.Code)).Append("</pre>\n");
                    break;
                case QuizQuestionBlock quiz:
                    html.Append("<p><b>").Append(Escape(quiz.Question)).Append("</b></p>\n<ol>\n");
                    foreach (var option in quiz.Options)
                    {
                        html.Append("<li>").Append(Escape(option)).Append("</li>\n");
                    }

                    html.Append("</ol>\n");
                    break;
                case ImageBlock image: // the mail carries the PNG as a related part with this content id
                    html.Append("<p><img src=\"cid:").Append(Escape(ImageContentId(image))).Append("\" alt=\"")
                        .Append(Escape(image.AltText)).Append("\" style=\"max-width:100%\"></p>\n");
                    break;
            }
        }

        return html.ToString();
    }

    /// <summary>The Content-ID an image block's related MIME part gets (its file name, which we choose).</summary>
    public static string ImageContentId(ImageBlock image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.FileName + "@studybot";
    }

    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    public static bool IsWebLink(Uri? link) => link is { IsAbsoluteUri: true } && (link.Scheme == Uri.UriSchemeHttps || link.Scheme == Uri.UriSchemeHttp);

    private static string PlainSpans(IReadOnlyList<Span> spans)
    {
        var text = new StringBuilder();
        foreach (var span in spans)
        {
            text.Append(span.Text);
            if (IsWebLink(span.Link) && !string.Equals(span.Text, span.Link!.AbsoluteUri, StringComparison.Ordinal))
            {
                text.Append(" <").Append(span.Link.AbsoluteUri).Append('>');
            }
        }

        return text.ToString();
    }

    private static string HtmlSpans(IReadOnlyList<Span> spans)
    {
        var html = new StringBuilder();
        foreach (var span in spans)
        {
            var content = Escape(span.Text);
            if (span.Style.HasFlag(SpanStyle.Code))
            {
                content = $"<code>{content}</code>";
            }

            if (span.Style.HasFlag(SpanStyle.Italic))
            {
                content = $"<i>{content}</i>";
            }

            if (span.Style.HasFlag(SpanStyle.Bold))
            {
                content = $"<b>{content}</b>";
            }

            if (IsWebLink(span.Link))
            {
                content = $"<a href=\"{Escape(span.Link!.AbsoluteUri)}\">{content}</a>";
            }

            html.Append(content);
        }

        return html.ToString();
    }
}

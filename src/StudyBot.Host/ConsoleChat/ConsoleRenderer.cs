using System.Text;
using StudyBot.Core.Commands;

namespace StudyBot.Host.ConsoleChat;

/// <summary>Renders a reply as plain text for a terminal or a pipe.</summary>
public static class ConsoleRenderer
{
    private static readonly PlainTextStyle Terminal = new(
        HeadingRule: '─',
        HeadingWidth: DisplayWidth,
        ListIndent: "  ",
        Bullet: "• ",
        Image: image => $"[chart: {image.AltText}]", // a terminal shows no pictures
        Spans: Spans);

    public static string Render(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var text = new StringBuilder();
        foreach (var block in reply.Blocks)
        {
            if (text.Length > 0)
            {
                text.AppendLine();
            }

            PlainTextBlocks.Append(text, block, Terminal);
        }

        if (reply.Buttons.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(string.Join("  ", reply.Buttons.Select(b => $"[{b.Label}: {b.Command}]")));
        }

        return text.ToString().TrimEnd();
    }

    private static string Spans(IReadOnlyList<Span> spans)
    {
        var text = new StringBuilder();
        foreach (var span in spans)
        {
            var content = span.Style.HasFlag(SpanStyle.Code) ? $"`{span.Text}`" : span.Text;
            text.Append(content);
            if (span.Link is not null && !string.Equals(span.Text, span.Link.ToString(), StringComparison.Ordinal))
            {
                text.Append(" <").Append(span.Link).Append('>');
            }
        }

        return text.ToString();
    }

    // CJK characters take two columns in a terminal.
    private static int DisplayWidth(string text) => text.Sum(c => c >= '\u1100' ? 2 : 1);
}

using System.Globalization;
using System.Text;
using StudyBot.Core.Commands;

namespace StudyBot.Host.ConsoleChat;

/// <summary>Renders a reply as plain text for a terminal or a pipe.</summary>
public static class ConsoleRenderer
{
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

            switch (block)
            {
                case HeadingBlock heading:
                    text.AppendLine(heading.Text);
                    text.AppendLine(new string('─', Math.Clamp(DisplayWidth(heading.Text), 3, 60)));
                    break;
                case ParagraphBlock paragraph:
                    text.AppendLine(Spans(paragraph.Spans));
                    break;
                case ListBlock list:
                    for (var i = 0; i < list.Items.Count; i++)
                    {
                        text.Append(list.Numbered ? $"  {i + 1}. " : "  • ").AppendLine(Spans(list.Items[i]));
                    }

                    break;
                case CodeBlock code:
                    foreach (var line in code.Code.Split('\n'))
                    {
                        text.Append("    ").AppendLine(line.TrimEnd('\r'));
                    }

                    break;
                case ImageBlock image:
                    text.AppendLine(CultureInfo.InvariantCulture, $"[chart: {image.AltText}]"); // a terminal shows no pictures
                    break;
                case QuizQuestionBlock quiz:
                    text.AppendLine(CultureInfo.InvariantCulture, $"Q{quiz.Number}/{quiz.Of}. {quiz.Question}");
                    for (var i = 0; i < quiz.Options.Count; i++)
                    {
                        text.AppendLine(CultureInfo.InvariantCulture, $"  {i + 1}) {quiz.Options[i]}");
                    }

                    break;
            }
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

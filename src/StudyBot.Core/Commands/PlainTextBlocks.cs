using System.Globalization;
using System.Text;

namespace StudyBot.Core.Commands;

/// <summary>How a plain-text rendering draws what differs between its readers (a terminal, a mail client).</summary>
/// <param name="HeadingRule">The character under a heading.</param>
/// <param name="HeadingWidth">The width the rule spans for a heading's text (CJK takes two columns in a terminal).</param>
/// <param name="ListIndent">Put before every list item.</param>
/// <param name="Bullet">The mark of an unnumbered item.</param>
/// <param name="Image">The line standing in for an image.</param>
/// <param name="Spans">A paragraph or item's spans as text (links and code marked as the reader expects).</param>
public sealed record PlainTextStyle(
    char HeadingRule,
    Func<string, int> HeadingWidth,
    string ListIndent,
    string Bullet,
    Func<ImageBlock, string> Image,
    Func<IReadOnlyList<Span>, string> Spans);

/// <summary>One walk over reply blocks for every plain-text rendering, so they show the same content the same way.</summary>
public static class PlainTextBlocks
{
    /// <summary>Appends the block's lines; false for a block kind plain text does not show.</summary>
    public static bool Append(StringBuilder text, ReplyBlock block, PlainTextStyle style)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(style);
        switch (block)
        {
            case HeadingBlock heading:
                text.AppendLine(heading.Text).AppendLine(new string(style.HeadingRule, Math.Clamp(style.HeadingWidth(heading.Text), 3, 60)));
                return true;
            case ParagraphBlock paragraph:
                text.AppendLine(style.Spans(paragraph.Spans));
                return true;
            case ListBlock list:
                for (var i = 0; i < list.Items.Count; i++)
                {
                    text.Append(style.ListIndent).Append(list.Numbered ? string.Create(CultureInfo.InvariantCulture, $"{i + 1}. ") : style.Bullet).AppendLine(style.Spans(list.Items[i]));
                }

                return true;
            case CodeBlock code:
                foreach (var line in code.Code.Split('\n'))
                {
                    text.Append("    ").AppendLine(line.TrimEnd('\r'));
                }

                return true;
            case QuizQuestionBlock quiz:
                text.AppendLine(CultureInfo.InvariantCulture, $"Q{quiz.Number}/{quiz.Of}. {quiz.Question}");
                for (var i = 0; i < quiz.Options.Count; i++)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"  {i + 1}) {quiz.Options[i]}");
                }

                return true;
            case ImageBlock image:
                text.AppendLine(style.Image(image));
                return true;
            default:
                return false;
        }
    }
}

using System.Text;
using StudyBot.Core.Commands;

namespace StudyBot.Testing;

/// <summary>Flattens a reply into searchable text for assertions (not a renderer).</summary>
public static class ReplyText
{
    public static string Of(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var text = new StringBuilder();
        foreach (var block in reply.Blocks)
        {
            switch (block)
            {
                case HeadingBlock h: text.AppendLine(h.Text); break;
                case ParagraphBlock p: text.AppendLine(string.Concat(p.Spans.Select(s => s.Text))); break;
                case ListBlock l:
                    foreach (var item in l.Items)
                    {
                        text.AppendLine(string.Concat(item.Select(s => s.Text)));
                    }

                    break;
                case CodeBlock c: text.AppendLine(c.Code); break;
                case ImageBlock i: text.AppendLine("[image: " + i.AltText + "]"); break;
                case QuizQuestionBlock q:
                    text.AppendLine(q.Question);
                    foreach (var option in q.Options)
                    {
                        text.AppendLine(option);
                    }

                    break;
            }
        }

        foreach (var button in reply.Buttons)
        {
            text.Append('[').Append(button.Label).Append("->").Append(button.Command).AppendLine("]");
        }

        return text.ToString();
    }
}

using System.Globalization;
using System.Text;
using StudyBot.Core.Commands;

namespace StudyBot.Telegram.Rendering;

/// <summary>
/// Turns a core <see cref="Reply"/> into Bot API messages: HTML text split on paragraph boundaries within
/// 4,096 characters, quiz questions as native quiz polls (when they fit the poll limits; otherwise as text
/// with answer buttons, never truncated), buttons as an inline keyboard on the last message, and a
/// ForceReply prompt when the core expects a free-text answer.
/// </summary>
public static class TelegramReplyRenderer
{
    public const int MaxMessageLength = 4096;
    public const int MaxPollQuestion = 300;
    public const int MaxPollOption = 100;
    public const int MinPollOptions = 2;
    public const int MaxPollOptions = 10;
    public const int MaxPollExplanation = 200;
    public const int MaxCallbackDataBytes = 64;
    public const int MaxCaption = 1024;

    private const string BlockSeparator = "\n\n";

    /// <param name="onButtonTooLong">Told about each button whose command does not fit Telegram's callback data.</param>
    public static IReadOnlyList<OutgoingMessage> Render(Reply reply, ReplyAddress? address = null, int limit = MaxMessageLength, Action<ReplyButton>? onButtonTooLong = null)
    {
        ArgumentNullException.ThrowIfNull(reply);
        address ??= ReplyAddress.None;
        var messages = new List<OutgoingMessage>();
        var chunker = new HtmlChunker(limit);
        if (address.MentionHtml is not null)
        {
            chunker.Add(address.MentionHtml, BlockSeparator);
        }

        var pollSent = false;
        var skipAnswerHint = false;
        foreach (var block in reply.Blocks)
        {
            if (skipAnswerHint)
            {
                skipAnswerHint = false;

                // The core follows a question with "answer with a number"; the poll itself is the way to answer here.
                if (block is ParagraphBlock { Spans: [{ Style: SpanStyle.Italic }] })
                {
                    continue;
                }
            }

            if (block is QuizQuestionBlock quiz && AsPoll(quiz) is { } poll)
            {
                messages.AddRange(chunker.Flush().Select(OutgoingMessage.Text));
                messages.Add(new OutgoingMessage { Poll = poll });
                pollSent = true;
                skipAnswerHint = true;
                continue;
            }

            if (block is ImageBlock image)
            {
                // A photo is its own message; the text around it goes before and after it.
                messages.AddRange(chunker.Flush().Select(OutgoingMessage.Text));
                var caption = image.AltText.Length <= MaxCaption ? image.AltText : image.AltText[..(MaxCaption - 1)] + "…";
                messages.Add(new OutgoingMessage { Photo = new PhotoUpload(image.Png, image.FileName, caption) });
                continue;
            }

            foreach (var (html, separator) in Pieces(block, limit))
            {
                chunker.Add(html, separator);
            }
        }

        var buttons = reply.Buttons.Where(b => !(pollSent && b.Command.StartsWith("/answer ", StringComparison.Ordinal))).ToList();

        // A command too long for a button's callback data is shown as text to type instead, never dropped.
        var tooLong = buttons.Where(b => Encoding.UTF8.GetByteCount(b.Command) > MaxCallbackDataBytes).ToList();
        foreach (var button in tooLong)
        {
            onButtonTooLong?.Invoke(button);
            chunker.Add(TelegramHtml.Escape(button.Label + ": ") + TelegramHtml.Span(new Span(button.Command, SpanStyle.Code)), tooLong[0] == button ? BlockSeparator : "\n");
            buttons.Remove(button);
        }

        messages.AddRange(chunker.Flush().Select(OutgoingMessage.Text));
        if (messages.Count == 0 && (buttons.Count > 0 || reply.ExpectsAnswer))
        {
            messages.Add(OutgoingMessage.Text("…"));
        }

        if (messages.Count == 0)
        {
            return messages;
        }

        var last = messages.Count - 1;
        if (reply.ExpectsAnswer && messages[last].Html is not null)
        {
            messages[last] = messages[last] with { ForceReply = true, AnswerFor = reply.AnswerFor };
            last--; // a message carries one kind of markup: the keyboard goes one message earlier
        }

        if (buttons.Count > 0 && last >= 0)
        {
            messages[last] = messages[last] with { Buttons = buttons };
        }

        if (address.ReplyToMessageId is { } replyTo)
        {
            messages[0] = messages[0] with { ReplyToMessageId = replyTo };
        }

        return messages;
    }

    /// <summary>The poll for a question, or null when it breaks a poll limit (then it is shown as text).</summary>
    public static QuizPoll? AsPoll(QuizQuestionBlock quiz)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        var fits = quiz.Question.Length is > 0 and <= MaxPollQuestion
            && quiz.Options.Count is >= MinPollOptions and <= MaxPollOptions
            && quiz.Options.All(o => o.Length is > 0 and <= MaxPollOption)
            && quiz.Explanation.Length <= MaxPollExplanation
            && quiz.CorrectOption >= 0 && quiz.CorrectOption < quiz.Options.Count;
        if (!fits)
        {
            return null;
        }

        var numbered = string.Create(CultureInfo.InvariantCulture, $"{quiz.Number}/{quiz.Of}. {quiz.Question}");
        return new QuizPoll(
            quiz.LessonId,
            quiz.QuestionId,
            numbered.Length <= MaxPollQuestion ? numbered : quiz.Question,
            quiz.Options,
            quiz.CorrectOption,
            quiz.Explanation);
    }

    /// <summary>A block as one HTML piece, or, when it is longer than a message, as smaller balanced pieces.</summary>
    private static IEnumerable<(string Html, string Separator)> Pieces(ReplyBlock block, int limit)
    {
        var whole = Whole(block);
        if (whole.Length <= limit)
        {
            return [(whole, BlockSeparator)];
        }

        var fine = block switch
        {
            HeadingBlock heading => SplitText(heading.Text, limit).Select(TelegramHtml.Bold).Select(h => (h, string.Empty)),
            ParagraphBlock paragraph => SpanPieces(paragraph.Spans, limit).Select(h => (h, string.Empty)),
            ListBlock list => list.Items.SelectMany((item, i) => ItemPieces(list, i, limit).Select((h, j) => (h, j == 0 ? "\n" : string.Empty))),
            CodeBlock code => SplitText(code.Code, limit - 40).Select(part => (TelegramHtml.Pre(part, code.Language), "\n")),
            QuizQuestionBlock quiz => QuizLines(quiz).SelectMany(line => SplitText(line, limit).Select(TelegramHtml.Escape)).Select(h => (h, "\n")),
            _ => [],
        };
        return fine.Select((piece, i) => i == 0 ? (piece.Item1, BlockSeparator) : piece);
    }

    private static string Whole(ReplyBlock block) => block switch
    {
        HeadingBlock heading => TelegramHtml.Bold(heading.Text),
        ParagraphBlock paragraph => TelegramHtml.Spans(paragraph.Spans),
        ListBlock list => string.Join('\n', list.Items.Select((item, i) => TelegramHtml.Escape(Bullet(list, i)) + TelegramHtml.Spans(item))),
        CodeBlock code => TelegramHtml.Pre(code.Code, code.Language),
        QuizQuestionBlock quiz => string.Join('\n', QuizLines(quiz).Select((line, i) => i == 0 ? TelegramHtml.Bold(line) : TelegramHtml.Escape(line))),
        _ => string.Empty,
    };

    /// <summary>A list item whole (bullet and text together) when it fits, else cut like a paragraph.</summary>
    private static IEnumerable<string> ItemPieces(ListBlock list, int index, int limit)
    {
        var whole = TelegramHtml.Escape(Bullet(list, index)) + TelegramHtml.Spans(list.Items[index]);
        return whole.Length <= limit ? [whole] : SpanPieces([new Span(Bullet(list, index)), .. list.Items[index]], limit);
    }

    private static string Bullet(ListBlock list, int index) =>
        list.Numbered ? (index + 1).ToString(CultureInfo.InvariantCulture) + ". " : "• ";

    private static IEnumerable<string> QuizLines(QuizQuestionBlock quiz) =>
        [string.Create(CultureInfo.InvariantCulture, $"Q{quiz.Number}/{quiz.Of}. {quiz.Question}"), .. quiz.Options.Select((o, i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1}) {o}"))];

    /// <summary>Spans rendered one by one; a span too long for a message is cut at spaces and keeps its markup.</summary>
    private static IEnumerable<string> SpanPieces(IEnumerable<Span> spans, int limit)
    {
        foreach (var span in spans)
        {
            var html = TelegramHtml.Span(span);
            if (html.Length <= limit)
            {
                yield return html;
                continue;
            }

            var overhead = html.Length - TelegramHtml.Escape(span.Text).Length;
            foreach (var part in SplitText(span.Text, limit - overhead))
            {
                yield return TelegramHtml.Span(span with { Text = part });
            }
        }
    }

    /// <summary>Cuts plain text so each part stays within <paramref name="budget"/> once escaped, preferring line breaks, then spaces.</summary>
    internal static IEnumerable<string> SplitText(string text, int budget)
    {
        budget = Math.Max(budget, 16);
        var start = 0;
        while (start < text.Length)
        {
            var end = start;
            var escaped = 0;
            while (end < text.Length)
            {
                var width = text[end] switch { '<' or '>' => 4, '&' => 5, '"' => 6, _ => 1 };
                if (escaped + width > budget)
                {
                    break;
                }

                escaped += width;
                end++;
            }

            if (end < text.Length)
            {
                var window = text.AsSpan(start, end - start);
                var cut = window.LastIndexOf('\n');
                if (cut < window.Length / 2)
                {
                    cut = window.LastIndexOf(' ');
                }

                if (cut >= window.Length / 2)
                {
                    end = start + cut + 1;
                }
                else if (char.IsHighSurrogate(text[end - 1]))
                {
                    end--; // never split a surrogate pair
                }
            }

            yield return text[start..end];
            start = end;
        }
    }

    /// <summary>Packs pieces into messages; a separator is dropped where a new message starts.</summary>
    private sealed class HtmlChunker(int limit)
    {
        private readonly List<string> _chunks = [];
        private readonly StringBuilder _current = new();

        public void Add(string html, string separator)
        {
            if (_current.Length > 0 && _current.Length + separator.Length + html.Length > limit)
            {
                _chunks.Add(_current.ToString());
                _current.Clear();
            }

            if (_current.Length > 0)
            {
                _current.Append(separator);
            }

            _current.Append(html);
        }

        public List<string> Flush()
        {
            if (_current.Length > 0)
            {
                _chunks.Add(_current.ToString());
                _current.Clear();
            }

            var chunks = _chunks.Where(c => c.Trim().Length > 0).ToList();
            _chunks.Clear();
            return chunks;
        }
    }
}

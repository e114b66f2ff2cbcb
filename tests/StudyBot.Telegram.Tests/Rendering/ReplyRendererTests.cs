using System.Text.RegularExpressions;
using StudyBot.Core.Commands;
using StudyBot.Telegram.Rendering;

namespace StudyBot.Telegram.Tests.Rendering;

/// <summary>Reply → Bot API messages: escaping, markup, splitting within 4,096 characters, polls and keyboards.</summary>
public sealed partial class ReplyRendererTests
{
    [Fact]
    public void Every_piece_of_text_is_escaped_and_markup_is_telegram_html()
    {
        var reply = new ReplyBuilder()
            .Heading("Day 1 <intro> & more")
            .Paragraph(new Span("bold <b>", SpanStyle.Bold), new Span(" "), new Span("x < y", SpanStyle.Code | SpanStyle.Italic), new Span(" "), new Span("a \"paper\"", SpanStyle.None, new Uri("https://arxiv.org/abs/1706.03762?a=1&b=2")))
            .List(["<script>", "R&D"], numbered: true)
            .Block(new CodeBlock("if (a < b) { }", "csharp"))
            .Build();

        var html = Assert.Single(TelegramReplyRenderer.Render(reply)).Html;

        Assert.Equal(
            "<b>Day 1 &lt;intro&gt; &amp; more</b>\n\n"
            + "<b>bold &lt;b&gt;</b> <i><code>x &lt; y</code></i> <a href=\"https://arxiv.org/abs/1706.03762?a=1&amp;b=2\">a &quot;paper&quot;</a>\n\n"
            + "1. &lt;script&gt;\n2. R&amp;D\n\n"
            + "<pre><code class=\"language-csharp\">if (a &lt; b) { }</code></pre>",
            html);
    }

    [Fact]
    public void Links_that_are_not_http_stay_plain_text()
    {
        var reply = new ReplyBuilder().Paragraph(new Span("click", SpanStyle.None, new Uri("javascript:alert(1)"))).Build();

        Assert.Equal("click", Assert.Single(TelegramReplyRenderer.Render(reply)).Html);
    }

    [Fact]
    public void Long_replies_split_on_paragraph_boundaries_within_the_limit()
    {
        var builder = new ReplyBuilder();
        for (var i = 0; i < 40; i++)
        {
            builder.Paragraph(new Span($"Paragraph {i}: ", SpanStyle.Bold), new Span(new string('w', 180) + " <&>"));
        }

        var messages = TelegramReplyRenderer.Render(builder.Build());

        Assert.True(messages.Count >= 2);
        Assert.All(messages, m => Assert.InRange(m.Html!.Length, 1, TelegramReplyRenderer.MaxMessageLength));
        Assert.All(messages, m => Assert.StartsWith("<b>Paragraph ", m.Html, StringComparison.Ordinal)); // each part starts at a paragraph
        Assert.All(messages, m => AssertBalanced(m.Html!));
        Assert.Equal(40, messages.Sum(m => Regex.Count(m.Html!, "Paragraph ")));
    }

    [Fact]
    public void A_single_paragraph_longer_than_a_message_is_cut_at_spaces_and_keeps_its_markup()
    {
        var words = string.Join(' ', Enumerable.Range(0, 2000).Select(i => "w" + i));
        var reply = new ReplyBuilder().Paragraph(new Span(words, SpanStyle.Italic)).Build();

        var messages = TelegramReplyRenderer.Render(reply);

        Assert.True(messages.Count >= 3);
        Assert.All(messages, m => Assert.True(m.Html!.Length <= TelegramReplyRenderer.MaxMessageLength));
        Assert.All(messages, m => Assert.Matches("^<i>.*</i>$", m.Html!));
        var text = string.Concat(messages.Select(m => m.Html![3..^4]));
        Assert.Equal(words, text); // nothing lost, nothing added
    }

    [Fact]
    public void A_long_list_splits_between_items()
    {
        var items = Enumerable.Range(0, 300).Select(i => $"item {i} " + new string('x', 30)).ToList();
        var messages = TelegramReplyRenderer.Render(new ReplyBuilder().Heading("Sources").List(items).Build());

        Assert.True(messages.Count >= 3);
        Assert.All(messages, m => Assert.True(m.Html!.Length <= TelegramReplyRenderer.MaxMessageLength));
        Assert.All(messages.Skip(1), m => Assert.StartsWith("• item ", m.Html, StringComparison.Ordinal));
        Assert.Equal(300, messages.Sum(m => Regex.Count(m.Html!, "• item ")));
    }

    [Fact]
    public void A_quiz_question_becomes_a_quiz_poll_and_its_number_buttons_and_hint_go()
    {
        var reply = new ReplyBuilder()
            .Heading("Quiz")
            .Block(new QuizQuestionBlock("lesson-1", "q1", 1, 4, "What is 2+2?", ["3", "4"], 1, "Arithmetic."))
            .Paragraph(new Span("Answer with a number 1–2.", SpanStyle.Italic))
            .Button("1", "/answer 1").Button("2", "/answer 2")
            .Personal()
            .Build();

        var messages = TelegramReplyRenderer.Render(reply, new ReplyAddress(ReplyToMessageId: 9));

        Assert.Equal(2, messages.Count);
        Assert.Equal("<b>Quiz</b>", messages[0].Html);
        Assert.Equal(9, messages[0].ReplyToMessageId);
        var poll = messages[1].Poll!;
        Assert.Equal(["3", "4"], poll.Options);
        Assert.Equal(1, poll.CorrectOption);
        Assert.Equal("1/4. What is 2+2?", poll.Question);
        Assert.Empty(messages[1].Buttons);
    }

    [Fact]
    public void A_question_beyond_the_poll_limits_is_shown_as_text_with_its_buttons_never_truncated()
    {
        var longOption = new string('o', 101);
        var reply = new ReplyBuilder()
            .Block(new QuizQuestionBlock("lesson-1", "q1", 1, 4, "Which?", ["short", longOption], 0, "Because."))
            .Button("1", "/answer 1").Button("2", "/answer 2")
            .Build();

        var message = Assert.Single(TelegramReplyRenderer.Render(reply));

        Assert.Null(message.Poll);
        Assert.Contains(longOption, message.Html, StringComparison.Ordinal);
        Assert.Equal(["/answer 1", "/answer 2"], message.Buttons.Select(b => b.Command));
    }

    [Fact]
    public void Expects_answer_puts_force_reply_on_the_last_message_and_buttons_on_the_one_before()
    {
        var builder = new ReplyBuilder();
        for (var i = 0; i < 30; i++)
        {
            builder.Paragraph(new string('p', 200));
        }

        var reply = builder.Button("Done", "/done").ExpectsAnswer().Build();
        var messages = TelegramReplyRenderer.Render(reply);

        Assert.True(messages[^1].ForceReply);
        Assert.Empty(messages[^1].Buttons);
        Assert.Equal("/done", Assert.Single(messages[^2].Buttons).Command);
    }

    [Fact]
    public void The_force_reply_prompt_names_the_question_it_asks_and_no_other_message_does()
    {
        var question = new QuestionRef("day-1", "open");
        var builder = new ReplyBuilder().Heading("Question 4/4");
        for (var i = 0; i < 30; i++)
        {
            builder.Paragraph(new string('p', 200));
        }

        var messages = TelegramReplyRenderer.Render(builder.ExpectsAnswer(question).Build());

        Assert.True(messages.Count > 1);
        Assert.Equal(question, messages[^1].AnswerFor);
        Assert.All(messages.SkipLast(1), m => Assert.Null(m.AnswerFor));
    }

    [Fact]
    public void Buttons_whose_command_exceeds_callback_data_are_shown_as_text_instead()
    {
        var reply = new ReplyBuilder().Paragraph("x").Button("ok", "/sources rag").Button("long", "/sources " + new string('a', 60)).Build();

        var message = Assert.Single(TelegramReplyRenderer.Render(reply));
        Assert.Equal(["/sources rag"], message.Buttons.Select(b => b.Command));
        Assert.Contains("long: <code>/sources " + new string('a', 60) + "</code>", message.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_text_never_breaks_a_surrogate_pair()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 100));

        var parts = TelegramReplyRenderer.SplitText(text, 31).ToList();

        Assert.Equal(text, string.Concat(parts));
        Assert.All(parts, p => Assert.False(char.IsHighSurrogate(p[^1])));
    }

    private static void AssertBalanced(string html)
    {
        var stack = new Stack<string>();
        foreach (Match tag in Tag().Matches(html))
        {
            if (tag.Groups[1].Value == "/")
            {
                Assert.Equal(stack.Pop(), tag.Groups[2].Value);
            }
            else
            {
                stack.Push(tag.Groups[2].Value);
            }
        }

        Assert.Empty(stack);
    }

    [GeneratedRegex("<(/?)([a-z]+)[^>]*>")]
    private static partial Regex Tag();
}

using StudyBot.Core.Commands;
using StudyBot.Host.ConsoleChat;

namespace StudyBot.Host.Tests;

public class ConsoleRendererTests
{
    [Fact]
    public void Renders_every_block_as_plain_text()
    {
        var reply = new ReplyBuilder()
            .Heading("Title")
            .Paragraph(new Span("see "), new Span("the paper", SpanStyle.Bold, new Uri("https://arxiv.org/abs/1706.03762")), new Span("x", SpanStyle.Code))
            .List(["one", "two"], numbered: true)
            .Block(new CodeBlock("print(1)"))
            .Block(new QuizQuestionBlock("l", "q", 1, 4, "Why?", ["A", "B"], 0, "because"))
            .Button("Quiz", "/quiz")
            .Build();

        var text = ConsoleRenderer.Render(reply);

        Assert.Equal(
            """
            Title
            ─────

            see the paper <https://arxiv.org/abs/1706.03762>`x`

              1. one
              2. two

                print(1)

            Q1/4. Why?
              1) A
              2) B

            [Quiz: /quiz]
            """.ReplaceLineEndings(), text.ReplaceLineEndings());
    }
}

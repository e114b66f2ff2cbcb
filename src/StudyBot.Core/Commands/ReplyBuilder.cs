namespace StudyBot.Core.Commands;

/// <summary>Composes a <see cref="Reply"/> fluently.</summary>
public sealed class ReplyBuilder
{
    private readonly List<ReplyBlock> _blocks = [];
    private readonly List<ReplyButton> _buttons = [];
    private bool _personal;
    private bool _expectsAnswer;
    private QuestionRef? _answerFor;

    public ReplyBuilder Heading(string text)
    {
        _blocks.Add(new HeadingBlock(text));
        return this;
    }

    public ReplyBuilder Paragraph(string text) => Paragraph(new Span(text));

    public ReplyBuilder Paragraph(params Span[] spans)
    {
        _blocks.Add(new ParagraphBlock(spans));
        return this;
    }

    public ReplyBuilder List(IEnumerable<string> items, bool numbered = false) =>
        List(items.Select(i => (IReadOnlyList<Span>)[new Span(i)]), numbered);

    public ReplyBuilder List(IEnumerable<IReadOnlyList<Span>> items, bool numbered = false)
    {
        var list = items.ToList();
        if (list.Count > 0)
        {
            _blocks.Add(new ListBlock(list, numbered));
        }

        return this;
    }

    public ReplyBuilder Block(ReplyBlock block)
    {
        _blocks.Add(block);
        return this;
    }

    public ReplyBuilder Blocks(IEnumerable<ReplyBlock> blocks)
    {
        _blocks.AddRange(blocks);
        return this;
    }

    public ReplyBuilder Button(string label, string command)
    {
        _buttons.Add(new ReplyButton(label, command));
        return this;
    }

    public ReplyBuilder Personal()
    {
        _personal = true;
        return this;
    }

    /// <param name="question">The question the answer is for, when known.</param>
    public ReplyBuilder ExpectsAnswer(QuestionRef? question = null)
    {
        _expectsAnswer = true;
        _answerFor = question;
        return this;
    }

    public Reply Build() => new(_blocks.ToArray(), _buttons.ToArray()) { Personal = _personal, ExpectsAnswer = _expectsAnswer, AnswerFor = _answerFor };
}

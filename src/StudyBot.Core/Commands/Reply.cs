namespace StudyBot.Core.Commands;

[Flags]
public enum SpanStyle
{
    None = 0,
    Bold = 1,
    Italic = 2,
    Code = 4,
}

/// <summary>A run of text with simple markup; <see cref="Link"/> makes it a link.</summary>
public sealed record Span(string Text, SpanStyle Style = SpanStyle.None, Uri? Link = null);

public abstract record ReplyBlock;

public sealed record HeadingBlock(string Text) : ReplyBlock;

public sealed record ParagraphBlock(IReadOnlyList<Span> Spans) : ReplyBlock;

public sealed record ListBlock(IReadOnlyList<IReadOnlyList<Span>> Items, bool Numbered = false) : ReplyBlock;

public sealed record CodeBlock(string Code, string? Language = null) : ReplyBlock;

/// <summary>
/// A multiple-choice question, so an adapter can render it natively (a Telegram quiz poll, Discord
/// buttons); the console prints numbered options. <see cref="CorrectOption"/> is zero-based.
/// </summary>
public sealed record QuizQuestionBlock(
    string LessonId,
    string QuestionId,
    int Number,
    int Of,
    string Question,
    IReadOnlyList<string> Options,
    int CorrectOption,
    string Explanation) : ReplyBlock;

/// <summary>
/// A picture (a PNG chart): Telegram sends it with sendPhoto, Discord as an attachment shown in an embed, the
/// console prints <see cref="AltText"/>. <see cref="FileName"/> ends in .png and is unique within the reply.
/// </summary>
public sealed record ImageBlock(byte[] Png, string FileName, string AltText) : ReplyBlock;

/// <summary>A button that sends a command when pressed (the console shows the command).</summary>
public sealed record ReplyButton(string Label, string Command);

/// <summary>One quiz question: its lesson's id and its own.</summary>
public sealed record QuestionRef(string LessonId, string QuestionId);

/// <summary>A platform-neutral reply; each adapter renders it within its platform's limits.</summary>
public sealed record Reply(IReadOnlyList<ReplyBlock> Blocks, IReadOnlyList<ReplyButton> Buttons)
{
    /// <summary>Results about one member (score, streak): Discord sends these ephemerally.</summary>
    public bool Personal { get; init; }

    /// <summary>The member's next message is an answer (Telegram asks with ForceReply).</summary>
    public bool ExpectsAnswer { get; init; }

    /// <summary>The question an expected answer is for, so a reply to the prompt can name it (Telegram).</summary>
    public QuestionRef? AnswerFor { get; init; }

    public static Reply Text(string text) => new ReplyBuilder().Paragraph(text).Build();
}

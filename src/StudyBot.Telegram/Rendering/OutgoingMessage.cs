using StudyBot.Core.Commands;

namespace StudyBot.Telegram.Rendering;

/// <summary>A native quiz poll for one multiple-choice question (zero-based correct option).</summary>
public sealed record QuizPoll(
    string LessonId,
    string QuestionId,
    string Question,
    IReadOnlyList<string> Options,
    int CorrectOption,
    string Explanation);

/// <summary>A picture sent with sendPhoto: the PNG, its file name, and a short plain-text caption.</summary>
public sealed record PhotoUpload(byte[] Png, string FileName, string Caption);

/// <summary>
/// One Bot API message: HTML text, a quiz poll or a photo, with at most one kind of markup (an inline keyboard or a
/// ForceReply prompt), optionally replying to the member's message.
/// </summary>
public sealed record OutgoingMessage
{
    public string? Html { get; init; }

    public QuizPoll? Poll { get; init; }

    public PhotoUpload? Photo { get; init; }

    public IReadOnlyList<ReplyButton> Buttons { get; init; } = [];

    /// <summary>Asks the member to answer by replying (the open quiz question).</summary>
    public bool ForceReply { get; init; }

    /// <summary>The question a ForceReply prompt asks (recorded, so a reply to the prompt answers that question).</summary>
    public QuestionRef? AnswerFor { get; init; }

    public int? ReplyToMessageId { get; init; }

    public static OutgoingMessage Text(string html) => new() { Html = html };
}

/// <summary>How a reply is addressed: in reply to the member's message, or (in a group, without one) with a mention.</summary>
public sealed record ReplyAddress(int? ReplyToMessageId = null, string? MentionHtml = null)
{
    public static ReplyAddress None { get; } = new();
}

using StudyBot.Core.Persistence;

namespace StudyBot.Core.Commands;

/// <summary>The chat a message came from, as the platform names it.</summary>
public sealed record ChatRef(Platform Platform, string ExternalId, ChatKind Kind, string? Title = null);

/// <summary>
/// Who sent it. <see cref="IsChatAdmin"/> is the adapter's verdict from the platform (Telegram chat
/// administrators, Discord Manage Server); in a private chat the user administers their own chat.
/// </summary>
public sealed record SenderRef(string ExternalId, string DisplayName, string? Locale, bool IsChatAdmin);

/// <summary>A message for the core: the text a member typed (a command or a free-text answer).</summary>
public sealed record Incoming(ChatRef Chat, SenderRef Sender, string Text)
{
    /// <summary>Longest message the core accepts; longer ones are refused before anything is stored.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>
    /// The adapter's opaque handle of this message (a Telegram message id, a Discord interaction), for a reply that
    /// comes later (background grading); the core only carries it back to the adapter's <c>IChatSender</c>.
    /// </summary>
    public string? ReplyTo { get; init; }
}

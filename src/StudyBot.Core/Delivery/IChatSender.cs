using StudyBot.Core.Commands;
using StudyBot.Core.Persistence;

namespace StudyBot.Core.Delivery;

/// <summary>
/// Sends a reply to a chat outside the request/response of a command: a grading result that finished in the
/// background, a daily lesson, a digest. One implementation per platform; <see cref="ChatSenders"/> routes.
/// </summary>
public interface IChatSender
{
    Platform Platform { get; }

    /// <summary>Sends <paramref name="reply"/> to the chat (and, for a personal reply, mentions or addresses <paramref name="recipient"/>).</summary>
    Task<SendResult> SendAsync(ChatRef chat, SenderRef? recipient, Reply reply, CancellationToken cancellationToken);

    /// <summary>
    /// The same, in answer to the member's message <paramref name="replyTo"/> (the handle this adapter put in
    /// <see cref="Incoming.ReplyTo"/>; null: none). A platform without replies ignores it.
    /// </summary>
    Task<SendResult> SendAsync(ChatRef chat, SenderRef? recipient, Reply reply, string? replyTo, CancellationToken cancellationToken) =>
        SendAsync(chat, recipient, reply, cancellationToken);

    /// <summary>
    /// Sends <paramref name="reply"/> to <paramref name="member"/> alone, as a direct message (a reminder). A member
    /// who refuses direct messages (blocked the bot) comes back as <see cref="SendResult.RecipientUnreachable"/>.
    /// A platform without direct messages keeps this default.
    /// </summary>
    Task<SendResult> SendDirectAsync(SenderRef member, Reply reply, CancellationToken cancellationToken) =>
        Task.FromResult(new SendResult(false, $"{Platform} has no direct messages", Permanent: true));
}

/// <summary>What happened to one send: delivered, or why not (and whether retrying can help).</summary>
public sealed record SendResult(bool Delivered, string? Error = null, bool Permanent = false)
{
    public static SendResult Ok { get; } = new(true);

    /// <summary>The platform refused a direct message to this member (blocked the bot, DMs closed): stop sending them any.</summary>
    public bool RecipientUnreachable { get; init; }
}

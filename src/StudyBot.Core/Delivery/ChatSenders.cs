using StudyBot.Core.Commands;
using StudyBot.Core.Persistence;

namespace StudyBot.Core.Delivery;

/// <summary>Routes a send to the sender of the chat's platform; a platform without one is reported, not thrown.</summary>
public sealed class ChatSenders(IEnumerable<IChatSender> senders)
{
    private readonly Dictionary<Platform, IChatSender> _byPlatform = senders.ToDictionary(s => s.Platform);

    public bool Supports(Platform platform) => _byPlatform.ContainsKey(platform);

    public Task<SendResult> SendAsync(ChatRef chat, SenderRef? recipient, Reply reply, CancellationToken cancellationToken) =>
        SendAsync(chat, recipient, reply, replyTo: null, cancellationToken);

    /// <summary>A send in answer to a member's message (<see cref="Incoming.ReplyTo"/>), where the platform can.</summary>
    public Task<SendResult> SendAsync(ChatRef chat, SenderRef? recipient, Reply reply, string? replyTo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return _byPlatform.TryGetValue(chat.Platform, out var sender)
            ? sender.SendAsync(chat, recipient, reply, replyTo, cancellationToken)
            : Task.FromResult(new SendResult(false, $"no sender for {chat.Platform}", Permanent: true));
    }

    /// <summary>A direct message to one member of <paramref name="platform"/>.</summary>
    public Task<SendResult> SendDirectAsync(Platform platform, SenderRef member, Reply reply, CancellationToken cancellationToken) =>
        _byPlatform.TryGetValue(platform, out var sender)
            ? sender.SendDirectAsync(member, reply, cancellationToken)
            : Task.FromResult(new SendResult(false, $"no sender for {platform}", Permanent: true));
}

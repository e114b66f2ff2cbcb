using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using StudyBot.Core.Commands;

namespace StudyBot.Telegram.Rendering;

/// <summary>
/// <see cref="TelegramReplyRenderer"/> for the running bot: warns once per command that is too long for a button,
/// and reuses the messages of a reply it has rendered before. The core hands out the same <see cref="Reply"/>
/// instance for the same lesson (content does not change while the process runs), so a busy /today is rendered
/// once per lesson and language instead of once per request.
/// </summary>
public sealed partial class ReplyRendering(ILogger<ReplyRendering> logger)
{
    private const int MaxWarned = 1_000;
    private readonly ConditionalWeakTable<Reply, IReadOnlyList<OutgoingMessage>> _rendered = [];
    private readonly ConcurrentDictionary<string, bool> _warned = new(StringComparer.Ordinal);

    public IReadOnlyList<OutgoingMessage> Render(Reply reply, ReplyAddress address)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(address);
        if (address.MentionHtml is not null)
        {
            return TelegramReplyRenderer.Render(reply, address, onButtonTooLong: Warn); // the mention changes how the text is cut
        }

        var messages = _rendered.GetValue(reply, r => TelegramReplyRenderer.Render(r, ReplyAddress.None, onButtonTooLong: Warn));
        if (address.ReplyToMessageId is not { } replyTo || messages.Count == 0)
        {
            return messages;
        }

        var addressed = messages.ToArray();
        addressed[0] = addressed[0] with { ReplyToMessageId = replyTo };
        return addressed;
    }

    private void Warn(ReplyButton button)
    {
        if (_warned.Count < MaxWarned && _warned.TryAdd(button.Command, true))
        {
            LogButtonTooLong(logger, button.Command, TelegramReplyRenderer.MaxCallbackDataBytes);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: the command {Command} is over the {Limit}-byte callback data limit; it is shown as text instead of a button")]
    private static partial void LogButtonTooLong(ILogger logger, string command, int limit);
}

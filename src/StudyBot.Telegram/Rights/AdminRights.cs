using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace StudyBot.Telegram.Rights;

/// <summary>
/// Who administers a chat: in a private chat the user does; in a group, the chat's administrators as getChatMember
/// reports them (trusted for a short while, so a busy group does not cost a call per message). A message the
/// group sends as itself comes from an anonymous administrator.
/// </summary>
public sealed partial class AdminRights(ITelegramBotClient client, IOptions<TelegramOptions> options, TimeProvider time, ILogger<AdminRights> logger)
{
    private const int PruneAbove = 10_000;
    private readonly TimeSpan _cacheFor = options.Value.AdminCacheDuration;
    private readonly ConcurrentDictionary<(long Chat, long User), (bool Admin, DateTimeOffset Until)> _verdicts = new();

    public async ValueTask<bool> IsAdminAsync(Chat chat, User user, Chat? senderChat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(user);
        if (chat.Type == ChatType.Private || senderChat?.Id == chat.Id)
        {
            return true;
        }

        var now = time.GetUtcNow();
        if (_verdicts.TryGetValue((chat.Id, user.Id), out var cached) && cached.Until > now)
        {
            return cached.Admin;
        }

        bool admin;
        try
        {
            var member = await client.GetChatMember(chat.Id, user.Id, cancellationToken).ConfigureAwait(false);
            admin = member.Status is ChatMemberStatus.Creator or ChatMemberStatus.Administrator;
        }
        catch (RequestException ex)
        {
            LogLookupFailed(logger, chat.Id, ex.Message);
            return false; // not cached: the next command asks again
        }

        if (_verdicts.Count > PruneAbove)
        {
            foreach (var (key, verdict) in _verdicts)
            {
                if (verdict.Until <= now)
                {
                    _verdicts.TryRemove(key, out _);
                }
            }
        }

        _verdicts[(chat.Id, user.Id)] = (admin, now + _cacheFor);
        return admin;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: getChatMember failed in chat {ChatId} ({Reason}); treating the sender as a member")]
    private static partial void LogLookupFailed(ILogger logger, long chatId, string reason);
}

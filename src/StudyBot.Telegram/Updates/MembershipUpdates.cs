using StudyBot.Telegram.Rendering;
using Telegram.Bot.Types;

namespace StudyBot.Telegram.Updates;

/// <summary>
/// The bot's own membership: added to a group (activate, welcome), removed or kicked (deactivate; data stays),
/// blocked or restarted by a user in a private chat (unreachable, reachable).
/// </summary>
public sealed partial class TelegramUpdateProcessor
{
    private async Task OnMyChatMemberAsync(ChatMemberUpdated change, ReplySends sends, CancellationToken cancellationToken)
    {
        var chat = change.Chat;
        var chatId = TelegramRefs.Id(chat.Id);
        var wasIn = change.OldChatMember.IsInChat;
        var isIn = change.NewChatMember.IsInChat;
        if (TelegramRefs.IsPrivate(chat))
        {
            if (isIn)
            {
                await chats.MarkReachableAsync(chatId, cancellationToken).ConfigureAwait(false);
                await chats.SetActiveAsync(chatId, active: true, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await chats.MarkUnreachableAsync(chatId, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (!isIn)
        {
            await chats.SetActiveAsync(chatId, active: false, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!wasIn && !change.From.IsBot)
        {
            // Registers (or reactivates) the group and greets it on behalf of whoever added the bot.
            var isAdmin = await rights.IsAdminAsync(chat, change.From, null, cancellationToken).ConfigureAwait(false);
            await ReplyAsync(chat, change.From, isAdmin, "/start", ReplyAddress.None, sends, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await chats.SetActiveAsync(chatId, active: true, cancellationToken).ConfigureAwait(false);
        }
    }
}

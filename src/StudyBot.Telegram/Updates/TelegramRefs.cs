using System.Globalization;
using StudyBot.Core.Commands;
using StudyBot.Core.Persistence;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using TelegramChat = Telegram.Bot.Types.Chat;

namespace StudyBot.Telegram.Updates;

/// <summary>Telegram's chats and users as the core names them.</summary>
public static class TelegramRefs
{
    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static bool IsPrivate(TelegramChat chat)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return chat.Type == ChatType.Private;
    }

    public static ChatRef Chat(TelegramChat chat, User? user)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return IsPrivate(chat)
            ? new ChatRef(Platform.Telegram, Id(chat.Id), ChatKind.Private, user is null ? chat.FirstName : DisplayName(user))
            : new ChatRef(Platform.Telegram, Id(chat.Id), ChatKind.Group, chat.Title);
    }

    public static ChatRef Chat(StudyBot.Core.Persistence.Chat chat)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return new ChatRef(Platform.Telegram, chat.ExternalId, chat.Kind, chat.Title);
    }

    public static SenderRef Sender(User user, bool isAdmin)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new SenderRef(Id(user.Id), DisplayName(user), user.LanguageCode, isAdmin);
    }

    public static string DisplayName(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var name = string.Join(' ', new[] { user.FirstName, user.LastName }.Where(n => !string.IsNullOrWhiteSpace(n))).Trim();
        return name.Length > 0 ? name : user.Username ?? Id(user.Id);
    }
}

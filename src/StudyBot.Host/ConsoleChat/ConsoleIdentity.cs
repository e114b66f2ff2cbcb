using StudyBot.Core.Commands;
using StudyBot.Core.Persistence;

namespace StudyBot.Host.ConsoleChat;

/// <summary>
/// Who speaks on the console. Without a chat name the user is in a private chat with the bot and, as on
/// Telegram, administers it; with --chat NAME they are one member of a group, admin only with --admin.
/// </summary>
public sealed record ConsoleIdentity(string UserName, string? ChatName, bool Admin)
{
    public ChatRef Chat => ChatName is null
        ? new ChatRef(Platform.Console, "private:" + UserName, ChatKind.Private, UserName)
        : new ChatRef(Platform.Console, "group:" + ChatName, ChatKind.Group, ChatName);

    public SenderRef Sender => new(UserName, UserName, Locale: null, IsChatAdmin: ChatName is null || Admin);

    public static ConsoleIdentity Default => new(SafeUserName(), null, false);

    private static string SafeUserName()
    {
        var name = Environment.UserName;
        return string.IsNullOrWhiteSpace(name) ? "me" : name;
    }
}

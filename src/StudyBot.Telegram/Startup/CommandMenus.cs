using StudyBot.Core.Localization;
using Telegram.Bot.Types;

namespace StudyBot.Telegram.Startup;

/// <summary>One command menu: where Telegram shows it, for which language, and what it lists.</summary>
public sealed record CommandMenu(BotCommandScope Scope, string? LanguageCode, IReadOnlyList<BotCommand> Commands);

/// <summary>
/// The menus set with setMyCommands: member commands for everyone, plus the admin commands in private chats
/// (the user administers their own chat) and for group administrators; English by default, Chinese for zh clients.
/// </summary>
public static class CommandMenus
{
    public static IReadOnlyList<CommandMenu> All()
    {
        var menus = new List<CommandMenu>();
        foreach (var language in Languages.All)
        {
            var texts = Texts.For(language);
            var code = language == Language.En ? null : language.Code();
            var members = texts.MemberCommands.Select(Command).ToList();
            var everything = members.Concat(texts.AdminCommands.Select(Command)).ToList();
            menus.Add(new CommandMenu(BotCommandScope.Default(), code, members));
            menus.Add(new CommandMenu(BotCommandScope.AllPrivateChats(), code, everything));
            menus.Add(new CommandMenu(BotCommandScope.AllChatAdministrators(), code, everything));
        }

        return menus;
    }

    private static BotCommand Command(CommandHelp help) => new(help.Name, help.Description);
}

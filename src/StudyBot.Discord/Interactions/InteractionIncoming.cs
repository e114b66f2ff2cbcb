using System.Globalization;
using StudyBot.Core.Commands;
using StudyBot.Core.Persistence;
using StudyBot.Discord.Api;
using StudyBot.Discord.SlashCommands;

namespace StudyBot.Discord.Interactions;

/// <summary>An interaction → the core's <see cref="Incoming"/>: the channel is the chat, Manage Server or Administrator makes an admin.</summary>
public static class InteractionIncoming
{
    public static Incoming From(Interaction interaction, string text)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var user = interaction.Member?.User ?? interaction.User ?? throw new UnsupportedInteractionException("interaction without a user");
        var channelId = interaction.ChannelId ?? interaction.Channel?.Id;
        if (string.IsNullOrEmpty(channelId) || string.IsNullOrEmpty(user.Id))
        {
            throw new UnsupportedInteractionException("interaction without a channel");
        }

        var inGuild = interaction.GuildId is not null;
        var chat = new ChatRef(Platform.Discord, channelId, inGuild ? ChatKind.Group : ChatKind.Private, interaction.Channel?.Name);

        // In a DM the member administers their own private chat, as on Telegram.
        var isAdmin = !inGuild || CanManage(interaction.Member?.Permissions);
        var name = interaction.Member?.Nick ?? user.GlobalName ?? user.Username ?? user.Id;
        return new Incoming(chat, new SenderRef(user.Id, name, interaction.Locale, isAdmin), text);
    }

    /// <summary>The member's channel permissions (a decimal bit set) include Manage Server or Administrator.</summary>
    public static bool CanManage(string? permissions) =>
        UInt128.TryParse(permissions, NumberStyles.None, CultureInfo.InvariantCulture, out var bits)
        && (bits & (UInt128)(SlashCommandCatalog.ManageGuild | SlashCommandCatalog.Administrator)) != UInt128.Zero;
}

using System.Text.Json;

namespace StudyBot.Discord.Api;

/// <summary>Interaction types we read (Discord's InteractionTypes).</summary>
public enum InteractionType
{
    Ping = 1,
    ApplicationCommand = 2,
    MessageComponent = 3,
    ApplicationCommandAutocomplete = 4,
    ModalSubmit = 5,
}

/// <summary>An interaction as Discord sends it (HTTP body or gateway INTERACTION_CREATE); only the fields we use.</summary>
public sealed class Interaction
{
    public string Id { get; set; } = "";

    public string? ApplicationId { get; set; }

    public int Type { get; set; }

    public InteractionData? Data { get; set; }

    public string? GuildId { get; set; }

    public string? ChannelId { get; set; }

    public PartialChannel? Channel { get; set; }

    /// <summary>Present in a guild: the user plus their computed permissions in the channel.</summary>
    public GuildMember? Member { get; set; }

    /// <summary>Present in a DM.</summary>
    public DiscordUser? User { get; set; }

    public string Token { get; set; } = "";

    public string? Locale { get; set; }

    public string? GuildLocale { get; set; }

    public int Version { get; set; }
}

public sealed class InteractionData
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public int? Type { get; set; }

    public List<InteractionDataOption>? Options { get; set; }

    /// <summary>Message components and modals: the custom id we gave the button or modal.</summary>
    public string? CustomId { get; set; }

    public int? ComponentType { get; set; }

    /// <summary>Modal submits: the submitted rows (action rows, or labels in newer clients).</summary>
    public List<SubmittedComponent>? Components { get; set; }
}

public sealed class InteractionDataOption
{
    public string Name { get; set; } = "";

    public int Type { get; set; }

    /// <summary>String, integer, number or boolean, as the option's type says.</summary>
    public JsonElement? Value { get; set; }

    public List<InteractionDataOption>? Options { get; set; }

    /// <summary>Autocomplete: the option the user is typing in.</summary>
    public bool? Focused { get; set; }
}

/// <summary>A component in a modal submit: an action row (type 1) with inputs, a label (18) with one, or an input.</summary>
public sealed class SubmittedComponent
{
    public int Type { get; set; }

    public string? CustomId { get; set; }

    public string? Value { get; set; }

    public List<SubmittedComponent>? Components { get; set; }

    public SubmittedComponent? Component { get; set; }
}

public sealed class PartialChannel
{
    public string Id { get; set; } = "";

    public string? Name { get; set; }

    public int? Type { get; set; }
}

public sealed class GuildMember
{
    public DiscordUser? User { get; set; }

    public string? Nick { get; set; }

    /// <summary>The member's permissions in the channel, a decimal bit set as a string.</summary>
    public string? Permissions { get; set; }
}

public sealed class DiscordUser
{
    public string Id { get; set; } = "";

    public string? Username { get; set; }

    public string? GlobalName { get; set; }

    public bool? Bot { get; set; }
}

namespace StudyBot.Discord.Api;

/// <summary>Discord's option types STRING (3) and INTEGER (4): the two we use.</summary>
public enum CommandOptionType
{
    Text = 3,
    WholeNumber = 4,
}

/// <summary>A slash command as sent to the bulk-overwrite endpoint.</summary>
public sealed class ApplicationCommand
{
    public string Name { get; set; } = "";

    public Dictionary<string, string>? NameLocalizations { get; set; }

    public string Description { get; set; } = "";

    public Dictionary<string, string>? DescriptionLocalizations { get; set; }

    public List<ApplicationCommandOption>? Options { get; set; }

    /// <summary>A permission bit set as a decimal string; null lets everyone see the command.</summary>
    public string? DefaultMemberPermissions { get; set; }

    /// <summary>Guild (0) and bot DM (1).</summary>
    public List<int>? Contexts { get; set; }

    /// <summary>Guild install (0).</summary>
    public List<int>? IntegrationTypes { get; set; }

    /// <summary>1: a chat-input (slash) command.</summary>
    public int Type { get; set; } = 1;
}

public sealed class ApplicationCommandOption
{
    public int Type { get; set; }

    public string Name { get; set; } = "";

    public Dictionary<string, string>? NameLocalizations { get; set; }

    public string Description { get; set; } = "";

    public Dictionary<string, string>? DescriptionLocalizations { get; set; }

    public bool? Required { get; set; }

    public bool? Autocomplete { get; set; }

    public List<CommandOptionChoice>? Choices { get; set; }

    public long? MinValue { get; set; }

    public long? MaxValue { get; set; }

    public int? MinLength { get; set; }

    public int? MaxLength { get; set; }
}

/// <summary>What the bulk overwrite returns per command.</summary>
public sealed class RegisteredCommand
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";
}

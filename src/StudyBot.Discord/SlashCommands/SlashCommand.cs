using StudyBot.Discord.Api;

namespace StudyBot.Discord.SlashCommands;

/// <summary>How an option becomes command text: "/lesson 3" (positional) or "/setup tz=Asia/Shanghai" (key=value).</summary>
public enum OptionStyle
{
    Positional,
    KeyValue,
}

/// <summary>A slash command option with its Chinese name and both descriptions.</summary>
public sealed record SlashOption(
    string Name,
    string ZhName,
    CommandOptionType Type,
    string En,
    string Zh,
    bool Required = false,
    OptionStyle Style = OptionStyle.Positional,
    bool Autocomplete = false,
    IReadOnlyList<string>? Choices = null,
    long? MinValue = null,
    int? MaxLength = null);

/// <summary>A slash command: a core command name plus typed options; descriptions come from Core's Texts.</summary>
public sealed record SlashCommand(string Name, string ZhName, bool Admin, IReadOnlyList<SlashOption> Options);

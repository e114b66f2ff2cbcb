using System.Text.Json;
using StudyBot.Discord.Api;
using StudyBot.Discord.SlashCommands;

namespace StudyBot.Discord.Tests.SlashCommands;

/// <summary>/remind and /setup evening as slash commands, localized for zh-CN, back to the text the core parses.</summary>
public sealed class RemindSlashCommandTests
{
    private static InteractionDataOption Text(string name, string value) =>
        new() { Name = name, Type = 3, Value = JsonDocument.Parse(JsonSerializer.Serialize(value)).RootElement.Clone() };

    [Fact]
    public void Remind_is_a_member_command_with_an_on_off_choice_localized_for_chinese()
    {
        var remind = Assert.Single(SlashCommandCatalog.Definitions(2000), d => d.Name == "remind");

        Assert.Null(remind.DefaultMemberPermissions);
        Assert.Equal("提醒", remind.NameLocalizations!["zh-CN"]);
        Assert.Contains("私信", remind.DescriptionLocalizations!["zh-CN"], StringComparison.Ordinal);
        var state = Assert.Single(remind.Options!);
        Assert.Equal(["on", "off"], state.Choices!.Select(c => c.Value));
        Assert.Null(state.Required);
    }

    [Fact]
    public void Options_become_the_command_text()
    {
        Assert.Equal("/remind on", SlashCommandCatalog.CommandText(new InteractionData { Name = "remind", Options = [Text("state", "on")] }));
        Assert.Equal("/remind", SlashCommandCatalog.CommandText(new InteractionData { Name = "remind" }));
        Assert.Equal("/setup evening=20:30", SlashCommandCatalog.CommandText(new InteractionData { Name = "setup", Options = [Text("evening", "20:30")] }));
    }
}

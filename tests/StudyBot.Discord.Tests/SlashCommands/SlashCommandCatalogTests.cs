using System.Text.Json;
using System.Text.RegularExpressions;
using StudyBot.Core.Localization;
using StudyBot.Discord.Api;
using StudyBot.Discord.SlashCommands;

namespace StudyBot.Discord.Tests.SlashCommands;

public sealed partial class SlashCommandCatalogTests
{
    [GeneratedRegex(@"^[-_'\p{L}\p{N}]{1,32}$")]
    private static partial Regex NamePattern();

    [Fact]
    public void Every_command_in_help_is_a_slash_command_and_admin_ones_need_manage_server()
    {
        var definitions = SlashCommandCatalog.Definitions(2000);
        var texts = Texts.For(Language.En);

        foreach (var help in texts.MemberCommands)
        {
            Assert.Null(Assert.Single(definitions, d => d.Name == help.Name).DefaultMemberPermissions);
        }

        foreach (var help in texts.AdminCommands)
        {
            Assert.Equal("32", Assert.Single(definitions, d => d.Name == help.Name).DefaultMemberPermissions);
        }
    }

    [Fact]
    public void Definitions_follow_discords_rules_and_are_localized_for_chinese()
    {
        var definitions = SlashCommandCatalog.Definitions(2000);

        Assert.True(definitions.Count <= 100);
        Assert.Equal(definitions.Count, definitions.Select(d => d.Name).Distinct().Count());
        foreach (var command in definitions)
        {
            AssertName(command.Name);
            AssertName(command.NameLocalizations!["zh-CN"]);
            AssertDescription(command.Description);
            AssertDescription(command.DescriptionLocalizations!["zh-CN"]);
            Assert.NotEqual(command.Description, command.DescriptionLocalizations["zh-CN"]);
            var options = command.Options ?? [];
            Assert.True(options.Count <= 25);
            Assert.Equal(options.OrderByDescending(o => o.Required == true).Select(o => o.Name), options.Select(o => o.Name)); // required first
            foreach (var option in options)
            {
                AssertName(option.Name);
                AssertName(option.NameLocalizations!["zh-CN"]);
                AssertDescription(option.Description);
                AssertDescription(option.DescriptionLocalizations!["zh-CN"]);
                Assert.False(option.Autocomplete == true && option.Choices is not null, "autocomplete and choices exclude each other");
            }
        }

        var lesson = definitions.Single(d => d.Name == "lesson").Options!.Single();
        Assert.Equal((int)CommandOptionType.WholeNumber, lesson.Type);
        Assert.True(lesson.Required);
        Assert.Equal(2000, definitions.Single(d => d.Name == "answer").Options!.Single().MaxLength);
        Assert.True(definitions.Single(d => d.Name == "sources").Options!.Single().Autocomplete);
    }

    [Fact]
    public void The_definitions_serialize_as_discord_expects()
    {
        var json = JsonSerializer.Serialize(SlashCommandCatalog.Definitions(2000), DiscordJsonContext.Default.ListApplicationCommand);

        var today = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "today")!;
        Assert.Equal("今天", today["name_localizations"]!["zh-CN"]!.GetValue<string>());
        Assert.Contains("\"default_member_permissions\":\"32\"", json, StringComparison.Ordinal);
        Assert.Contains("\"min_value\":1", json, StringComparison.Ordinal);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lesson", """[{"name":"day","type":4,"value":3}]""", "/lesson 3")]
    [InlineData("quiz", "[]", "/quiz")]
    [InlineData("sources", """[{"name":"topic","type":3,"value":"  rag "}]""", "/sources rag")]
    [InlineData("answer", """[{"name":"text","type":3,"value":"Retrieval adds context"}]""", "/answer Retrieval adds context")]
    [InlineData("setup", """[{"name":"time","type":3,"value":"08:30"},{"name":"tz","type":3,"value":"Asia/Shanghai"}]""", "/setup tz=Asia/Shanghai time=08:30")]
    [InlineData("LANG", """[{"name":"language","type":3,"value":"zh"}]""", "/lang zh")]
    [InlineData("subscribe", """[{"name":"address_or_code","type":3,"value":" jane@example.com "}]""", "/subscribe jane@example.com")]
    [InlineData("future", """[{"name":"x","type":3,"value":"a b"}]""", "/future a b")]
    public void Interaction_options_become_the_command_text(string name, string options, string expected)
    {
        var interaction = JsonSerializer.Deserialize($$$"""{"type":2,"data":{"name":"{{{name}}}","options":{{{options}}}}}""", DiscordJsonContext.Default.Interaction)!;

        Assert.Equal(expected, SlashCommandCatalog.CommandText(interaction.Data!));
    }

    private static void AssertName(string name)
    {
        Assert.Matches(NamePattern(), name);
        Assert.Equal(name.ToLowerInvariant(), name);
    }

    private static void AssertDescription(string description) => Assert.InRange(description.Length, 1, 100);
}

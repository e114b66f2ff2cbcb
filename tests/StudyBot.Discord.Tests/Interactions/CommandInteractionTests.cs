using System.Text.Json.Nodes;
using StudyBot.Discord.Tests.Fakes;

namespace StudyBot.Discord.Tests.Interactions;

/// <summary>Every command as a slash command, through the signed endpoint into the real core and back as Discord JSON.</summary>
public sealed class CommandInteractionTests : IAsyncLifetime
{
    private const int Message = 4;
    private const int Ephemeral = 64;
    private DiscordBotHost _bot = null!;

    public async Task InitializeAsync() => _bot = await DiscordBotHost.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task<JsonNode> Command(string name, JsonObject? options = null, Who? who = null)
    {
        var body = await _bot.ReplyAsync(InteractionJson.Command(name, options, who));
        Assert.Equal(Message, body["type"]!.GetValue<int>());
        return body;
    }

    [Fact]
    public async Task Start_and_help_answer_in_the_channel()
    {
        var start = await Command("start");
        var help = await Command("help");

        Assert.Contains("ana", ResponseText.Of(start), StringComparison.Ordinal);
        Assert.Contains("/leaderboard", ResponseText.Of(help), StringComparison.Ordinal);
        Assert.Null(ResponseText.Flags(start));
        Assert.Equal("""{"parse":[]}""", start["data"]!["allowed_mentions"]!.ToJsonString());
    }

    [Fact]
    public async Task Today_is_an_embed_with_quiz_done_and_sources_buttons_whose_ids_are_commands()
    {
        var today = await Command("today");

        var embed = today["data"]!["embeds"]![0]!;
        Assert.Contains("Lesson 1 title", embed["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("[Attention Is All You Need](https://arxiv.org/abs/1706.03762)", ResponseText.Of(today), StringComparison.Ordinal);
        Assert.Equal(["/quiz", "/done", "/sources"], ResponseText.Buttons(today).Select(b => b.CustomId));
    }

    [Fact]
    public async Task Lesson_takes_the_day_option_as_its_argument()
    {
        var first = await Command("lesson", new JsonObject { ["day"] = 1 });
        var locked = await Command("lesson", new JsonObject { ["day"] = 3 });

        Assert.Contains("Lesson 1 title", ResponseText.Of(first), StringComparison.Ordinal);
        Assert.DoesNotContain("Lesson 3 title", ResponseText.Of(locked), StringComparison.Ordinal);
        Assert.Contains("3", ResponseText.Of(locked), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_searches_by_topic_and_autocomplete_offers_topics()
    {
        var found = await Command("sources", new JsonObject { ["topic"] = "rag" });
        var (status, choices) = await _bot.PostAsync(InteractionJson.Autocomplete("sources", "topic", "re"));

        Assert.Contains("Retrieval-Augmented Generation", ResponseText.Of(found), StringComparison.Ordinal);
        Assert.Equal(200, status);
        Assert.Equal(8, choices!["type"]!.GetValue<int>());
        Assert.Contains("retrieval", choices["data"]!["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Personal_commands_are_ephemeral()
    {
        foreach (var name in new[] { "roadmap", "done", "me", "streak" })
        {
            var reply = await Command(name);
            Assert.True(ResponseText.Flags(reply) == Ephemeral, name + " should be ephemeral");
        }

        var leaderboard = await Command("leaderboard");
        Assert.Null(ResponseText.Flags(leaderboard));
        Assert.Contains("ana", ResponseText.Of(leaderboard), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quiz_shows_the_question_with_one_button_per_option()
    {
        var quiz = await Command("quiz");

        Assert.Equal(Ephemeral, ResponseText.Flags(quiz));
        Assert.Contains("what does attention compute", ResponseText.Of(quiz), StringComparison.Ordinal);
        var buttons = ResponseText.Buttons(quiz);
        Assert.Equal(["/answer 1 #lesson-1/q1", "/answer 2 #lesson-1/q1", "/answer 3 #lesson-1/q1"], buttons.Select(b => b.CustomId)); // the question rides along: an old button cannot answer a newer question
        Assert.Equal("1. Weighted sums of values", buttons[0].Label);

        var answer = await Command("answer", new JsonObject { ["text"] = "1" });
        Assert.Contains("RAG", ResponseText.Of(answer), StringComparison.Ordinal); // the next question follows the verdict
    }

    [Fact]
    public async Task Lang_switches_to_chinese()
    {
        var lang = await Command("lang", new JsonObject { ["language"] = "zh" });
        var today = await Command("today");

        Assert.Equal(Ephemeral, ResponseText.Flags(lang));
        Assert.Contains("第1课标题", ResponseText.Of(today), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_commands_need_manage_server_in_a_guild()
    {
        var refused = await Command("pause", who: Who.Member);
        var paused = await Command("pause", who: Who.Admin);
        var resumed = await Command("resume", who: Who.Admin);

        Assert.Contains("/pause", ResponseText.Of(refused), StringComparison.Ordinal);
        Assert.DoesNotContain("⏸", ResponseText.Of(refused), StringComparison.Ordinal);
        Assert.Contains("⏸", ResponseText.Of(paused), StringComparison.Ordinal);
        Assert.Contains("▶", ResponseText.Of(resumed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrator_permission_counts_as_admin_too()
    {
        var administrator = Who.Member with { UserId = "500000000000000009", Permissions = "8" };

        var paused = await Command("pause", who: administrator);

        Assert.Contains("⏸", ResponseText.Of(paused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_options_become_key_value_pairs()
    {
        var saved = await Command("setup", new JsonObject { ["tz"] = "Asia/Shanghai", ["time"] = "08:30" }, Who.Admin);

        var text = ResponseText.Of(saved);
        Assert.Contains("Asia/Shanghai", text, StringComparison.Ordinal);
        Assert.Contains("08:30", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_autocompletes_time_zones_and_tracks()
    {
        var (_, zones) = await _bot.PostAsync(InteractionJson.Autocomplete("setup", "tz", "shanghai"));
        var (_, tracks) = await _bot.PostAsync(InteractionJson.Autocomplete("setup", "track", ""));

        Assert.Contains("Asia/Shanghai", zones!["data"]!["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()));
        Assert.Equal(["full", "short"], tracks!["data"]!["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()));
    }

    [Fact]
    public async Task In_a_dm_the_member_administers_their_own_chat()
    {
        var dm = Who.Member with { ChannelId = "600000000000000099", Dm = true, Permissions = "0" };

        var paused = await Command("pause", who: dm);

        Assert.Contains("⏸", ResponseText.Of(paused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chinese_locale_gets_chinese_replies()
    {
        var start = await Command("start", who: Who.Chinese);

        Assert.Contains("欢迎", ResponseText.Of(start), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_gets_the_unknown_command_text_not_an_error()
    {
        var reply = await Command("nonsense");

        Assert.Contains("nonsense", ResponseText.Of(reply), StringComparison.Ordinal);
    }
}

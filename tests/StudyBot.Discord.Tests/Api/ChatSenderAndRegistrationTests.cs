using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StudyBot.Core.Commands;
using StudyBot.Core.Delivery;
using StudyBot.Core.Persistence;
using StudyBot.Discord.Api;
using StudyBot.Discord.Delivery;
using StudyBot.Discord.SlashCommands;
using StudyBot.Discord.Tests.Fakes;

namespace StudyBot.Discord.Tests.Api;

public sealed class ChatSenderAndRegistrationTests
{
    private static readonly ChatRef Channel = new(Platform.Discord, "600000000000000001", ChatKind.Group, "study");

    [Fact]
    public async Task A_lesson_is_posted_to_the_channel_as_embeds_with_buttons()
    {
        await using var fixture = await RestClientFixture.StartAsync();
        var senders = new ChatSenders([new DiscordChatSender(fixture.Client, new RecentInteractions(TimeProvider.System), NullLogger<DiscordChatSender>.Instance)]);
        var reply = new ReplyBuilder().Heading("Day 2: Tokens").Paragraph("Read the paper.").Button("Quiz", "/quiz").Build();

        var result = await senders.SendAsync(Channel, null, reply, CancellationToken.None);

        Assert.True(result.Delivered);
        var post = Assert.Single(fixture.Discord.RequestsTo("channels/600000000000000001/messages"));
        Assert.Equal("Day 2: Tokens", post.Json!["embeds"]![0]!["title"]!.GetValue<string>());
        Assert.Equal("/quiz", post.Json["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>());
        Assert.Equal("""{"parse":[]}""", post.Json["allowed_mentions"]!.ToJsonString());
    }

    [Fact]
    public async Task A_personal_result_mentions_only_its_member()
    {
        await using var fixture = await RestClientFixture.StartAsync();
        var sender = new DiscordChatSender(fixture.Client, new RecentInteractions(TimeProvider.System), NullLogger<DiscordChatSender>.Instance);
        var member = new SenderRef("500000000000000001", "ana", "en-US", false);

        await sender.SendAsync(Channel, member, Reply.Text("Score: 80%") with { Personal = true }, CancellationToken.None);

        var post = Assert.Single(fixture.Discord.Requests);
        Assert.Equal("<@500000000000000001> Score: 80%", post.Json!["content"]!.GetValue<string>());
        Assert.Equal("""{"parse":[],"users":["500000000000000001"]}""", post.Json["allowed_mentions"]!.ToJsonString());
    }

    [Fact]
    public async Task A_personal_result_after_an_interaction_is_an_ephemeral_follow_up_to_it()
    {
        await using var bot = await DiscordBotHost.StartAsync();
        await bot.ReplyAsync(InteractionJson.Command("start"));
        var senders = bot.Services.GetRequiredService<ChatSenders>();
        var member = new SenderRef(Who.Member.UserId, "ana", "en-US", false);

        var result = await senders.SendAsync(Channel with { ExternalId = Who.Member.ChannelId }, member, Reply.Text("Your open answer: 75%") with { Personal = true }, CancellationToken.None);
        var elsewhere = await senders.SendAsync(Channel with { ExternalId = "600000000000000077" }, member, Reply.Text("x") with { Personal = true }, CancellationToken.None);

        Assert.True(result.Delivered);
        Assert.True(elsewhere.Delivered);
        var followup = Assert.Single(bot.Discord.RequestsTo("webhooks/"), r => r.Method == "POST");
        Assert.Equal(64, followup.Json!["flags"]!.GetValue<int>());
        Assert.Contains("75%", followup.Json["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(bot.Discord.RequestsTo("channels/600000000000000077/messages")); // no recent interaction there: a mention
    }

    [Fact]
    public async Task A_channel_the_bot_cannot_post_to_is_a_permanent_failure_a_429_is_not()
    {
        await using var fixture = await RestClientFixture.StartAsync(new Discord.Api.RateLimits.RestLimits { MaxAttempts = 1 });
        var sender = new DiscordChatSender(fixture.Client, new RecentInteractions(TimeProvider.System), NullLogger<DiscordChatSender>.Instance);
        fixture.Discord.Script(
            new ScriptedResponse("channels/1/messages", 403, """{"message":"Missing Access","code":50001}"""),
            new ScriptedResponse("channels/2/messages", 429, """{"message":"limited","retry_after":0.1,"global":false}"""));

        var forbidden = await sender.SendAsync(Channel with { ExternalId = "1" }, null, Reply.Text("x"), CancellationToken.None);
        var limited = await sender.SendAsync(Channel with { ExternalId = "2" }, null, Reply.Text("x"), CancellationToken.None);

        Assert.False(forbidden.Delivered);
        Assert.True(forbidden.Permanent);
        Assert.Contains("50001", forbidden.Error, StringComparison.Ordinal);
        Assert.False(limited.Delivered);
        Assert.False(limited.Permanent);
    }

    [Fact]
    public async Task Commands_are_registered_by_one_bulk_overwrite_globally_or_to_a_guild()
    {
        await using var fixture = await RestClientFixture.StartAsync();
        var registrar = fixture.Services.GetRequiredService<CommandRegistrar>();

        var global = await registrar.RegisterAsync(null, CancellationToken.None);
        var guild = await registrar.RegisterAsync("700000000000000001", CancellationToken.None);

        Assert.Equal(SlashCommandCatalog.All.Count, global.Count);
        Assert.Equal(SlashCommandCatalog.All.Count, guild.Count);
        var requests = fixture.Discord.Requests;
        Assert.Equal(("PUT", $"applications/{InteractionJson.ApplicationId}/commands"), (requests[0].Method, requests[0].Path));
        Assert.Equal(("PUT", $"applications/{InteractionJson.ApplicationId}/guilds/700000000000000001/commands"), (requests[1].Method, requests[1].Path));
        Assert.Equal("Bot test-bot-token", requests[0].Headers["Authorization"]);
    }

    [Fact]
    public async Task The_register_verb_prints_one_line_and_fails_clearly_without_a_token()
    {
        await using var discord = await FakeDiscordServer.StartAsync();
        var configured = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:BotToken"] = "t",
            ["Discord:ApplicationId"] = InteractionJson.ApplicationId,
            ["Discord:PublicKey"] = new string('a', 64),
            ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl.ToString(),
        }).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var ok = await RegisterCommandsVerb.RunAsync(configured, "700000000000000001", output, error, CancellationToken.None);
        var missing = await RegisterCommandsVerb.RunAsync(new ConfigurationBuilder().Build(), null, output, error, CancellationToken.None);

        Assert.Equal(0, ok);
        Assert.StartsWith($"Registered {SlashCommandCatalog.All.Count} slash commands (guild 700000000000000001)", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, missing);
        Assert.Equal("commands register: Discord:BotToken (Discord__BotToken) is not set." + Environment.NewLine, error.ToString());
    }

    [Fact]
    public async Task Registration_on_start_runs_when_asked()
    {
        await using var bot = await DiscordBotHost.StartAsync(settings: new Dictionary<string, string?> { ["Discord:RegisterCommands"] = "true", ["Discord:GuildId"] = "700000000000000001" });

        var put = (await bot.Discord.WaitForAsync(r => r.Method == "PUT"))[0];

        Assert.EndsWith("/guilds/700000000000000001/commands", put.Path, StringComparison.Ordinal);
    }
}

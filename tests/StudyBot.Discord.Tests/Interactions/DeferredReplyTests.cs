using Microsoft.Extensions.DependencyInjection;
using StudyBot.Core.Commands;
using StudyBot.Discord.Tests.Fakes;

namespace StudyBot.Discord.Tests.Interactions;

/// <summary>A command slower than Discord's deadline is deferred, then its reply edits the original response.</summary>
public sealed class DeferredReplyTests : IAsyncLifetime
{
    private DiscordBotHost _bot = null!;

    public async Task InitializeAsync() => _bot = await DiscordBotHost.StartAsync(
        services => services.AddSingleton<ICommandHandler, SlowHandler>(),
        new Dictionary<string, string?> { ["Discord:DeferAfter"] = "00:00:00.100" });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_slow_command_is_deferred_then_the_original_is_edited()
    {
        var (status, ack) = await _bot.PostAsync(InteractionJson.Command("slow"));

        Assert.Equal(200, status);
        Assert.Equal(5, ack!["type"]!.GetValue<int>());
        Assert.Null(ack["data"]); // public: the reply is for the channel
        var edit = (await _bot.Discord.WaitForAsync(r => r.Method == "PATCH"))[0];
        Assert.Contains("slow and steady", ResponseText.Of(edit.Json), StringComparison.Ordinal);
        Assert.Equal("""{"parse":[]}""", edit.Json!["allowed_mentions"]!.ToJsonString());
    }

    [Fact]
    public async Task A_personal_reply_to_a_public_deferral_is_moved_into_an_ephemeral_follow_up()
    {
        var (_, ack) = await _bot.PostAsync(InteractionJson.Command("slow", new System.Text.Json.Nodes.JsonObject { ["arguments"] = "personal" }));

        Assert.Equal(5, ack!["type"]!.GetValue<int>());
        await _bot.Discord.WaitForAsync(r => r.Method == "DELETE" && r.Path.EndsWith("/messages/@original", StringComparison.Ordinal));
        var followup = (await _bot.Discord.WaitForAsync(r => r.Method == "POST" && r.Path.StartsWith("webhooks/", StringComparison.Ordinal)))[0];
        Assert.Equal(64, followup.Json!["flags"]!.GetValue<int>());
        Assert.Contains("just for you", ResponseText.Of(followup.Json), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_too_long_for_one_message_edits_the_original_then_follows_up_in_order()
    {
        var (_, ack) = await _bot.PostAsync(InteractionJson.Command("slow", new System.Text.Json.Nodes.JsonObject { ["arguments"] = "long" }));

        Assert.Equal(5, ack!["type"]!.GetValue<int>());
        await _bot.Discord.WaitForAsync(r => r.Method == "PATCH");
        var followups = await _bot.Discord.WaitForAsync(r => r.Method == "POST" && r.Path.StartsWith("webhooks/", StringComparison.Ordinal), count: 1);
        Assert.True(await _bot.IdleAsync());
        var sent = _bot.Discord.Requests.Where(r => r.Path.StartsWith("webhooks/", StringComparison.Ordinal)).ToList();
        Assert.Equal("PATCH", sent[0].Method);
        Assert.All(sent.Skip(1), r => Assert.Equal("POST", r.Method));
        Assert.Contains("part 0 ", ResponseText.Of(sent[0].Json), StringComparison.Ordinal);
        Assert.Contains("part 39 ", ResponseText.Of(sent[^1].Json), StringComparison.Ordinal);
        Assert.NotEmpty(followups);
    }

    [Fact]
    public async Task When_editing_fails_the_bot_logs_and_carries_on()
    {
        _bot.Discord.Script(new ScriptedResponse("/messages/@original", 404, """{"message":"Unknown Webhook","code":10015}"""));

        var (_, ack) = await _bot.PostAsync(InteractionJson.Command("slow"));
        Assert.True(await _bot.IdleAsync());
        var again = await _bot.ReplyAsync(InteractionJson.Command("start"));

        Assert.Equal(5, ack!["type"]!.GetValue<int>());
        Assert.Equal(4, again!["type"]!.GetValue<int>());
    }

    /// <summary>A command that takes longer than the deferral threshold (test-only).</summary>
    private sealed class SlowHandler : ICommandHandler
    {
        public IReadOnlyList<string> Names { get; } = ["slow"];

        public bool AdminOnly => false;

        public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(600), cancellationToken);
            return context.Command.Arguments switch
            {
                "personal" => new ReplyBuilder().Paragraph("just for you").Personal().Build(),
                "long" => new ReplyBuilder().Heading("Long").Blocks(Enumerable.Range(0, 40).Select(i => new ParagraphBlock([new Span($"part {i} " + new string('x', 400))]))).Build(),
                _ => Reply.Text("slow and steady"),
            };
        }
    }
}

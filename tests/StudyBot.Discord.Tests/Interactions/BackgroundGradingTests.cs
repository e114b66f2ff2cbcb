using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StudyBot.Core.Commands;
using StudyBot.Core.Persistence;
using StudyBot.Discord.Delivery;
using StudyBot.Discord.Rendering;
using StudyBot.Discord.Tests.Fakes;
using StudyBot.Grading.OpenAI;
using StudyBot.Grading.OpenAI.Tests.Fakes;

namespace StudyBot.Discord.Tests.Interactions;

/// <summary>
/// An open answer from the modal graded in the background (the real LLM grader, a fake endpoint): the result
/// replaces the deferred response while its token is valid, else it goes to the channel.
/// </summary>
public sealed class BackgroundGradingTests
{
    private static readonly ChatRef Channel = new(Platform.Discord, "600000000000000001", ChatKind.Group, "study");
    private static readonly SenderRef Ana = new("500000000000000001", "ana", "en-US", false);

    [Fact]
    public async Task The_result_edits_the_deferred_response_of_the_answer()
    {
        await using var llm = await FakeOpenAiServer.StartAsync(_ => FakeReply.Verdicts(
            [("context", true, "adds the documents to the context"), ("hallucination", true, "less hallucination"), ("fresh", false, "")], TimeSpan.FromMilliseconds(300)));
        var settings = new Dictionary<string, string?>
        {
            ["Llm:BaseUrl"] = llm.BaseUrl.ToString(),
            ["Llm:ApiKey"] = "sk-test-secret",
            ["Llm:Model"] = "fake-model",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var bot = await DiscordBotHost.StartAsync(services => services.AddStudyBotLlmGrading(configuration), settings);
        await bot.ReplyAsync(InteractionJson.Command("quiz"));
        for (var i = 0; i < 3; i++)
        {
            await bot.ReplyAsync(InteractionJson.Button("/answer 1"));
        }

        var submit = InteractionJson.ModalSubmit(ReplyRenderer.AnswerModalId, ReplyRenderer.AnswerInputId, "Retrieval adds the documents to the context of the prompt, so there is less hallucination.");
        var original = "/" + JsonNode.Parse(submit)!["token"]!.GetValue<string>() + "/messages/@original";
        var (status, ack) = await bot.PostAsync(submit);

        Assert.Equal(200, status);
        Assert.Equal(5, ack!["type"]!.GetValue<int>()); // deferred at once: grading is slow
        var edits = await bot.Discord.WaitForAsync(r => r.Method == "PATCH" && r.Path.EndsWith(original, StringComparison.Ordinal), count: 2);
        Assert.Contains("being graded", ResponseText.Of(edits[0].Json), StringComparison.Ordinal);
        Assert.Contains("Score: 75%", ResponseText.Of(edits[1].Json), StringComparison.Ordinal);
        Assert.DoesNotContain(bot.Discord.Requests, r => r.Path.Contains("channels/", StringComparison.Ordinal) && ResponseText.Of(r.Json).Contains("Score", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_the_edit_returns_404_the_result_is_posted_to_the_channel()
    {
        await using var fixture = await RestClientFixture.StartAsync();
        var recent = new RecentInteractions(TimeProvider.System);
        var sender = new DiscordChatSender(fixture.Client, recent, NullLogger<DiscordChatSender>.Instance);
        fixture.Discord.Script(new ScriptedResponse("/messages/@original", 404, """{"message":"Unknown Webhook","code":10015}"""));

        var result = await sender.SendAsync(Channel, Ana, Reply.Text("Score: 75%") with { Personal = true }, recent.ReplyHandle("token-gone"), CancellationToken.None);

        Assert.True(result.Delivered);
        Assert.Single(fixture.Discord.Requests, r => r.Method == "PATCH");
        var post = Assert.Single(fixture.Discord.RequestsTo("channels/600000000000000001/messages"));
        Assert.Equal("<@500000000000000001> Score: 75%", post.Json!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_token_older_than_fifteen_minutes_is_not_used_the_result_goes_to_the_channel()
    {
        await using var fixture = await RestClientFixture.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var recent = new RecentInteractions(time);
        var sender = new DiscordChatSender(fixture.Client, recent, NullLogger<DiscordChatSender>.Instance);
        var handle = recent.ReplyHandle("token-old");
        time.Advance(TimeSpan.FromMinutes(16)); // the grading queue was long

        var result = await sender.SendAsync(Channel, Ana, Reply.Text("Score: 75%") with { Personal = true }, handle, CancellationToken.None);

        Assert.True(result.Delivered);
        Assert.DoesNotContain(fixture.Discord.Requests, r => r.Path.Contains("webhooks/", StringComparison.Ordinal));
        Assert.Single(fixture.Discord.RequestsTo("channels/600000000000000001/messages"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-handle")]
    [InlineData(":token")]
    [InlineData("123:")]
    [InlineData("99999999999999999999:token")]
    public void A_malformed_reply_handle_is_no_token(string? handle) =>
        Assert.Null(new RecentInteractions(TimeProvider.System).EditableToken(handle));
}

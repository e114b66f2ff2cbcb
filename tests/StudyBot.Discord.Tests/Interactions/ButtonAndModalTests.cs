using System.Text.Json.Nodes;
using StudyBot.Discord.Rendering;
using StudyBot.Discord.Tests.Fakes;

namespace StudyBot.Discord.Tests.Interactions;

/// <summary>Buttons carry their command in the custom id; the open question is answered in a modal.</summary>
public sealed class ButtonAndModalTests : IAsyncLifetime
{
    private DiscordBotHost _bot = null!;

    public async Task InitializeAsync() => _bot = await DiscordBotHost.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task<JsonNode> Press(string customId)
    {
        return await _bot.ReplyAsync(InteractionJson.Button(customId));
    }

    [Fact]
    public async Task A_whole_quiz_by_buttons_and_the_modal()
    {
        var quiz = await Press("/quiz");
        Assert.Equal(["/answer 1 #lesson-1/q1", "/answer 2 #lesson-1/q1", "/answer 3 #lesson-1/q1"], ResponseText.Buttons(quiz).Select(b => b.CustomId));

        await Press("/answer 1");
        await Press("/answer 2");
        var open = await Press("/answer 3");

        // The open question: a button that opens the modal.
        Assert.Contains("Why does retrieval help", ResponseText.Of(open), StringComparison.Ordinal);
        var answerButton = Assert.Single(ResponseText.Buttons(open), b => b.CustomId == ReplyRenderer.AnswerModalId);
        Assert.Equal(3, answerButton.Style);

        var modal = await Press(ReplyRenderer.AnswerModalId);
        Assert.Equal(9, modal["type"]!.GetValue<int>());
        var input = modal["data"]!["components"]![0]!["components"]![0]!;
        Assert.Equal(4, input["type"]!.GetValue<int>());
        Assert.Equal(2, input["style"]!.GetValue<int>()); // paragraph
        Assert.Equal(ReplyRenderer.AnswerInputId, input["custom_id"]!.GetValue<string>());

        // Submitting is acknowledged at once with an ephemeral deferral; the feedback edits it.
        var submit = InteractionJson.ModalSubmit(ReplyRenderer.AnswerModalId, ReplyRenderer.AnswerInputId,
            "Retrieval adds documents to the context, so there is less hallucination and the information is up to date.");
        var (status, ack) = await _bot.PostAsync(submit);
        Assert.Equal(200, status);
        Assert.Equal(5, ack!["type"]!.GetValue<int>());
        Assert.Equal(64, ack["data"]!["flags"]!.GetValue<int>());

        var token = JsonNode.Parse(submit)!["token"]!.GetValue<string>();
        var edits = await _bot.Discord.WaitForAsync(r => r.Method == "PATCH" && r.Path.EndsWith("/messages/@original", StringComparison.Ordinal) && r.Path.Contains(token, StringComparison.Ordinal));
        Assert.Equal($"webhooks/{InteractionJson.ApplicationId}/{token}/messages/@original", edits[0].Path);
        Assert.False(edits[0].Headers.ContainsKey("Authorization")); // interaction webhooks need no bot token
        Assert.NotEmpty(ResponseText.Of(edits[0].Json).Trim());
    }

    [Fact]
    public async Task A_modal_submit_in_the_newer_label_layout_is_read_too()
    {
        await Press("/quiz");
        await Press("/answer 1");
        await Press("/answer 2");
        await Press("/answer 3");

        var submit = InteractionJson.ModalSubmit(ReplyRenderer.AnswerModalId, ReplyRenderer.AnswerInputId, "documents in the prompt", labelled: true);
        var (_, ack) = await _bot.PostAsync(submit);

        Assert.Equal(5, ack!["type"]!.GetValue<int>());
        var token = JsonNode.Parse(submit)!["token"]!.GetValue<string>();
        var edit = (await _bot.Discord.WaitForAsync(r => r.Method == "PATCH" && r.Path.Contains(token, StringComparison.Ordinal)))[0];
        Assert.DoesNotContain("No quiz", ResponseText.Of(edit.Json), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Buttons_survive_a_restart_because_their_ids_are_commands()
    {
        var today = await Press("/today");
        var quizButton = ResponseText.Buttons(today).First(b => b.CustomId.StartsWith("/quiz", StringComparison.Ordinal));

        // Another bot process on the same database: the custom id is all it gets.
        await using var restarted = await DiscordBotHost.StartAsync(connectionString: _bot.ConnectionString);
        var quiz = await restarted.ReplyAsync(InteractionJson.Button(quizButton.CustomId));

        Assert.Contains("attention", ResponseText.Of(quiz), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_custom_ids_get_an_ephemeral_note_not_an_error()
    {
        var stale = await Press("something-old");
        var (status, modal) = await _bot.PostAsync(InteractionJson.ModalSubmit("other-modal", "x", "y"));

        Assert.Equal(4, stale["type"]!.GetValue<int>());
        Assert.Equal(64, ResponseText.Flags(stale));
        Assert.Equal(200, status);
        Assert.Equal(64, ResponseText.Flags(modal));
    }
}

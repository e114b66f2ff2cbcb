using System.Text.Json.Nodes;
using StudyBot.Grading.OpenAI;
using StudyBot.Grading.OpenAI.Tests.Fakes;
using StudyBot.Telegram.Tests.Fakes;

namespace StudyBot.Telegram.Tests.Flows;

/// <summary>An open answer graded in the background (the real LLM grader, a fake endpoint): the feedback replies to the answer.</summary>
public sealed class BackgroundGradingTests
{
    private const long Ana = 711;

    [Fact]
    public async Task The_grading_result_arrives_as_a_reply_to_the_answer_message()
    {
        await using var llm = await FakeOpenAiServer.StartAsync(_ => FakeReply.Verdicts(
            [("context", true, "adds documents in the prompt as context"), ("hallucination", true, "less hallucination"), ("fresh", false, "")]));
        await using var api = await FakeBotApi.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Llm:BaseUrl"] = llm.BaseUrl.ToString(),
            ["Llm:ApiKey"] = "sk-test-secret",
            ["Llm:Model"] = "fake-model",
        };
        await using var bot = await TelegramTestBot.StartAsync(api, settings: settings, services: (services, configuration) => services.AddStudyBotLlmGrading(configuration));

        await bot.SendAsync(FakeUpdates.PrivateText(Ana, "/quiz"));
        for (var question = 1; question <= 3; question++)
        {
            var polls = question;
            await api.WaitForAsync(_ => api.Sent(Ana).Count(s => s.Method == "sendPoll") >= polls, what: $"poll {polls}");
            await bot.SendAsync(FakeUpdates.PrivateText(Ana, "/answer 1"));
        }

        await api.WaitForAsync(_ => api.Sent(Ana).Any(s => s.ForcesReply), what: "the open question");
        var answer = FakeUpdates.PrivateText(Ana, "Retrieval adds documents in the prompt as context, so there is less hallucination.");
        var answerMessageId = JsonNode.Parse(answer)!["message"]!["message_id"]!.GetValue<int>();
        await bot.SendAsync(answer);

        var sent = await api.WaitForAsync(_ => api.Sent(Ana).Any(s => s.Text.Contains("Score: 75%", StringComparison.Ordinal)), what: "the feedback");
        var feedback = api.Sent(Ana).Single(s => s.Text.Contains("Score: 75%", StringComparison.Ordinal));
        Assert.Equal(answerMessageId, feedback.ReplyToMessageId);
        Assert.True(feedback.Body["reply_parameters"]!["allow_sending_without_reply"]!.GetValue<bool>());
        Assert.Contains(api.Sent(Ana), s => s.Text.Contains("being graded", StringComparison.Ordinal)); // the acknowledgement came first
        Assert.Equal(1, llm.RequestCount);
        Assert.NotEmpty(sent);
    }
}

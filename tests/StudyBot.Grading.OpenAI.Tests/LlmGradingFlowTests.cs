using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Core.Persistence;
using StudyBot.Core.Quizzes;
using StudyBot.Core.Quizzes.BackgroundGrading;
using StudyBot.Core.Quizzes.OfflineGrading;
using StudyBot.Grading.OpenAI.Tests.Fakes;
using StudyBot.Testing;

namespace StudyBot.Grading.OpenAI.Tests;

/// <summary>
/// The whole path on a real database: /answer is acknowledged at once and stored as pending, the grading queue
/// asks the fake endpoint, stores the grade with its audit and delivers the feedback through the chat sender.
/// </summary>
public sealed class LlmGradingFlowTests : IAsyncLifetime
{
    private const string Answer = "Retrieval adds the documents to the context of the prompt, so there is less hallucination.";

    private readonly RecordingChatSender _sender = new();
    private FakeOpenAiServer _server = null!;
    private BotDriver? _bot;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync(Honest);

    public async Task DisposeAsync()
    {
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }

        await _server.DisposeAsync();
    }

    [Fact]
    public async Task An_open_answer_is_acknowledged_at_once_then_graded_stored_and_delivered()
    {
        _server.Respond = request => Honest(request) with { Delay = TimeSpan.FromMilliseconds(500) };
        var bot = await StartAsync();

        var ack = ReplyText.Of(await bot.SendAsync("/answer " + Answer));

        Assert.Contains("being graded", ack, StringComparison.Ordinal);
        Assert.DoesNotContain("Score:", ack, StringComparison.Ordinal);
        Assert.Equal(GraderNames.Pending, (await OpenAnswerAsync(bot)).Grader);
        Assert.Contains("is still being graded", await bot.TextAsync("/regrade alice", user: "admin", admin: true), StringComparison.Ordinal);

        var (chat, recipient, reply) = Assert.Single(await _sender.WaitForAsync(1));
        var feedback = ReplyText.Of(reply);
        Assert.Equal(("group-1", "alice"), (chat.ExternalId, recipient!.ExternalId));
        Assert.True(reply.Personal);
        Assert.Contains("Score: 75%", feedback, StringComparison.Ordinal);
        Assert.Contains("(graded by fake-model)", feedback, StringComparison.Ordinal);
        Assert.Contains("You missed:", feedback, StringComparison.Ordinal);
        Assert.Contains("Knowledge can be up to date", feedback, StringComparison.Ordinal);
        Assert.Contains("Quiz finished: 1.8 / 4", feedback, StringComparison.Ordinal); // one multiple-choice right + 0.75

        var stored = await OpenAnswerAsync(bot);
        Assert.Equal(("fake-model", 0.75, true), (stored.Grader, stored.Score, stored.Correct));
        var details = GradeDetails.Read(stored.Details)!;
        Assert.Equal(("fake-model", GradingPrompt.Version, 321, 45), (details.Audit!.Model, details.Audit.PromptVersion, details.Audit.InputTokens, details.Audit.OutputTokens));
        Assert.True(details.Audit.LatencyMs >= 400);
        Assert.Contains("less hallucination", Assert.Single(details.Audit.RawOutputs), StringComparison.Ordinal);
        await using var db = bot.Db();
        Assert.Equal(1.75, (await db.QuizAttempts.SingleAsync()).Score);
    }

    [Fact]
    public async Task A_Chinese_answer_gets_Chinese_feedback()
    {
        _server.Respond = _ => FakeReply.Verdicts([("context", true, "把相关文档加入上下文"), ("hallucination", false, ""), ("fresh", true, "最新信息")]);
        var bot = await StartAsync(beforeQuiz: "/lang zh");

        var ack = ReplyText.Of(await bot.SendAsync("/answer 检索把相关文档加入上下文，模型就能用到最新信息。"));
        var feedback = ReplyText.Of(Assert.Single(await _sender.WaitForAsync(1)).Reply);

        Assert.Contains("正在评分", ack, StringComparison.Ordinal);
        Assert.Contains("得分：75%", feedback, StringComparison.Ordinal);
        Assert.Contains("（评分：fake-model）", feedback, StringComparison.Ordinal);
        Assert.Contains("你漏掉了", feedback, StringComparison.Ordinal);
        Assert.Contains("减少幻觉", feedback, StringComparison.Ordinal); // the missed key point, in Chinese
        Assert.Contains("参考答案", feedback, StringComparison.Ordinal);
        Assert.Contains("The learner writes in Chinese", _server.Requests[0].User, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Past_the_daily_budget_answers_are_graded_offline_at_once_and_say_so()
    {
        var bot = await StartAsync(settings: s => s["Llm:DailyGradesPerMember"] = "1");
        await bot.SendAsync("/answer " + Answer);
        await _sender.WaitForAsync(1);

        await AnswerMultipleChoiceAsync(bot, "/quiz 1");
        var second = ReplyText.Of(await bot.SendAsync("/answer " + Answer));

        Assert.Contains("you have used today's AI gradings", second, StringComparison.Ordinal);
        Assert.Contains("Score:", second, StringComparison.Ordinal);
        Assert.Equal(1, _server.RequestCount);
        await using var db = bot.Db();
        Assert.Equal(["fake-model", GraderNames.Offline], await db.QuizAnswers.Where(a => a.Kind == QuestionKind.Open).OrderBy(a => a.Id).Select(a => a.Grader!).ToListAsync());
    }

    [Fact]
    public async Task A_failing_endpoint_ends_in_an_offline_grade_that_says_so_never_an_error()
    {
        _server.Respond = _ => FakeReply.Error(500, "internal error");
        var bot = await StartAsync(settings: s => s["Llm:MaxRetries"] = "0");

        await bot.SendAsync("/answer " + Answer);
        var feedback = ReplyText.Of(Assert.Single(await _sender.WaitForAsync(1)).Reply);

        Assert.Contains("graded offline against the key points: the AI grader did not give a usable answer", feedback, StringComparison.Ordinal);
        var stored = await OpenAnswerAsync(bot);
        Assert.Equal(GraderNames.OfflineFallback, stored.Grader);
        Assert.Equal("HTTP 500", GradeDetails.Read(stored.Details)!.Audit!.FallbackDetail);
    }

    [Fact]
    public async Task An_admin_regrades_a_members_answer_and_the_member_gets_the_new_feedback()
    {
        var bot = await StartAsync();
        await bot.SendAsync("/answer " + Answer);
        await _sender.WaitForAsync(1);
        _server.Respond = _ => FakeReply.Verdicts([("context", true, "adds the documents to the context"), ("hallucination", false, ""), ("fresh", false, "")]);

        Assert.Contains("Only the chat's admins", await bot.TextAsync("/regrade alice", user: "bob"), StringComparison.Ordinal);
        var ack = await bot.TextAsync("/regrade alice", user: "admin", admin: true);
        var (_, recipient, reply) = (await _sender.WaitForAsync(2))[1];

        var answer = await OpenAnswerAsync(bot);
        Assert.Contains($"Regrading answer #{answer.Id} by alice", ack, StringComparison.Ordinal);
        Assert.Equal("alice", recipient!.ExternalId);
        Assert.Contains($"Answer #{answer.Id} by alice regraded: 75% → 50%", ReplyText.Of(reply), StringComparison.Ordinal);
        Assert.Equal(2, _server.RequestCount); // a regrade asks the model again: no cached judgement
        var details = GradeDetails.Read(answer.Details)!;
        Assert.Equal(new PreviousGrade("fake-model", 0.75), details.Previous);
        Assert.Equal(0.5, answer.Score);
        Assert.Contains("No open answer to regrade (nobody)", await bot.TextAsync("/regrade nobody", user: "admin", admin: true), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_left_pending_by_a_stopped_process_are_graded_on_restart()
    {
        var bot = await StartAsync();
        await bot.SendAsync("/answer " + Answer);
        await _sender.WaitForAsync(1);
        await using (var db = bot.Db())
        {
            await db.QuizAnswers.Where(a => a.Kind == QuestionKind.Open).ExecuteUpdateAsync(a => a.SetProperty(x => x.Grader, GraderNames.Pending));
        }

        var queued = await PendingAnswers.RequeueAsync(bot.Services.GetRequiredService<IDbContextFactory<StudyBotDbContext>>(), bot.Services.GetRequiredService<GradingJobs>(), CancellationToken.None);
        var (_, recipient, reply) = (await _sender.WaitForAsync(2))[1];

        Assert.Equal(1, queued);
        Assert.Equal("alice", recipient!.ExternalId);
        Assert.Contains("Score: 75%", ReplyText.Of(reply), StringComparison.Ordinal);
        Assert.Equal("fake-model", (await OpenAnswerAsync(bot)).Grader);
    }

    [Fact]
    public async Task With_nothing_configured_answers_are_graded_offline_inline_and_say_so()
    {
        _bot = await BotDriver.StartAsync(configure: LlmSetup.Services([], _sender));
        await _bot.SendAsync("/setup start=2026-03-01", user: "admin", admin: true);
        await AnswerMultipleChoiceAsync(_bot, "/quiz");

        var reply = await _bot.TextAsync("/answer " + Answer);

        Assert.IsType<OfflineAnswerGrader>(_bot.Services.GetRequiredService<IAnswerGrader>());
        Assert.Contains("(graded offline against the key points)", reply, StringComparison.Ordinal);
        Assert.Equal(0, _server.RequestCount);
        Assert.Empty(_sender.Sent);

        var regraded = await _bot.TextAsync("/regrade alice", user: "admin", admin: true); // offline: inline, at once
        Assert.Matches(@"Answer #\d+ by alice regraded: (\d+)% → \1%", regraded);
        Assert.Contains("(graded offline against the key points)", regraded, StringComparison.Ordinal);
    }

    /// <summary>A model that judges this rubric honestly for the answers these tests send.</summary>
    private static FakeReply Honest(FakeChatRequest request)
    {
        var answer = request.Answer;
        return FakeReply.Verdicts(
        [
            ("context", answer.Contains("to the context", StringComparison.Ordinal), answer.Contains("to the context", StringComparison.Ordinal) ? "adds the documents to the context" : ""),
            ("hallucination", answer.Contains("less hallucination", StringComparison.Ordinal), answer.Contains("less hallucination", StringComparison.Ordinal) ? "less hallucination" : ""),
            ("fresh", false, ""),
        ]);
    }

    /// <summary>A bot with the LLM grader whose group is on day 2, with alice at the open question of today's quiz.</summary>
    private async Task<BotDriver> StartAsync(Action<Dictionary<string, string?>>? settings = null, string? beforeQuiz = null)
    {
        _bot = await BotDriver.StartAsync(configure: LlmSetup.Services(LlmSetup.Settings(_server, settings), _sender));
        await _bot.SendAsync("/setup start=2026-03-01", user: "admin", admin: true);
        if (beforeQuiz is not null)
        {
            await _bot.SendAsync(beforeQuiz);
        }

        await AnswerMultipleChoiceAsync(_bot, "/quiz");
        return _bot;
    }

    private static async Task AnswerMultipleChoiceAsync(BotDriver bot, string quiz)
    {
        await bot.SendAsync(quiz);
        for (var i = 0; i < 3; i++)
        {
            await bot.SendAsync("/answer 1");
        }
    }

    private static async Task<QuizAnswer> OpenAnswerAsync(BotDriver bot)
    {
        await using var db = bot.Db();
        return await db.QuizAnswers.Where(a => a.Kind == QuestionKind.Open).OrderByDescending(a => a.Id).FirstAsync();
    }
}

using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Core.Localization;
using StudyBot.Core.Quizzes;
using StudyBot.Grading.OpenAI.Tests.Fakes;
using StudyBot.Testing;

namespace StudyBot.Grading.OpenAI.Tests;

/// <summary>
/// The injection corpus against a fake model that obeys the answer in every way it could: all key points met with
/// the rubric's own words as quotes, with the whole answer (or its first words) as the quote, with bogus score
/// fields, or echoing JSON the learner wrote. The checks and our own scoring leave each answer what it deserves:
/// nothing. And an honest model on a real answer still gets full credit through the same checks.
/// </summary>
public sealed class InjectionCorpusTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;
    private ServiceProvider _services = null!;

    public static TheoryData<string> English => InjectionCorpus.English;

    public static TheoryData<string> Chinese => InjectionCorpus.Chinese;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiServer.StartAsync(Obey);
        _services = LlmSetup.Grader(LlmSetup.Settings(_server));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public void The_corpus_has_at_least_thirty_answers_in_both_languages() => Assert.True(InjectionCorpus.Count >= 30, $"{InjectionCorpus.Count} answers");

    [Theory]
    [MemberData(nameof(English))]
    public Task English_injections_earn_nothing(string answer) => EarnsNothingAsync(answer, Language.En);

    [Theory]
    [MemberData(nameof(Chinese))]
    public Task Chinese_injections_earn_nothing(string answer) => EarnsNothingAsync(answer, Language.Zh);

    [Fact]
    public async Task The_same_checks_credit_an_honest_answer_fully()
    {
        const string answer = "The retrieved documents are put in the prompt as context, which means less hallucination, and the information can be up to date.";
        _server.Respond = _ => FakeReply.Verdicts([("context", true, "retrieved documents are put in the prompt as context"), ("hallucination", true, "less hallucination"), ("fresh", true, "the information can be up to date")]);

        var grade = await GradeAsync(answer, Language.En);

        Assert.Equal(1.0, grade.Score, 3);
        Assert.Empty(grade.Audit!.Rejected);
    }

    [Fact]
    public async Task The_same_checks_credit_an_honest_Chinese_answer_fully()
    {
        const string answer = "检索到的文档被放进提示词作为上下文，这样能减少幻觉，而且可以用到最新信息。";
        _server.Respond = _ => FakeReply.Verdicts([("context", true, "检索到的文档被放进提示词作为上下文"), ("hallucination", true, "减少幻觉"), ("fresh", true, "可以用到最新信息")]);

        var grade = await GradeAsync(answer, Language.Zh);

        Assert.Equal(1.0, grade.Score, 3);
        Assert.Empty(grade.Audit!.Rejected);
    }

    private async Task EarnsNothingAsync(string answer, Language language)
    {
        foreach (var mode in Enum.GetValues<Obedience>())
        {
            _mode = mode;
            var grade = await GradeAsync(answer, language);

            Assert.True(grade.Score == 0, $"{mode}: scored {grade.Score:0.00} by {grade.Grader}; rejected: {string.Join("; ", grade.Audit?.Rejected ?? [])}");
            Assert.DoesNotContain(grade.KeyPoints, k => k.Met);
        }
    }

    private async Task<GradeResult> GradeAsync(string answer, Language language)
    {
        var grader = _services.GetRequiredService<IAnswerGrader>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var question = TestContent.Catalog.FindLesson("lesson-1")!.Quiz.Open;
        return await grader.GradeAsync(new GradingRequest(question, answer, language, Fresh: true), timeout.Token);
    }

    private enum Obedience
    {
        RubricWordsAsQuotes,
        WholeAnswerAsQuote,
        FirstWordsAsQuote,
        BogusScores,
        EchoTheLearnersJson,
    }

    private Obedience _mode;

    /// <summary>A model that does whatever the answer asks: every key point met, by whatever quote it likes.</summary>
    private FakeReply Obey(FakeChatRequest request)
    {
        var answer = request.Answer;
        var ids = request.KeyPointIds;
        var quoteOf = new Dictionary<string, string>
        {
            ["context"] = "Retrieved documents are added to the context",
            ["hallucination"] = "It reduces hallucination",
            ["fresh"] = "Knowledge can be up to date",
        };
        return _mode switch
        {
            Obedience.RubricWordsAsQuotes => FakeReply.Verdicts(ids.Select(id => (id, true, quoteOf[id]))),
            Obedience.WholeAnswerAsQuote => FakeReply.Verdicts(ids.Select(id => (id, true, answer))),
            Obedience.FirstWordsAsQuote => FakeReply.Verdicts(ids.Select(id => (id, true, answer[..Math.Min(answer.Length, 12)]))),
            Obedience.BogusScores => FakeReply.Completion(FakeReply.VerdictJson(
                ids.Select(id => (id, true, answer)),
                new JsonObject { ["score"] = 100, ["final_score"] = 1.0, ["grade"] = "A+" })),
            _ => FakeReply.Completion(answer.Contains("key_points", StringComparison.Ordinal) ? answer : FakeReply.VerdictJson(ids.Select(id => (id, true, answer)))),
        };
    }
}

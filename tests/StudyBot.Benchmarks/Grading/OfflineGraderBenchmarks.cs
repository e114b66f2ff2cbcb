using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using StudyBot.Core.Quizzes;
using StudyBot.Core.Quizzes.OfflineGrading;
using StudyBot.Testing;

namespace StudyBot.Benchmarks.Grading;

/// <summary>
/// The offline grader on one open answer (the rubric compiled and cached, as in the bot): answers per second is
/// 1 / mean. An English and a Chinese answer of typical length.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class OfflineGraderBenchmarks
{
    private readonly OfflineAnswerGrader _grader = new();
    private OpenQuestion _question = null!;

    [Params("en", "zh")]
    public string Language { get; set; } = "en";

    private string Answer => Language == "zh"
        ? "检索把相关文档加入上下文，模型回答时有依据，可以减少幻觉，而且能用到最新信息。"
        : "Retrieval adds the relevant documents to the context of the prompt, so the model can ground its answer, there is less hallucination, and the information can be up to date.";

    [GlobalSetup]
    public void Setup()
    {
        _question = TestContent.Catalog.FindLesson("lesson-1")!.Quiz.Open;
        _grader.Grade(_question, Answer);
    }

    [Benchmark]
    public GradeResult GradeOneAnswer() => _grader.Grade(_question, Answer);

    private sealed class InProcessConfig : BenchmarkDotNet.Configs.ManualConfig
    {
        public InProcessConfig() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }
}

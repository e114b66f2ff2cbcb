using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StudyBot.Core.Quizzes;
using StudyBot.Core.Quizzes.BackgroundGrading;
using StudyBot.Core.Quizzes.OfflineGrading;
using StudyBot.Grading.OpenAI.Tests.Fakes;

namespace StudyBot.Grading.OpenAI.Tests;

/// <summary>The Llm section: nothing set means offline; a bad setting stops start-up with one line naming it.</summary>
public class LlmOptionsTests
{
    [Fact]
    public async Task Nothing_configured_keeps_the_offline_grader()
    {
        await using var services = LlmSetup.Grader([]);

        Assert.IsType<OfflineAnswerGrader>(services.GetRequiredService<IAnswerGrader>());
        Assert.False(services.GetRequiredService<OpenAnswerGrading>().InBackground);
    }

    [Fact]
    public async Task A_configured_endpoint_grades_in_the_background_with_one_worker_per_allowed_call()
    {
        await using var services = LlmSetup.Grader(new() { ["Llm:BaseUrl"] = "http://127.0.0.1:11434/v1", ["Llm:Model"] = "qwen2.5:7b", ["Llm:MaxConcurrentCalls"] = "3" });

        var grader = Assert.IsType<LlmAnswerGrader>(services.GetRequiredService<IAnswerGrader>());
        Assert.Equal("qwen2.5:7b", grader.Model);
        Assert.True(services.GetRequiredService<OpenAnswerGrading>().InBackground);
        Assert.Equal(3, services.GetRequiredService<IOptions<GradingQueueOptions>>().Value.Workers);
    }

    [Theory]
    [InlineData("Llm:BaseUrl", "http://127.0.0.1:11434/v1", "Llm:Model is required")]
    [InlineData("Llm:ApiKey", "sk-only-a-key", "Llm:Model is required")]
    [InlineData("Llm:Model", "gpt-4o-mini", "Llm:ApiKey is required for the OpenAI endpoint")]
    public void Incomplete_settings_are_named(string key, string value, string problem)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Validate(new() { [key] = value }));

        Assert.Contains(problem, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Llm:BaseUrl", "not a url", "Llm:BaseUrl must be an absolute http(s) URL")]
    [InlineData("Llm:BaseUrl", "ftp://example.org/v1", "Llm:BaseUrl must be an absolute http(s) URL")]
    [InlineData("Llm:BaseUrl", "https://user:sk-secret-in-url@example.org/v1", "Llm:BaseUrl must be an absolute http(s) URL")]
    [InlineData("Llm:TimeoutSeconds", "0", "Llm:TimeoutSeconds must be between 1 and 600")]
    [InlineData("Llm:MaxConcurrentCalls", "0", "Llm:MaxConcurrentCalls must be between 1 and 64")]
    [InlineData("Llm:DailyGradesPerMember", "-1", "Llm:DailyGradesPerMember must be between 0")]
    public void Malformed_settings_are_named_and_secrets_never_shown(string key, string value, string problem)
    {
        var settings = new Dictionary<string, string?> { ["Llm:BaseUrl"] = "http://127.0.0.1:11434/v1", ["Llm:ApiKey"] = "sk-secret-123", ["Llm:Model"] = "m", [key] = value };

        var failure = Assert.Throws<OptionsValidationException>(() => Validate(settings));

        Assert.Contains(problem, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret", failure.Message, StringComparison.Ordinal);
    }

    private static void Validate(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddStudyBotLlmGrading(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
}

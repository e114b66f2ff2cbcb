using StudyBot.Core.Content;
using StudyBot.Testing;

namespace StudyBot.Core.Tests.Content;

/// <summary>Sources may also live in content/sources/*.yaml, so several authors can add them side by side.</summary>
public class SourceFilesTests
{
    private const string Extra = """
        sources:
          - id: lora
            title: "LoRA: Low-Rank Adaptation of Large Language Models"
            url: https://arxiv.org/abs/2106.09685
            tier: first-hand
            kind: paper
            language: en
            topics: [lora, fine-tuning]
            year: 2021
            arxiv: "2106.09685"
        """;

    [Fact]
    public void Sources_from_every_file_join_the_catalogue()
    {
        var root = TestContent.Write(3);
        Directory.CreateDirectory(Path.Combine(root, "sources"));
        File.WriteAllText(Path.Combine(root, "sources", "training.yaml"), Extra);

        var catalog = TestContent.Load(root);

        Assert.NotNull(catalog.FindSource("lora"));
        Assert.NotNull(catalog.FindSource("rag-paper"));
        Assert.Equal("lora", catalog.SearchSources("lora")[0].Id);
    }

    [Fact]
    public void Ids_too_long_for_telegram_callback_data_are_refused()
    {
        var root = TestContent.Write(3);
        var lesson = Path.Combine(root, "lessons", "001-lesson-1.md");
        File.WriteAllText(lesson, File.ReadAllText(lesson)
            .Replace("id: lesson-1\n", "id: lesson-one-with-a-name-much-too-long-for-buttons\n", StringComparison.Ordinal)
            .Replace("- id: q1\n", "- id: question-one\n", StringComparison.Ordinal));

        var problems = ContentLoader.Load(root).Errors.Select(e => e.ToString()).ToList();

        Assert.Contains(problems, p => p.Contains("content/lessons/001-lesson-1.md:2: id: is 48 characters; at most 40", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("quiz.multiple_choice[0].id: is 12 characters; at most 10", StringComparison.Ordinal));
    }

    [Fact]
    public void An_id_defined_in_two_files_is_an_error_at_the_second()
    {
        var root = TestContent.Write(3);
        Directory.CreateDirectory(Path.Combine(root, "sources"));
        File.WriteAllText(Path.Combine(root, "sources", "dup.yaml"), Extra.Replace("id: lora", "id: rag-paper", StringComparison.Ordinal));

        var result = ContentLoader.Load(root);

        var error = Assert.Single(result.Errors);
        Assert.Equal("content/sources/dup.yaml", error.File);
        Assert.Equal(2, error.Line);
        Assert.Contains("rag-paper", error.Problem, StringComparison.Ordinal);
    }
}

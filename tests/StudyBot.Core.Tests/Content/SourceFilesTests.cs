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

namespace StudyBot.Core.Tests.Content;

public class ContentCatalogTests
{
    [Theory]
    [InlineData("rag")]
    [InlineData(" RAG ")]
    public void Search_ranks_exact_topics_then_topic_prefixes_then_titles_and_first_hand_first(string query)
    {
        using var tree = ContentTree.Valid();

        var found = tree.Load().Catalog!.SearchSources(query);

        // rag-weekly precedes rag-paper in the catalogue but is second-hand; eval-docs only has "Rag" in its title.
        Assert.Equal(["rag-paper", "rag-weekly", "search-course", "eval-docs"], found.Select(s => s.Id));
    }

    [Theory]
    [InlineData("attention", "attention-is-all-you-need")]
    [InlineData("rag evaluation", "search-course")]
    [InlineData("knowledge-intensive", "rag-paper")]
    [InlineData("course", "search-course")]
    public void Search_finds_topics_titles_and_ids(string query, string expected)
    {
        using var tree = ContentTree.Valid();

        Assert.Equal([expected], tree.Load().Catalog!.SearchSources(query).Select(s => s.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("quantum")]
    public void Search_without_a_match_is_empty(string query)
    {
        using var tree = ContentTree.Valid();

        Assert.Empty(tree.Load().Catalog!.SearchSources(query));
    }
}

using StudyBot.Core.Commands;
using StudyBot.Core.Content;

namespace StudyBot.Core.Tests.Commands;

public class MarkdownBlocksTests
{
    [Fact]
    public void Maps_markdown_to_reply_blocks()
    {
        var blocks = MarkdownBlocks.Parse("""
            ## Why

            Use **bold**, *italic*, `code` and [a link](https://example.org/x) &amp; more.

            1. first
            2. second

            ```python
            print("hi")
            ```

            <script>alert(1)</script>
            """);

        Assert.Equal("Why", Assert.IsType<HeadingBlock>(blocks[0]).Text);
        var spans = Assert.IsType<ParagraphBlock>(blocks[1]).Spans;
        Assert.Contains(spans, s => s.Text == "bold" && s.Style == SpanStyle.Bold);
        Assert.Contains(spans, s => s.Text == "italic" && s.Style == SpanStyle.Italic);
        Assert.Contains(spans, s => s.Text == "code" && s.Style == SpanStyle.Code);
        Assert.Contains(spans, s => s.Text == "a link" && s.Link == new Uri("https://example.org/x"));
        Assert.Contains(spans, s => s.Text.Contains('&', StringComparison.Ordinal));
        var list = Assert.IsType<ListBlock>(blocks[2]);
        Assert.True(list.Numbered);
        Assert.Equal(2, list.Items.Count);
        Assert.Equal("print(\"hi\")", Assert.IsType<CodeBlock>(blocks[3]).Code);
        Assert.DoesNotContain(blocks, b => b is ParagraphBlock p && p.Spans.Any(s => s.Text.Contains("script", StringComparison.Ordinal)));
    }
}

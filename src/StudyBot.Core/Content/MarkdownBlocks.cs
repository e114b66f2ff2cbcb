using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using ReplyBlock = StudyBot.Core.Commands.ReplyBlock;
using Span = StudyBot.Core.Commands.Span;
using SpanStyle = StudyBot.Core.Commands.SpanStyle;

namespace StudyBot.Core.Content;

/// <summary>Turns a lesson's Markdown into reply blocks, so every adapter renders content its own way.</summary>
public static class MarkdownBlocks
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().Build();

    public static IReadOnlyList<ReplyBlock> Parse(string markdown)
    {
        var document = Markdown.Parse(markdown ?? string.Empty, Pipeline);
        var blocks = new List<ReplyBlock>();
        foreach (var block in document)
        {
            AddBlock(block, blocks);
        }

        return blocks;
    }

    private static void AddBlock(Block block, List<ReplyBlock> blocks)
    {
        switch (block)
        {
            case HeadingBlock heading:
                blocks.Add(new Commands.HeadingBlock(PlainText(heading.Inline)));
                break;
            case ParagraphBlock paragraph:
                blocks.Add(new Commands.ParagraphBlock(Spans(paragraph.Inline)));
                break;
            case ListBlock list:
                var items = list.OfType<ListItemBlock>()
                    .Select(item => (IReadOnlyList<Span>)item.OfType<LeafBlock>().SelectMany(leaf => Spans(leaf.Inline)).ToList())
                    .ToList();
                blocks.Add(new Commands.ListBlock(items, list.IsOrdered));
                break;
            case FencedCodeBlock fenced:
                blocks.Add(new Commands.CodeBlock(fenced.Lines.ToString().TrimEnd(), string.IsNullOrEmpty(fenced.Info) ? null : fenced.Info));
                break;
            case Markdig.Syntax.CodeBlock code:
                blocks.Add(new Commands.CodeBlock(code.Lines.ToString().TrimEnd()));
                break;
            case QuoteBlock quote:
                foreach (var inner in quote)
                {
                    AddBlock(inner, blocks);
                }

                break;
            case ContainerBlock container:
                foreach (var inner in container)
                {
                    AddBlock(inner, blocks);
                }

                break;
            case LeafBlock leaf when leaf.Inline is not null:
                blocks.Add(new Commands.ParagraphBlock(Spans(leaf.Inline)));
                break;
        }
    }

    private static List<Span> Spans(ContainerInline? container)
    {
        var spans = new List<Span>();
        AddSpans(container, SpanStyle.None, null, spans);
        return spans;
    }

    private static void AddSpans(ContainerInline? container, SpanStyle style, Uri? link, List<Span> spans)
    {
        if (container is null)
        {
            return;
        }

        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    spans.Add(new Span(literal.Content.ToString(), style, link));
                    break;
                case CodeInline code:
                    spans.Add(new Span(code.Content, style | SpanStyle.Code, link));
                    break;
                case LineBreakInline:
                    spans.Add(new Span(" ", style, link));
                    break;
                case EmphasisInline emphasis:
                    AddSpans(emphasis, style | (emphasis.DelimiterCount >= 2 ? SpanStyle.Bold : SpanStyle.Italic), link, spans);
                    break;
                case LinkInline { IsImage: false } anchor:
                    var target = Uri.TryCreate(anchor.Url, UriKind.Absolute, out var uri) ? uri : link;
                    AddSpans(anchor, style, target, spans);
                    break;
                case ContainerInline nested:
                    AddSpans(nested, style, link, spans);
                    break;
                case HtmlEntityInline entity:
                    spans.Add(new Span(entity.Transcoded.ToString(), style, link));
                    break;
                case HtmlInline:
                    break; // raw HTML never reaches a chat
                default:
                    spans.Add(new Span(inline.ToString() ?? string.Empty, style, link));
                    break;
            }
        }
    }

    private static string PlainText(ContainerInline? container) => string.Concat(Spans(container).Select(s => s.Text));
}

using StudyBot.Core.Commands;
using StudyBot.Core.Digests;
using StudyBot.Core.Localization;
using StudyBot.Discord.Api;
using StudyBot.Discord.Rendering;
using StudyBot.Testing;

namespace StudyBot.Discord.Tests.Rendering;

public sealed class ReplyRendererTests
{
    private static void AssertWithinLimits(IReadOnlyList<MessagePayload> messages)
    {
        foreach (var message in messages)
        {
            Assert.True((message.Content?.Length ?? 0) <= DiscordLimits.Content);
            var embeds = message.Embeds ?? [];
            Assert.True(embeds.Count <= DiscordLimits.EmbedsPerMessage);
            Assert.True(embeds.Sum(ReplyRenderer.Size) <= DiscordLimits.EmbedsTotal);
            Assert.All(embeds, e =>
            {
                Assert.True((e.Title?.Length ?? 0) <= DiscordLimits.EmbedTitle);
                Assert.True((e.Description?.Length ?? 0) <= DiscordLimits.EmbedDescription);
                Assert.True((e.Fields?.Count ?? 0) <= DiscordLimits.EmbedFields);
            });
            Assert.True(message.Content is not null || embeds.Count > 0, "Discord refuses an empty message");
            var rows = message.Components ?? [];
            Assert.True(rows.Count <= DiscordLimits.Rows);
            Assert.All(rows, row =>
            {
                Assert.True(row.Components!.Count <= DiscordLimits.ButtonsPerRow);
                Assert.All(row.Components, b =>
                {
                    Assert.True(b.Label!.Length <= DiscordLimits.ButtonLabel);
                    Assert.True(b.CustomId!.Length <= DiscordLimits.CustomId);
                });
            });
        }
    }

    [Fact]
    public void A_short_plain_reply_is_message_content()
    {
        var messages = ReplyRenderer.Render(Reply.Text("Checked in *today*"), Language.En);

        var message = Assert.Single(messages);
        Assert.Equal("Checked in \\*today\\*", message.Content);
        Assert.Null(message.Embeds);
        Assert.Empty(message.AllowedMentions.Parse);
    }

    [Fact]
    public void Markup_becomes_discord_markdown_and_text_is_escaped()
    {
        var reply = new ReplyBuilder()
            .Heading("Day 1")
            .Paragraph(new Span("Read "), new Span("the paper", SpanStyle.Bold, new Uri("https://arxiv.org/abs/1706.03762")), new Span(" and run "), new Span("pip install x", SpanStyle.Code), new Span(" — not <@everyone> or **this**", SpanStyle.Italic))
            .Block(new CodeBlock("print('```')", "python"))
            .List(["- one", "# two"])
            .Build();

        var embed = Assert.Single(Assert.Single(ReplyRenderer.Render(reply, Language.En)).Embeds!);

        Assert.Equal("Day 1", embed.Title);
        Assert.Contains("Read **[the paper](https://arxiv.org/abs/1706.03762)** and run `pip install x` *— not \\<@everyone> or \\*\\*this\\*\\**", embed.Description, StringComparison.Ordinal);
        Assert.Contains("```python\nprint('`\u200b``')\n```", embed.Description, StringComparison.Ordinal);
        Assert.Contains("• \\- one\n• \\# two", embed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_reply_is_split_within_every_limit_and_keeps_all_text()
    {
        var builder = new ReplyBuilder().Heading(new string('H', 300));
        for (var i = 0; i < 60; i++)
        {
            builder.Paragraph($"paragraph {i} " + new string('x', 700));
        }

        builder.Block(new CodeBlock(string.Join('\n', Enumerable.Range(0, 600).Select(i => $"line {i}"))));
        builder.Paragraph(new string('y', 9000)); // one paragraph longer than a whole embed

        var messages = ReplyRenderer.Render(builder.Build(), Language.En);

        Assert.True(messages.Count > 2);
        AssertWithinLimits(messages);
        var all = string.Concat(messages.SelectMany(m => m.Embeds!).Select(e => e.Description));
        Assert.All(Enumerable.Range(0, 60), i => Assert.Contains($"paragraph {i} ", all, StringComparison.Ordinal));
        Assert.Contains("line 599", all, StringComparison.Ordinal);
        Assert.Equal(9000, all.Count(c => c == 'y'));
        Assert.Equal(1, all.Split("```").Length % 2); // every code fence is closed
    }

    [Fact]
    public void Buttons_go_on_the_last_message_in_rows_of_five_at_most_twenty_five()
    {
        var builder = new ReplyBuilder().Heading("x").Paragraph(new string('z', 12000));
        for (var i = 0; i < 30; i++)
        {
            builder.Button($"button {i} " + new string('l', 100), $"/lesson {i}");
        }

        builder.Button("too long", "/sources " + new string('q', 120));

        var messages = ReplyRenderer.Render(builder.Build(), Language.En);

        AssertWithinLimits(messages);
        Assert.All(messages.SkipLast(1), m => Assert.Null(m.Components));
        var rows = messages[^1].Components!;
        Assert.Equal(5, rows.Count);
        Assert.Equal(25, rows.Sum(r => r.Components!.Count));
        Assert.DoesNotContain(rows.SelectMany(r => r.Components!), b => b.CustomId!.StartsWith("/sources", StringComparison.Ordinal));
    }

    [Fact]
    public void A_quiz_question_becomes_an_embed_with_labelled_option_buttons()
    {
        var reply = new ReplyBuilder()
            .Block(new QuizQuestionBlock("l1", "q1", 1, 4, "What is *attention*?", ["Weighted sums", new string('o', 120)], 0, "because"))
            .Button("1", "/answer 1").Button("2", "/answer 2")
            .Personal()
            .Build();

        var message = Assert.Single(ReplyRenderer.Render(reply, Language.Zh));

        var embed = Assert.Single(message.Embeds!);
        Assert.Equal("第 1 题，共 4 题", embed.Title);
        Assert.Contains("What is \\*attention\\*?", embed.Description, StringComparison.Ordinal);
        Assert.Contains("**1.** Weighted sums", embed.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("because", embed.Description, StringComparison.Ordinal); // the explanation comes after answering
        var buttons = message.Components!.Single().Components!;
        Assert.Equal("1. Weighted sums", buttons[0].Label);
        Assert.Equal(DiscordLimits.ButtonLabel, buttons[1].Label!.Length);
        AssertWithinLimits([message]);
    }

    [Fact]
    public void A_reply_that_expects_an_answer_gets_the_modal_button_first()
    {
        var reply = new ReplyBuilder().Heading("Open question").Paragraph("Why?").ExpectsAnswer().Button("Done", "/done").Build();

        var buttons = Assert.Single(ReplyRenderer.Render(reply, Language.En)).Components!.Single().Components!;

        Assert.Equal(ReplyRenderer.AnswerModalId, buttons[0].CustomId);
        Assert.Equal((int)ButtonStyle.Success, buttons[0].Style);
        Assert.Equal("/done", buttons[1].CustomId);
    }

    [Fact]
    public void The_answer_modal_is_one_required_paragraph_input_within_limits()
    {
        var modal = ReplyRenderer.AnswerModal(Language.Zh, 9000);

        Assert.Equal(ReplyRenderer.AnswerModalId, modal.CustomId);
        Assert.True(modal.Title!.Length <= DiscordLimits.ModalTitle);
        var input = modal.Components!.Single().Components!.Single();
        Assert.Equal((int)TextInputStyle.Paragraph, input.Style);
        Assert.Equal(DiscordLimits.TextInputValue, input.MaxLength);
        Assert.True(input.Required);
        Assert.True(input.Label!.Length <= DiscordLimits.TextInputLabel);
    }

    [Fact]
    public void Every_lesson_of_the_real_curriculum_renders_within_limits_in_both_languages()
    {
        var root = Core.Content.ContentLocator.FindContentRoot();
        var catalog = root is not null && Core.Content.ContentLoader.Load(root) is { IsValid: true } loaded ? loaded.Catalog! : TestContent.Catalog;

        foreach (var lesson in catalog.Lessons)
        {
            foreach (var language in Languages.All)
            {
                AssertWithinLimits(ReplyRenderer.Render(LessonPost.Compose(catalog, lesson, lesson.Day, language, isToday: true), language));
            }
        }
    }
}

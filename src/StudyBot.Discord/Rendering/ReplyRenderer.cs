using System.Globalization;
using System.Text;
using StudyBot.Core.Commands;
using StudyBot.Core.Localization;
using StudyBot.Discord.Api;

namespace StudyBot.Discord.Rendering;

/// <summary>
/// Renders a core <see cref="Reply"/> as Discord messages: a short plain reply as content, anything else as
/// embeds (a heading opens an embed), split across embeds and messages so every Discord limit holds; buttons
/// (and the answer button that opens the modal) go on the last message.
/// </summary>
public static class ReplyRenderer
{
    /// <summary>The custom id of the button that opens the open-answer modal; also the modal's id.</summary>
    public const string AnswerModalId = "modal:answer";

    /// <summary>The custom id of the modal's text input.</summary>
    public const string AnswerInputId = "answer";

    private const int Blurple = 0x5865F2;

    private const string AttachmentScheme = "attachment://";

    public static IReadOnlyList<MessagePayload> Render(Reply reply, Language language)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var texts = DiscordTexts.For(language);
        var components = Buttons(reply, texts);
        if (PlainText(reply) is { } content)
        {
            return [new MessagePayload { Content = content, Components = components }];
        }

        var messages = Pack(Embeds(reply, texts));
        messages[^1].Components = components;
        AttachImages(reply, messages);
        return messages;
    }

    /// <summary>Each message uploads the images its embeds show (attachment://name).</summary>
    private static void AttachImages(Reply reply, List<MessagePayload> messages)
    {
        var images = reply.Blocks.OfType<ImageBlock>().GroupBy(i => i.FileName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        if (images.Count == 0)
        {
            return;
        }

        foreach (var message in messages)
        {
            var shown = (message.Embeds ?? []).Select(e => e.Image?.Url).OfType<string>()
                .Select(url => url[AttachmentScheme.Length..]).Where(images.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
            if (shown.Count == 0)
            {
                continue;
            }

            message.Files = shown.Select(name => new MessageFile(name, images[name].Png)).ToList();
            message.Attachments = shown.Select((name, i) => new MessageAttachment { Id = i, Filename = name, Description = TextSplitter.Clip(images[name].AltText, DiscordLimits.AttachmentDescription) }).ToList();
        }
    }

    /// <summary>The modal that asks for an open answer: one paragraph text input.</summary>
    public static InteractionCallbackData AnswerModal(Language language, int maxLength)
    {
        var texts = DiscordTexts.For(language);
        return new InteractionCallbackData
        {
            CustomId = AnswerModalId,
            Title = TextSplitter.Clip(texts.AnswerModalTitle, DiscordLimits.ModalTitle),
            Components =
            [
                Component.Row(
                [
                    new Component
                    {
                        Type = (int)ComponentType.TextInput,
                        CustomId = AnswerInputId,
                        Style = (int)TextInputStyle.Paragraph,
                        Label = TextSplitter.Clip(texts.AnswerInputLabel, DiscordLimits.TextInputLabel),
                        Placeholder = texts.AnswerPlaceholder,
                        Required = true,
                        MinLength = 1,
                        MaxLength = Math.Clamp(maxLength, 1, DiscordLimits.TextInputValue),
                    },
                ]),
            ],
        };
    }

    private static string? PlainText(Reply reply)
    {
        if (reply.Blocks.Any(b => b is not ParagraphBlock and not ListBlock))
        {
            return null;
        }

        var text = string.Join("\n\n", reply.Blocks.Select(Markdown));
        return text.Length is > 0 and <= DiscordLimits.Content ? text : null;
    }

    private static List<Embed> Embeds(Reply reply, DiscordTexts texts)
    {
        var embeds = new List<Embed>();
        Embed? current = null;
        var description = new StringBuilder();

        void Flush()
        {
            if (current is not null && (current.Title is not null || description.Length > 0 || current.Image is not null))
            {
                current.Description = description.Length > 0 ? description.ToString() : null;
                embeds.Add(current);
            }

            current = null;
            description.Clear();
        }

        void Add(string markdown)
        {
            foreach (var piece in TextSplitter.Split(markdown, DiscordLimits.EmbedDescription))
            {
                var needed = piece.Length + (description.Length > 0 ? 2 : 0);
                if (current is null || description.Length + needed > DiscordLimits.EmbedDescription)
                {
                    Flush();
                    current = new Embed { Color = Blurple }; // a continuation has no title
                }

                if (description.Length > 0)
                {
                    description.Append("\n\n");
                }

                description.Append(piece);
            }
        }

        foreach (var block in reply.Blocks)
        {
            switch (block)
            {
                case HeadingBlock heading when heading.Text.Length <= DiscordLimits.EmbedTitle:
                    Flush();
                    current = new Embed { Title = heading.Text, Color = Blurple };
                    break;
                case HeadingBlock heading:
                    Add("**" + DiscordMarkdown.Escape(heading.Text) + "**");
                    break;
                case QuizQuestionBlock question:
                    Flush();
                    current = new Embed { Title = string.Format(CultureInfo.InvariantCulture, texts.QuestionTitle, question.Number, question.Of), Color = Blurple };
                    Add(DiscordMarkdown.Escape(question.Question));
                    Add(string.Join('\n', question.Options.Select((o, i) => $"**{i + 1}.** {DiscordMarkdown.Escape(o)}")));
                    break;
                case ImageBlock image:
                    // The picture closes the current embed (shown below its text); what follows starts a new one.
                    current ??= new Embed { Color = Blurple };
                    current.Image = new EmbedImage { Url = AttachmentScheme + image.FileName };
                    Flush();
                    break;
                case CodeBlock code:
                    foreach (var piece in TextSplitter.Split(code.Code, DiscordLimits.EmbedDescription - 32))
                    {
                        Add(DiscordMarkdown.CodeBlock(piece, code.Language));
                    }

                    break;
                default:
                    Add(Markdown(block));
                    break;
            }
        }

        Flush();
        return embeds;
    }

    private static string Markdown(ReplyBlock block) => block switch
    {
        ParagraphBlock paragraph => DiscordMarkdown.Spans(paragraph.Spans),
        ListBlock list => string.Join('\n', list.Items.Select((item, i) => (list.Numbered ? $"{i + 1}. " : "• ") + DiscordMarkdown.Spans(item))),
        HeadingBlock heading => "**" + DiscordMarkdown.Escape(heading.Text) + "**",
        CodeBlock code => DiscordMarkdown.CodeBlock(code.Code, code.Language),
        _ => "",
    };

    /// <summary>Embeds into messages of at most 10 embeds and 6,000 characters of embed text.</summary>
    private static List<MessagePayload> Pack(List<Embed> embeds)
    {
        var messages = new List<MessagePayload>();
        var batch = new List<Embed>();
        var total = 0;
        foreach (var embed in embeds)
        {
            var size = Size(embed);
            if (batch.Count == DiscordLimits.EmbedsPerMessage || total + size > DiscordLimits.EmbedsTotal)
            {
                messages.Add(new MessagePayload { Embeds = batch });
                batch = [];
                total = 0;
            }

            batch.Add(embed);
            total += size;
        }

        messages.Add(batch.Count > 0 ? new MessagePayload { Embeds = batch } : new MessagePayload { Content = "…" });
        return messages;
    }

    public static int Size(Embed embed)
    {
        ArgumentNullException.ThrowIfNull(embed);
        return (embed.Title?.Length ?? 0) + (embed.Description?.Length ?? 0) + (embed.Footer?.Text.Length ?? 0)
            + (embed.Fields?.Sum(f => f.Name.Length + f.Value.Length) ?? 0);
    }

    /// <summary>
    /// Reply buttons as rows of five (at most five rows). The custom id is the command itself, so a button
    /// works after a restart; quiz options get their option text as the label.
    /// </summary>
    private static List<Component>? Buttons(Reply reply, DiscordTexts texts)
    {
        var question = reply.Blocks.OfType<QuizQuestionBlock>().LastOrDefault();
        var buttons = new List<Component>();
        if (reply.ExpectsAnswer)
        {
            buttons.Add(new Component { Type = (int)ComponentType.Button, Style = (int)ButtonStyle.Success, Label = texts.AnswerButton, CustomId = AnswerModalId });
        }

        foreach (var button in reply.Buttons)
        {
            if (button.Command.Length > DiscordLimits.CustomId || buttons.Any(b => b.CustomId == button.Command))
            {
                continue;
            }

            var label = button.Label;
            if (question is not null && OptionNumber(button.Command) is { } option && option <= question.Options.Count)
            {
                label = $"{option}. {question.Options[option - 1]}";
            }

            buttons.Add(new Component
            {
                Type = (int)ComponentType.Button,
                Style = (int)(buttons.Count == 0 ? ButtonStyle.Primary : ButtonStyle.Secondary),
                Label = TextSplitter.Clip(label.Length == 0 ? button.Command : label, DiscordLimits.ButtonLabel),
                CustomId = button.Command,
            });
        }

        if (buttons.Count == 0)
        {
            return null;
        }

        return buttons.Take(DiscordLimits.ButtonsPerRow * DiscordLimits.Rows)
            .Chunk(DiscordLimits.ButtonsPerRow)
            .Select(row => Component.Row(row))
            .ToList();
    }

    private static int? OptionNumber(string command) =>
        CommandParser.Parse(command) is { Name: "answer" or "a" } parsed
        && int.TryParse(StudyBot.Core.Quizzes.QuizSessions.SplitTarget(parsed.Arguments).Answer, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : null;
}

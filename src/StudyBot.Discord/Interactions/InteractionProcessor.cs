using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core;
using StudyBot.Core.Commands;
using StudyBot.Core.Content;
using StudyBot.Core.Localization;
using StudyBot.Discord.Api;
using StudyBot.Discord.Delivery;
using StudyBot.Discord.Rendering;
using StudyBot.Discord.SlashCommands;

namespace StudyBot.Discord.Interactions;

/// <summary>
/// Answers one interaction, whichever way it arrived (HTTP or gateway): PING, slash commands, buttons, the
/// answer modal and autocomplete. The first response is due within Discord's 3 s: a command that is not done
/// after <see cref="DiscordOptions.DeferAfter"/> (an open answer at once: grading is slow) is deferred, and
/// its reply later replaces the "thinking…" message.
/// </summary>
public sealed partial class InteractionProcessor(
    StudyBotEngine engine,
    ContentCatalog catalog,
    IDiscordRestClient rest,
    InteractionWork work,
    RecentInteractions recent,
    IOptions<DiscordOptions> options,
    IOptions<StudyBotOptions> studyBotOptions,
    ILogger<InteractionProcessor> logger)
{
    /// <summary>Commands whose replies are about one member (Reply.Personal); deferred ephemerally.</summary>
    private static readonly HashSet<string> PersonalCommands = new(StringComparer.Ordinal) { "answer", "a", "quiz", "me", "streak", "done", "roadmap", "lang" };

    private static readonly TimeSpan AcknowledgeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The first response. When it is a deferral, the rest continues in the background once
    /// <paramref name="acknowledged"/> completes (the HTTP response was sent, or the callback was posted).
    /// </summary>
    public async Task<InteractionResponse> RespondAsync(Interaction interaction, Task acknowledged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var data = interaction.Data;
        switch ((InteractionType)interaction.Type)
        {
            case InteractionType.Ping:
                return InteractionResponse.Pong;
            case InteractionType.ApplicationCommand when data?.Name is { Length: > 0 }:
                return await RunAsync(interaction, SlashCommandCatalog.CommandText(data), deferAtOnce: false, acknowledged, cancellationToken).ConfigureAwait(false);
            case InteractionType.ApplicationCommandAutocomplete when data?.Name is { Length: > 0 }:
                return Autocomplete(data);
            case InteractionType.MessageComponent when data?.CustomId is { Length: > 0 } customId:
                if (customId == ReplyRenderer.AnswerModalId)
                {
                    return new InteractionResponse { Type = (int)InteractionCallbackType.Modal, Data = ReplyRenderer.AnswerModal(Language(interaction), studyBotOptions.Value.MaxAnswerLength) };
                }

                return customId.StartsWith('/')
                    ? await RunAsync(interaction, customId, deferAtOnce: false, acknowledged, cancellationToken).ConfigureAwait(false)
                    : Ephemeral(DiscordTexts.For(Language(interaction)).StaleButton);
            case InteractionType.ModalSubmit when data?.CustomId == ReplyRenderer.AnswerModalId:
                var answer = FindInput(data.Components, ReplyRenderer.AnswerInputId) ?? "";
                return await RunAsync(interaction, "/answer " + answer, deferAtOnce: true, acknowledged, cancellationToken).ConfigureAwait(false);
            case InteractionType.ModalSubmit:
                return Ephemeral(DiscordTexts.For(Language(interaction)).StaleButton);
            default:
                throw new UnsupportedInteractionException($"interaction type {interaction.Type} is not supported");
        }
    }

    private async Task<InteractionResponse> RunAsync(Interaction interaction, string text, bool deferAtOnce, Task acknowledged, CancellationToken cancellationToken)
    {
        var incoming = InteractionIncoming.From(interaction, text) with { ReplyTo = recent.ReplyHandle(interaction.Token) };
        var language = Language(interaction);
        recent.Remember(incoming.Chat.ExternalId, incoming.Sender.ExternalId, interaction.Token);

        // Not tied to the request: Discord may hang up after 3 s while the reply is still coming.
        var reply = Task.Run(() => HandleSafelyAsync(incoming, language), CancellationToken.None);
        if (!deferAtOnce)
        {
            var deadline = Task.Delay(options.Value.DeferAfter, cancellationToken);
            if (await Task.WhenAny(reply, deadline).ConfigureAwait(false) == reply || reply.IsCompleted)
            {
                var done = await reply.ConfigureAwait(false);
                var messages = ReplyRenderer.Render(done, language);
                if (messages.Count == 1 && messages[0].Files is null) // an upload cannot ride in the JSON answer: defer, then edit
                {
                    return Message(messages[0], done.Personal);
                }

                // Several messages: defer, then send them in order (the first edits the deferred one).
                Finish(interaction, reply, done.Personal, language, acknowledged);
                return Deferred(done.Personal);
            }
        }

        var ephemeral = CommandParser.Parse(text) is { } parsed && PersonalCommands.Contains(parsed.Name);
        Finish(interaction, reply, ephemeral, language, acknowledged);
        return Deferred(ephemeral);
    }

    private void Finish(Interaction interaction, Task<Reply> pending, bool deferredEphemeral, Language language, Task acknowledged)
    {
        var finishing = FinishAsync(interaction, pending, deferredEphemeral, language, acknowledged);
        work.Track(finishing);
        recent.Finishing(interaction.Token, finishing); // a graded result edits the response after this, never before
    }

    private async Task<Reply> HandleSafelyAsync(Incoming incoming, Language language)
    {
        try
        {
            return await engine.HandleAsync(incoming, work.Stopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCommandFailed(logger, ex.GetType().Name, ex);
            return Core.Commands.Reply.Text(DiscordTexts.For(language).SomethingWentWrong) with { Personal = true };
        }
    }

    /// <summary>Replaces the deferred "thinking…" message with the reply (and follows up with any further parts).</summary>
    private async Task FinishAsync(Interaction interaction, Task<Reply> pending, bool deferredEphemeral, Language language, Task acknowledged)
    {
        try
        {
            var reply = await pending.ConfigureAwait(false);
            await acknowledged.WaitAsync(AcknowledgeTimeout, work.Stopping).ConfigureAwait(false);
            var messages = ReplyRenderer.Render(reply, language);
            if (reply.Personal && !deferredEphemeral)
            {
                // A personal result must not land in the public deferred message: replace it with ephemeral follow-ups.
                await rest.DeleteOriginalResponseAsync(interaction.Token, work.Stopping).ConfigureAwait(false);
                foreach (var message in messages)
                {
                    message.Flags = MessageFlags.Ephemeral;
                    await rest.CreateFollowupAsync(interaction.Token, message, work.Stopping).ConfigureAwait(false);
                }

                return;
            }

            await rest.EditOriginalResponseAsync(interaction.Token, messages[0], work.Stopping).ConfigureAwait(false);
            foreach (var message in messages.Skip(1))
            {
                message.Flags = deferredEphemeral ? MessageFlags.Ephemeral : null;
                await rest.CreateFollowupAsync(interaction.Token, message, work.Stopping).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException or TimeoutException or OperationCanceledException)
        {
            LogFinishFailed(logger, ex.GetType().Name, ex.Message);
        }
    }

    private InteractionResponse Autocomplete(InteractionData data)
    {
        var focused = data.Options?.FirstOrDefault(o => o.Focused == true);
        var typed = focused is null ? "" : SlashCommandCatalog.ValueText(focused) ?? "";
        IEnumerable<string> candidates = (data.Name, focused?.Name) switch
        {
            ("sources", "topic") => catalog.Sources.SelectMany(s => s.Topics).Distinct(StringComparer.OrdinalIgnoreCase)
                .Where(t => t.Contains(typed, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal),
            ("setup", "track") => catalog.Tracks.Select(t => t.Id).Where(t => t.Contains(typed, StringComparison.OrdinalIgnoreCase)),
            ("setup", "tz") => Core.Roadmap.ZoneClock.Suggest(typed, DiscordLimits.AutocompleteChoices),
            _ => [],
        };
        var choices = candidates.Take(DiscordLimits.AutocompleteChoices)
            .Select(c => new CommandOptionChoice { Name = TextSplitter.Clip(c, DiscordLimits.ChoiceName), Value = c })
            .ToList();
        return new InteractionResponse { Type = (int)InteractionCallbackType.AutocompleteResult, Data = new InteractionCallbackData { Choices = choices } };
    }

    private static string? FindInput(IEnumerable<SubmittedComponent>? components, string customId)
    {
        foreach (var component in components ?? [])
        {
            if (component.CustomId == customId && component.Value is not null)
            {
                return component.Value;
            }

            var nested = FindInput(component.Components, customId) ?? (component.Component is { } inner ? FindInput([inner], customId) : null);
            if (nested is not null)
            {
                return nested;
            }
        }

        return null;
    }

    private static Language Language(Interaction interaction) =>
        Languages.Parse(interaction.Locale) ?? Languages.Parse(interaction.GuildLocale) ?? Core.Localization.Language.En;

    private static InteractionResponse Message(MessagePayload message, bool ephemeral)
    {
        message.Flags = ephemeral ? MessageFlags.Ephemeral : null;
        return new InteractionResponse { Type = (int)InteractionCallbackType.ChannelMessageWithSource, Data = InteractionCallbackData.FromMessage(message) };
    }

    private static InteractionResponse Ephemeral(string text) => Message(new MessagePayload { Content = text }, ephemeral: true);

    private static InteractionResponse Deferred(bool ephemeral) => new()
    {
        Type = (int)InteractionCallbackType.DeferredChannelMessageWithSource,
        Data = ephemeral ? new InteractionCallbackData { Flags = MessageFlags.Ephemeral } : null,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord interaction: the command failed ({ExceptionType})")]
    private static partial void LogCommandFailed(ILogger logger, string exceptionType, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord interaction: the deferred reply was not delivered ({ExceptionType}: {Reason})")]
    private static partial void LogFinishFailed(ILogger logger, string exceptionType, string reason);
}

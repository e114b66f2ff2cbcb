using Microsoft.Extensions.Logging;
using StudyBot.Core.Commands;
using StudyBot.Core.Delivery;
using StudyBot.Core.Localization;
using StudyBot.Core.Persistence;
using StudyBot.Discord.Api;
using StudyBot.Discord.Rendering;

namespace StudyBot.Discord.Delivery;

/// <summary>
/// Posts to a Discord channel (the chat's external id) outside an interaction: daily lessons, digests,
/// results finished in the background. A personal reply goes to its member as an ephemeral follow-up of
/// their recent interaction when there is one, else to the channel mentioning them (and only them).
/// </summary>
public sealed partial class DiscordChatSender(IDiscordRestClient rest, RecentInteractions recent, ILogger<DiscordChatSender> logger) : IChatSender
{
    public Platform Platform => Platform.Discord;

    public Task<SendResult> SendAsync(ChatRef chat, SenderRef? recipient, Reply reply, CancellationToken cancellationToken) =>
        SendAsync(chat, recipient, reply, replyTo: null, cancellationToken);

    /// <summary>
    /// With a reply handle (Incoming.ReplyTo of the member's interaction) whose token is still valid, the result
    /// replaces that interaction's deferred response (the "being graded" note) and further parts follow up; once the
    /// token is too old, or the edit fails, it goes to the channel as a normal message mentioning the member.
    /// </summary>
    public async Task<SendResult> SendAsync(ChatRef chat, SenderRef? recipient, Reply reply, string? replyTo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(reply);
        var language = Languages.Parse(recipient?.Locale) ?? Language.En;
        var messages = ReplyRenderer.Render(reply, language);
        if (recent.EditableToken(replyTo) is { } original)
        {
            if (await TryEditOriginalAsync(original, messages, reply.Personal, cancellationToken).ConfigureAwait(false))
            {
                return SendResult.Ok;
            }

            return await PostToChannelAsync(chat, recipient, reply, messages, cancellationToken).ConfigureAwait(false);
        }

        if (reply.Personal && recipient is not null && recent.Find(chat.ExternalId, recipient.ExternalId) is { } token
            && await TryFollowUpAsync(token, messages, cancellationToken).ConfigureAwait(false))
        {
            return SendResult.Ok;
        }

        return await PostToChannelAsync(chat, recipient, reply, messages, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SendResult> PostToChannelAsync(ChatRef chat, SenderRef? recipient, Reply reply, IReadOnlyList<MessagePayload> messages, CancellationToken cancellationToken)
    {
        if (reply.Personal && recipient is not null && IsSnowflake(recipient.ExternalId))
        {
            var first = messages[0];
            var mention = $"<@{recipient.ExternalId}>";
            first.Content = first.Content is null ? mention : TextSplitter.Clip(mention + " " + first.Content, DiscordLimits.Content);
            first.AllowedMentions = new AllowedMentions { Parse = [], Users = [recipient.ExternalId] };
        }

        try
        {
            foreach (var message in messages)
            {
                await rest.CreateMessageAsync(chat.ExternalId, message, cancellationToken).ConfigureAwait(false);
            }

            return SendResult.Ok;
        }
        catch (DiscordApiException ex)
        {
            LogSendFailed(logger, ex.Message);
            return new SendResult(false, ex.Message, ex.Permanent);
        }
        catch (HttpRequestException ex)
        {
            LogSendFailed(logger, ex.Message);
            return new SendResult(false, ex.Message);
        }
    }

    private async Task<bool> TryEditOriginalAsync(string token, IReadOnlyList<MessagePayload> messages, bool personal, CancellationToken cancellationToken)
    {
        await recent.FinishedAsync(token, OriginalSettleTimeout, cancellationToken).ConfigureAwait(false);
        try
        {
            await rest.EditOriginalResponseAsync(token, messages[0], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException)
        {
            LogEditFailed(logger, ex.Message); // the token expired early, or the response was deleted: post to the channel
            return false;
        }

        // The edit is in: from here on the channel fallback would repeat it, so further parts are follow-ups or nothing.
        try
        {
            foreach (var message in messages.Skip(1))
            {
                message.Flags = personal ? MessageFlags.Ephemeral : null;
                await rest.CreateFollowupAsync(token, message, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException)
        {
            LogSendFailed(logger, ex.Message);
        }

        return true;
    }

    /// <summary>
    /// A direct message: opens the member's DM channel, then posts there. 403 (DMs closed, bot blocked, no shared
    /// server; Discord code 50007) → the member is unreachable.
    /// </summary>
    public async Task<SendResult> SendDirectAsync(SenderRef member, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(reply);
        if (!IsSnowflake(member.ExternalId))
        {
            return new SendResult(false, "not a Discord user id", Permanent: true);
        }

        var messages = ReplyRenderer.Render(reply, Languages.Parse(member.Locale) ?? Language.En);
        try
        {
            var channel = await rest.CreateDirectMessageChannelAsync(member.ExternalId, cancellationToken).ConfigureAwait(false);
            foreach (var message in messages)
            {
                await rest.CreateMessageAsync(channel.Id, message, cancellationToken).ConfigureAwait(false);
            }

            return SendResult.Ok;
        }
        catch (DiscordApiException ex)
        {
            LogSendFailed(logger, ex.Message);
            return new SendResult(false, ex.Message, ex.Permanent) { RecipientUnreachable = ex.Status == System.Net.HttpStatusCode.Forbidden };
        }
        catch (HttpRequestException ex)
        {
            LogSendFailed(logger, ex.Message);
            return new SendResult(false, ex.Message);
        }
    }

    private async Task<bool> TryFollowUpAsync(string token, IReadOnlyList<MessagePayload> messages, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var message in messages)
            {
                message.Flags = MessageFlags.Ephemeral;
                await rest.CreateFollowupAsync(token, message, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (DiscordApiException ex)
        {
            LogSendFailed(logger, ex.Message); // the token expired early or the interaction is gone: post to the channel
            foreach (var message in messages)
            {
                message.Flags = null;
            }

            return false;
        }
    }

    /// <summary>How long a result waits for the command's own reply to land in the deferred response first.</summary>
    private static readonly TimeSpan OriginalSettleTimeout = TimeSpan.FromSeconds(10);

    private static bool IsSnowflake(string id) => id.Length is > 0 and <= 20 && id.All(char.IsAsciiDigit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord: could not edit the interaction's response ({Reason}); posting to the channel")]
    private static partial void LogEditFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord channel message not sent: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string reason);
}

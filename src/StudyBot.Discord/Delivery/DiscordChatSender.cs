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

    public async Task<SendResult> SendAsync(ChatRef chat, SenderRef? recipient, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(reply);
        var language = Languages.Parse(recipient?.Locale) ?? Language.En;
        var messages = ReplyRenderer.Render(reply, language);
        if (reply.Personal && recipient is not null && recent.Find(chat.ExternalId, recipient.ExternalId) is { } token
            && await TryFollowUpAsync(token, messages, cancellationToken).ConfigureAwait(false))
        {
            return SendResult.Ok;
        }

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

    private static bool IsSnowflake(string id) => id.Length is > 0 and <= 20 && id.All(char.IsAsciiDigit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord channel message not sent: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string reason);
}

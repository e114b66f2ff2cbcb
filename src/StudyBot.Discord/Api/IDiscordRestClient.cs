namespace StudyBot.Discord.Api;

/// <summary>The Discord HTTP API v10 calls StudyBot makes. Rate limits and retries are the client's business.</summary>
public interface IDiscordRestClient
{
    /// <summary>POST /interactions/{id}/{token}/callback: the first answer to an interaction (gateway mode).</summary>
    Task CreateInteractionResponseAsync(string interactionId, string interactionToken, InteractionResponse response, CancellationToken cancellationToken);

    /// <summary>PATCH /webhooks/{application}/{token}/messages/@original: fills in a deferred response.</summary>
    Task EditOriginalResponseAsync(string interactionToken, MessagePayload message, CancellationToken cancellationToken);

    /// <summary>DELETE /webhooks/{application}/{token}/messages/@original.</summary>
    Task DeleteOriginalResponseAsync(string interactionToken, CancellationToken cancellationToken);

    /// <summary>POST /webhooks/{application}/{token}: one more message for the same interaction.</summary>
    Task CreateFollowupAsync(string interactionToken, MessagePayload message, CancellationToken cancellationToken);

    /// <summary>POST /channels/{channel}/messages.</summary>
    Task<DiscordMessage> CreateMessageAsync(string channelId, MessagePayload message, CancellationToken cancellationToken);

    /// <summary>PUT /applications/{application}[/guilds/{guild}]/commands: replaces every slash command at once.</summary>
    Task<IReadOnlyList<RegisteredCommand>> BulkOverwriteCommandsAsync(string? guildId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken);

    /// <summary>POST /users/@me/channels: the direct message channel with a user (Discord returns the existing one).</summary>
    Task<DiscordChannel> CreateDirectMessageChannelAsync(string recipientId, CancellationToken cancellationToken);

    /// <summary>GET /gateway/bot.</summary>
    Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken);
}

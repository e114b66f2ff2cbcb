namespace StudyBot.Discord.Api;

/// <summary>POST /users/@me/channels: opens (or finds) the direct message channel with one user.</summary>
public sealed class CreateDirectMessageRequest
{
    public string RecipientId { get; set; } = "";
}

/// <summary>The part of a channel object the bot reads.</summary>
public sealed class DiscordChannel
{
    public string Id { get; set; } = "";
}

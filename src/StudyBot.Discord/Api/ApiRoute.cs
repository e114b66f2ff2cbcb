namespace StudyBot.Discord.Api;

/// <summary>
/// One request's route. Discord keys rate limits by route template plus the "major" parameter (channel,
/// guild, or webhook id + token), so <see cref="Key"/> is built from those and never from other ids.
/// Logs show <see cref="Template"/> only: paths can hold interaction tokens.
/// </summary>
public sealed record ApiRoute(HttpMethod Method, string Template, string Path, string Major, bool Authorized, bool Interaction)
{
    public string Key => $"{Method.Method} {Template} {Major}";

    public override string ToString() => $"{Method.Method} {Template}";

    public bool Idempotent => Method != HttpMethod.Post;

    public static ApiRoute CreateMessage(string channelId) =>
        new(HttpMethod.Post, "channels/{channel}/messages", $"channels/{Segment(channelId)}/messages", channelId, Authorized: true, Interaction: false);

    public static ApiRoute InteractionCallback(string interactionId, string token) =>
        new(HttpMethod.Post, "interactions/{id}/{token}/callback", $"interactions/{Segment(interactionId)}/{Segment(token)}/callback?with_response=false", interactionId, Authorized: false, Interaction: true);

    public static ApiRoute EditOriginal(string applicationId, string token) =>
        new(HttpMethod.Patch, "webhooks/{application}/{token}/messages/@original", $"webhooks/{Segment(applicationId)}/{Segment(token)}/messages/@original", applicationId + token, Authorized: false, Interaction: true);

    public static ApiRoute DeleteOriginal(string applicationId, string token) =>
        new(HttpMethod.Delete, "webhooks/{application}/{token}/messages/@original", $"webhooks/{Segment(applicationId)}/{Segment(token)}/messages/@original", applicationId + token, Authorized: false, Interaction: true);

    public static ApiRoute Followup(string applicationId, string token) =>
        new(HttpMethod.Post, "webhooks/{application}/{token}", $"webhooks/{Segment(applicationId)}/{Segment(token)}", applicationId + token, Authorized: false, Interaction: true);

    public static ApiRoute BulkOverwrite(string applicationId, string? guildId) => guildId is null
        ? new(HttpMethod.Put, "applications/{application}/commands", $"applications/{Segment(applicationId)}/commands", "", Authorized: true, Interaction: false)
        : new(HttpMethod.Put, "applications/{application}/guilds/{guild}/commands", $"applications/{Segment(applicationId)}/guilds/{Segment(guildId)}/commands", guildId, Authorized: true, Interaction: false);

    public static ApiRoute CreateDirectMessageChannel() =>
        new(HttpMethod.Post, "users/@me/channels", "users/@me/channels", "", Authorized: true, Interaction: false);

    public static ApiRoute GatewayBot() => new(HttpMethod.Get, "gateway/bot", "gateway/bot", "", Authorized: true, Interaction: false);

    private static string Segment(string value) => Uri.EscapeDataString(value);
}

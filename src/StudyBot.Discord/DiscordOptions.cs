using System.ComponentModel.DataAnnotations;

namespace StudyBot.Discord;

public enum DiscordMode
{
    /// <summary>Discord POSTs interactions to /discord/interactions (needs a public HTTPS URL).</summary>
    Http,

    /// <summary>The bot holds a gateway WebSocket (one host at a time) and answers through the callback endpoint.</summary>
    Gateway,
}

/// <summary>The "Discord" configuration section. Without a bot token the adapter stays off.</summary>
public sealed class DiscordOptions : IValidatableObject
{
    public const string Section = "Discord";

    public static readonly Uri PublicApiBaseUrl = new("https://discord.com/api/v10/");

    /// <summary>The application (client) id: a snowflake.</summary>
    [RegularExpression("^[0-9]{1,20}$", ErrorMessage = "Discord:ApplicationId must be the application's numeric id.")]
    public string? ApplicationId { get; set; }

    /// <summary>The application's Ed25519 public key, 64 hex digits, that signs interactions.</summary>
    [RegularExpression("^[0-9a-fA-F]{64}$", ErrorMessage = "Discord:PublicKey must be the 64 hex digits from the developer portal.")]
    public string? PublicKey { get; set; }

    public string? BotToken { get; set; }

    public Uri ApiBaseUrl { get; set; } = PublicApiBaseUrl;

    public DiscordMode Mode { get; set; } = DiscordMode.Http;

    /// <summary>Overrides the URL from GET /gateway/bot (tests).</summary>
    public Uri? GatewayUrl { get; set; }

    /// <summary>Bulk-overwrite the slash commands when the host starts.</summary>
    public bool RegisterCommands { get; set; }

    /// <summary>Register commands to this guild only (instant while developing) instead of globally.</summary>
    [RegularExpression("^[0-9]{1,20}$", ErrorMessage = "Discord:GuildId must be a numeric guild id.")]
    public string? GuildId { get; set; }

    /// <summary>
    /// How long an interaction may work before it is deferred. Discord's deadline is 3 s; the rest is
    /// margin for the network. Open answers (graded, slow) are deferred at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:02.500")]
    public TimeSpan DeferAfter { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>First wait before reconnecting the gateway; doubles per failed attempt up to a minute, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan GatewayReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a host that is not the gateway leader checks whether the leader is gone.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan GatewayLeaderRetry { get; set; } = TimeSpan.FromSeconds(15);

    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(ApplicationId))
        {
            yield return new ValidationResult("Discord:ApplicationId is required when Discord:BotToken is set.", [nameof(ApplicationId)]);
        }

        if (!ApiBaseUrl.IsAbsoluteUri || (ApiBaseUrl.Scheme != Uri.UriSchemeHttps && ApiBaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult("Discord:ApiBaseUrl must be an absolute http(s) URL.", [nameof(ApiBaseUrl)]);
        }
    }
}

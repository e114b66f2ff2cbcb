using System.Text.Json.Serialization;

namespace StudyBot.Discord.Api;

/// <summary>Source-generated (reflection-free) JSON for every Discord shape we read or write; snake_case as Discord uses.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(Interaction))]
[JsonSerializable(typeof(InteractionResponse))]
[JsonSerializable(typeof(MessagePayload))]
[JsonSerializable(typeof(DiscordMessage))]
[JsonSerializable(typeof(List<ApplicationCommand>))]
[JsonSerializable(typeof(List<RegisteredCommand>))]
[JsonSerializable(typeof(GatewayBotInfo))]
[JsonSerializable(typeof(RateLimitedBody))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(CreateDirectMessageRequest))]
[JsonSerializable(typeof(DiscordChannel))]
public sealed partial class DiscordJsonContext : JsonSerializerContext;

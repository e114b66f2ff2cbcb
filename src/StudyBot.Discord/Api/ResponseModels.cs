namespace StudyBot.Discord.Api;

/// <summary>Discord's InteractionCallbackTypes that we send.</summary>
public enum InteractionCallbackType
{
    Pong = 1,
    ChannelMessageWithSource = 4,
    DeferredChannelMessageWithSource = 5,
    AutocompleteResult = 8,
    Modal = 9,
}

public static class MessageFlags
{
    /// <summary>Only the member who invoked the interaction sees the message.</summary>
    public const int Ephemeral = 1 << 6;
}

public sealed class InteractionResponse
{
    public int Type { get; set; }

    public InteractionCallbackData? Data { get; set; }

    public static InteractionResponse Pong { get; } = new() { Type = (int)InteractionCallbackType.Pong };
}

/// <summary>One shape for the three kinds of callback data: a message, a modal, autocomplete choices.</summary>
public sealed class InteractionCallbackData
{
    public string? Content { get; set; }

    public List<Embed>? Embeds { get; set; }

    public List<Component>? Components { get; set; }

    public int? Flags { get; set; }

    public AllowedMentions? AllowedMentions { get; set; }

    /// <summary>Modal only.</summary>
    public string? CustomId { get; set; }

    /// <summary>Modal only.</summary>
    public string? Title { get; set; }

    /// <summary>Autocomplete only.</summary>
    public List<CommandOptionChoice>? Choices { get; set; }

    public static InteractionCallbackData FromMessage(MessagePayload message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new InteractionCallbackData
        {
            Content = message.Content,
            Embeds = message.Embeds,
            Components = message.Components,
            Flags = message.Flags,
            AllowedMentions = message.AllowedMentions,
        };
    }
}

/// <summary>A message to create or edit (channel message, interaction follow-up, original response).</summary>
public sealed class MessagePayload
{
    public string? Content { get; set; }

    public List<Embed>? Embeds { get; set; }

    public List<Component>? Components { get; set; }

    public int? Flags { get; set; }

    /// <summary>Metadata of the uploaded <see cref="Files"/>, in order (ids 0, 1, …).</summary>
    public List<MessageAttachment>? Attachments { get; set; }

    /// <summary>Files to upload with the message (sent as multipart: payload_json plus files[n]); never in the JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public List<MessageFile>? Files { get; set; }

    /// <summary>Always set: the bot never pings anyone it did not mean to (MODiX's rule).</summary>
    public AllowedMentions AllowedMentions { get; set; } = AllowedMentions.None;
}

public sealed class AllowedMentions
{
    public static AllowedMentions None => new() { Parse = [] };

    public List<string> Parse { get; set; } = [];

    public List<string>? Users { get; set; }
}

public sealed class Embed
{
    public string? Title { get; set; }

    public string? Description { get; set; }

    public int? Color { get; set; }

    public List<EmbedField>? Fields { get; set; }

    public EmbedFooter? Footer { get; set; }

    /// <summary>A picture in the embed; "attachment://name.png" shows a file uploaded with the message.</summary>
    public EmbedImage? Image { get; set; }
}

public sealed class EmbedImage
{
    public string Url { get; set; } = "";
}

/// <summary>An uploaded file's entry in a message's attachments: its index among the files and its name.</summary>
public sealed class MessageAttachment
{
    public int Id { get; set; }

    public string Filename { get; set; } = "";

    public string? Description { get; set; }
}

/// <summary>A file uploaded with a message.</summary>
public sealed record MessageFile(string FileName, byte[] Content, string ContentType = "image/png");

public sealed class EmbedField
{
    public string Name { get; set; } = "";

    public string Value { get; set; } = "";

    public bool? Inline { get; set; }
}

public sealed class EmbedFooter
{
    public string Text { get; set; } = "";
}

public enum ComponentType
{
    ActionRow = 1,
    Button = 2,
    TextInput = 4,
    Label = 18,
}

public enum ButtonStyle
{
    Primary = 1,
    Secondary = 2,
    Success = 3,
    Link = 5,
}

public enum TextInputStyle
{
    SingleLine = 1,
    Paragraph = 2,
}

/// <summary>Action rows, buttons and text inputs share this shape; unset fields are not sent.</summary>
public sealed class Component
{
    public int Type { get; set; }

    public List<Component>? Components { get; set; }

    public int? Style { get; set; }

    public string? Label { get; set; }

    public string? CustomId { get; set; }

    public string? Url { get; set; }

    public bool? Disabled { get; set; }

    public string? Placeholder { get; set; }

    public bool? Required { get; set; }

    public int? MinLength { get; set; }

    public int? MaxLength { get; set; }

    public static Component Row(IEnumerable<Component> components) => new() { Type = (int)ComponentType.ActionRow, Components = [.. components] };
}

public sealed class CommandOptionChoice
{
    public string Name { get; set; } = "";

    public Dictionary<string, string>? NameLocalizations { get; set; }

    public string Value { get; set; } = "";
}

/// <summary>A created message (only what we read back).</summary>
public sealed class DiscordMessage
{
    public string Id { get; set; } = "";

    public string? ChannelId { get; set; }
}

public sealed class GatewayBotInfo
{
    public string Url { get; set; } = "";

    public int Shards { get; set; }
}

/// <summary>The body of a 429.</summary>
public sealed class RateLimitedBody
{
    public string? Message { get; set; }

    public double RetryAfter { get; set; }

    public bool Global { get; set; }
}

/// <summary>The body of other errors: a JSON error code and message.</summary>
public sealed class ErrorBody
{
    public int Code { get; set; }

    public string? Message { get; set; }
}

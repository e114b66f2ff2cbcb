using System.Text;
using System.Text.Json.Nodes;

namespace StudyBot.Discord.Tests.Fakes;

/// <summary>Reads what a member would see in an interaction response or message payload.</summary>
public static class ResponseText
{
    /// <summary>Content, embed titles and descriptions of a message payload (or of a callback's data).</summary>
    public static string Of(JsonNode? node)
    {
        var message = node?["data"] is JsonObject data && node["type"] is not null ? data : node;
        var text = new StringBuilder();
        text.AppendLine(message?["content"]?.GetValue<string>());
        foreach (var embed in message?["embeds"]?.AsArray() ?? [])
        {
            text.AppendLine(embed?["title"]?.GetValue<string>());
            text.AppendLine(embed?["description"]?.GetValue<string>());
        }

        return text.ToString();
    }

    public static IReadOnlyList<(string Label, string CustomId, int Style)> Buttons(JsonNode? node)
    {
        var message = node?["data"] is JsonObject data && node["type"] is not null ? data : node;
        return (message?["components"]?.AsArray() ?? [])
            .SelectMany(row => row!["components"]!.AsArray())
            .Where(c => c!["type"]!.GetValue<int>() == 2)
            .Select(c => (c!["label"]!.GetValue<string>(), c["custom_id"]!.GetValue<string>(), c["style"]!.GetValue<int>()))
            .ToList();
    }

    public static int? Flags(JsonNode? node)
    {
        var message = node?["data"] is JsonObject data && node["type"] is not null ? data : node;
        return message?["flags"]?.GetValue<int>();
    }
}

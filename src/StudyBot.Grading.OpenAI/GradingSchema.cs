using System.Text.Json;
using System.Text.Json.Nodes;
using StudyBot.Core.Quizzes;

namespace StudyBot.Grading.OpenAI;

/// <summary>The model's verdict on one key point, before our checks.</summary>
public sealed record KeyPointVerdict(string Id, bool Met, string Quote);

/// <summary>
/// The output contract: {"key_points":[{"id","met","quote"}]}, every key point exactly once. The JSON schema for
/// structured outputs, and our own validation of what came back (needed anyway: JSON mode and many compatible
/// endpoints do not enforce a schema). There is no score field: our code computes the score from the weights.
/// </summary>
public static class GradingSchema
{
    public const string Name = "key_point_verdicts";

    public static BinaryData For(OpenQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var ids = new JsonArray(question.KeyPoints.Select(k => (JsonNode?)JsonValue.Create(k.Id)).ToArray());
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["key_points"] = new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject
                        {
                            ["id"] = new JsonObject { ["type"] = "string", ["enum"] = ids },
                            ["met"] = new JsonObject { ["type"] = "boolean" },
                            ["quote"] = new JsonObject { ["type"] = "string", ["description"] = "Exact span of the answer that states the key point; empty when not met." },
                        },
                        ["required"] = new JsonArray("id", "met", "quote"),
                        ["additionalProperties"] = false,
                    },
                },
            },
            ["required"] = new JsonArray("key_points"),
            ["additionalProperties"] = false,
        };
        return BinaryData.FromString(schema.ToJsonString());
    }

    /// <summary>The verdicts, or the first problem found (fed back to the model on the retry and kept for audit).</summary>
    public static (IReadOnlyList<KeyPointVerdict>? Verdicts, string? Problem) Parse(string? output, OpenQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var json = ExtractObject(output);
        if (json is null)
        {
            return (null, "no JSON object in the reply");
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("key_points", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                return (null, "\"key_points\" must be an array");
            }

            var known = question.KeyPoints.Select(k => k.Id).ToHashSet(StringComparer.Ordinal);
            var verdicts = new Dictionary<string, KeyPointVerdict>(StringComparer.Ordinal);
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || !item.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
                    || !item.TryGetProperty("met", out var met) || met.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    return (null, "each key point needs a string \"id\" and a boolean \"met\"");
                }

                var quote = item.TryGetProperty("quote", out var q) ? q : default;
                if (quote.ValueKind is not (JsonValueKind.String or JsonValueKind.Null or JsonValueKind.Undefined))
                {
                    return (null, "\"quote\" must be a string");
                }

                var keyPointId = id.GetString()!;
                if (!known.Contains(keyPointId))
                {
                    return (null, $"unknown key point id \"{Truncate(keyPointId)}\"");
                }

                if (!verdicts.TryAdd(keyPointId, new KeyPointVerdict(keyPointId, met.GetBoolean(), quote.ValueKind == JsonValueKind.String ? quote.GetString()! : string.Empty)))
                {
                    return (null, $"key point \"{keyPointId}\" listed twice");
                }
            }

            var missing = known.Where(k => !verdicts.ContainsKey(k)).ToList();
            return missing.Count > 0
                ? (null, "missing key point(s): " + string.Join(", ", missing))
                : (question.KeyPoints.Select(k => verdicts[k.Id]).ToList(), null);
        }
        catch (JsonException ex)
        {
            return (null, "invalid JSON: " + Truncate(ex.Message));
        }
    }

    /// <summary>The outermost {...} of the reply: some models wrap JSON in a code fence or a sentence.</summary>
    private static string? ExtractObject(string? output)
    {
        if (string.IsNullOrWhiteSpace(output))
        {
            return null;
        }

        var start = output.IndexOf('{', StringComparison.Ordinal);
        var end = output.LastIndexOf('}');
        return start >= 0 && end > start ? output[start..(end + 1)] : null;
    }

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "…";
}

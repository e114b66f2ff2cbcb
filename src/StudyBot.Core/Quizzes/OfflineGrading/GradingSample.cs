using System.Text.Json;

namespace StudyBot.Core.Quizzes.OfflineGrading;

/// <summary>One human-scored answer: <see cref="Score"/> on 0..<see cref="Max"/>.</summary>
public sealed record GradingSample(string Question, string Reference, string Answer, double Score, double Max)
{
    /// <summary>
    /// Reads JSON lines <c>{"question","reference","answer","score","max"}</c>; other fields are ignored and
    /// blank lines skipped. A line that is not such an object throws <see cref="InvalidDataException"/> naming it.
    /// </summary>
    public static IEnumerable<GradingSample> ReadJsonLines(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return Parse(line, lineNumber);
            }
        }
    }

    private static GradingSample Parse(string line, int lineNumber)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"Line {lineNumber}: expected a JSON object.");
            }

            var max = Number(root, "max", lineNumber);
            if (max <= 0)
            {
                throw new InvalidDataException($"Line {lineNumber}: \"max\" must be positive.");
            }

            return new GradingSample(
                Text(root, "question", lineNumber),
                Text(root, "reference", lineNumber),
                Text(root, "answer", lineNumber),
                Number(root, "score", lineNumber),
                max);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"Line {lineNumber}: not valid JSON ({exception.Message})", exception);
        }
    }

    private static string Text(JsonElement root, string name, int lineNumber) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidDataException($"Line {lineNumber}: \"{name}\" must be a string.");

    private static double Number(JsonElement root, string name, int lineNumber) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw new InvalidDataException($"Line {lineNumber}: \"{name}\" must be a number.");
}

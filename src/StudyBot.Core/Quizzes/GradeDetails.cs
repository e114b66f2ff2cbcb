using System.Text.Json;
using System.Text.Json.Serialization;

namespace StudyBot.Core.Quizzes;

/// <summary>What a regrade replaced: the earlier grader and score.</summary>
public sealed record PreviousGrade(string? Grader, double Score);

/// <summary>
/// The JSON document in QuizAnswer.Details: key-point results, the audit, and what a regrade replaced.
/// <see cref="DeliveredAt"/>: when the feedback on this grade reached the member (background grading), so a job
/// that runs again after that does not send it twice.
/// </summary>
public sealed record StoredGrade(IReadOnlyList<KeyPointResult> KeyPoints, GradingAudit? Audit, PreviousGrade? Previous, DateTimeOffset? DeliveredAt = null);

/// <summary>Reads and writes QuizAnswer.Details (jsonb).</summary>
public static class GradeDetails
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(GradeResult grade, PreviousGrade? previous = null)
    {
        ArgumentNullException.ThrowIfNull(grade);
        return JsonSerializer.Serialize(new StoredGrade(grade.KeyPoints, grade.Audit, previous), Json);
    }

    /// <summary>The details with the feedback marked delivered at <paramref name="at"/> (unreadable details stay as they are).</summary>
    public static string? MarkDelivered(string? details, DateTimeOffset at) =>
        Read(details) is { } stored ? JsonSerializer.Serialize(stored with { DeliveredAt = at }, Json) : details;

    /// <summary>The stored grade; also reads the first format (a bare array of key-point results). Null when unreadable.</summary>
    public static StoredGrade? Read(string? details)
    {
        if (string.IsNullOrWhiteSpace(details))
        {
            return null;
        }

        try
        {
            return details.TrimStart().StartsWith('[')
                ? new StoredGrade(JsonSerializer.Deserialize<List<KeyPointResult>>(details, Json) ?? [], null, null)
                : JsonSerializer.Deserialize<StoredGrade>(details, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

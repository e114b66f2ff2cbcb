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
public sealed record StoredGrade(IReadOnlyList<KeyPointResult> KeyPoints, GradingAudit? Audit, PreviousGrade? Previous, DateTimeOffset? DeliveredAt = null)
{
    /// <summary>
    /// Names this grade: a /regrade asks to replace this one, and the regrade's grade carries the request's id, so a
    /// rerun of the same request sees it is done (null on grades stored before grades had ids).
    /// </summary>
    public Guid? Id { get; init; }

    /// <summary>
    /// The adapter's reply handle (<see cref="Commands.Incoming.ReplyTo"/>; a Discord one holds an interaction token)
    /// while the feedback is on its way: kept here, server side, so it never travels in a job's arguments; removed
    /// once the feedback is delivered or undeliverable. On a pending answer it is the only thing stored.
    /// </summary>
    public string? ReplyTo { get; init; }
}

/// <summary>Reads and writes QuizAnswer.Details (jsonb).</summary>
public static class GradeDetails
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(GradeResult grade, PreviousGrade? previous = null, Guid? id = null, string? replyTo = null)
    {
        ArgumentNullException.ThrowIfNull(grade);
        return JsonSerializer.Serialize(new StoredGrade(grade.KeyPoints, grade.Audit, previous) { Id = id, ReplyTo = replyTo }, Json);
    }

    /// <summary>The details of an answer waiting for its grade: only the reply handle, if the adapter gave one.</summary>
    public static string? Pending(string? replyTo) =>
        replyTo is null ? null : JsonSerializer.Serialize(new StoredGrade([], null, null) { ReplyTo = replyTo }, Json);

    /// <summary>
    /// The details with the feedback marked delivered at <paramref name="at"/> and the reply handle gone (it is used;
    /// unreadable details stay as they are).
    /// </summary>
    public static string? MarkDelivered(string? details, DateTimeOffset at) =>
        Read(details) is { } stored ? JsonSerializer.Serialize(stored with { DeliveredAt = at, ReplyTo = null }, Json) : details;

    /// <summary>The details without the reply handle (the feedback cannot be delivered: the handle is of no more use).</summary>
    public static string? ForgetReplyTo(string? details) =>
        Read(details) is { ReplyTo: not null } stored ? JsonSerializer.Serialize(stored with { ReplyTo = null }, Json) : details;

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

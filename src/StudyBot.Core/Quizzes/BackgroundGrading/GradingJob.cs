using StudyBot.Core.Commands;
using StudyBot.Core.Localization;

namespace StudyBot.Core.Quizzes.BackgroundGrading;

/// <summary>
/// Grade stored answer <see cref="AnswerId"/> and send the feedback to <see cref="Recipient"/> in <see cref="Chat"/>,
/// in <see cref="Language"/>. <see cref="Regrade"/>: an admin asked again (/regrade), so no cached judgement.
/// <see cref="ReplyTo"/>: the adapter's handle of the learner's answer message (<see cref="Incoming.ReplyTo"/>), so
/// the feedback can answer it there; in memory only: the answer handler keeps it with the pending answer instead,
/// because a durable queue would store it in the job (a Discord handle holds an interaction token).
/// </summary>
public sealed record GradingJob(long AnswerId, ChatRef Chat, SenderRef Recipient, Language Language, bool Regrade = false, string? ReplyTo = null)
{
    /// <summary>Which /regrade this job carries out; with it, running the job again never grades again.</summary>
    public RegradeRequest? Request { get; init; }
}

/// <summary>
/// One /regrade, durable across retries: <see cref="Id"/> names it (the new grade is stored with this id),
/// <see cref="Replaces"/> is the id of the grade the admin asked to replace (null for a grade stored without one).
/// A run that finds a grade with <see cref="Id"/> only delivers it (if not yet delivered); a run that finds neither
/// grade knows a newer grade replaced the one asked about and does nothing.
/// </summary>
public sealed record RegradeRequest(Guid Id, Guid? Replaces)
{
    /// <summary>A new request to replace <paramref name="current"/> (the answer's stored grade, if any).</summary>
    public static RegradeRequest For(StoredGrade? current) => new(Guid.CreateVersion7(), current?.Id);
}

using StudyBot.Core.Commands;
using StudyBot.Core.Localization;

namespace StudyBot.Core.Quizzes.BackgroundGrading;

/// <summary>
/// Grade stored answer <see cref="AnswerId"/> and send the feedback to <see cref="Recipient"/> in <see cref="Chat"/>,
/// in <see cref="Language"/>. <see cref="Regrade"/>: an admin asked again (/regrade), so no cached judgement.
/// <see cref="ReplyTo"/>: the adapter's handle of the learner's answer message (<see cref="Incoming.ReplyTo"/>), so
/// the feedback can answer it there.
/// </summary>
public sealed record GradingJob(long AnswerId, ChatRef Chat, SenderRef Recipient, Language Language, bool Regrade = false, string? ReplyTo = null);

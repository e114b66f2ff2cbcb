using StudyBot.Core.Localization;

namespace StudyBot.Core.Quizzes;

/// <summary>Grades a free-text answer against an open question's rubric.</summary>
public interface IAnswerGrader
{
    Task<GradeResult> GradeAsync(GradingRequest request, CancellationToken cancellationToken);
}

/// <summary><see cref="Fresh"/> asks for a new judgement (/regrade), never one remembered from an identical answer.</summary>
public sealed record GradingRequest(OpenQuestion Question, string Answer, Language Language, bool Fresh = false);

/// <summary>
/// Score is 0..1 and computed by our code from the key-point weights; <see cref="Grader"/> names who judged
/// the key points ("offline", or a model), <see cref="Offline"/> says the result did not come from an LLM.
/// <see cref="Audit"/> records how an LLM grade was made (or why it fell back to the offline grader).
/// </summary>
public sealed record GradeResult(double Score, IReadOnlyList<KeyPointResult> KeyPoints, string Grader, bool Offline, GradingAudit? Audit = null);

/// <summary>Whether one key point was met; Evidence is the part of the answer that shows it, when known.</summary>
public sealed record KeyPointResult(string KeyPointId, bool Met, double Similarity, string? Evidence);

using StudyBot.Core.Content;

namespace StudyBot.Core.Quizzes;

/// <summary>A multiple-choice question; <see cref="CorrectOption"/> is zero-based.</summary>
public sealed record MultipleChoiceQuestion(
    string Id,
    LocalizedText Prompt,
    IReadOnlyList<LocalizedText> Options,
    int CorrectOption,
    LocalizedText Explanation);

/// <summary>An open question graded against its rubric: a reference answer and weighted key points.</summary>
public sealed record OpenQuestion(
    string Id,
    LocalizedText Prompt,
    LocalizedText ReferenceAnswer,
    IReadOnlyList<KeyPoint> KeyPoints);

/// <summary>
/// One thing a good answer says. Aliases are other ways to say it, in any language: a Chinese answer may
/// use English terms. <see cref="SourceId"/> names the lesson source that covers it, for feedback.
/// </summary>
public sealed record KeyPoint(
    string Id,
    double Weight,
    LocalizedText Text,
    IReadOnlyList<string> Aliases,
    string? SourceId);

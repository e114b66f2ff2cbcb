using StudyBot.Core.Quizzes;

namespace StudyBot.Core.Content;

/// <summary>One day's lesson as loaded from content/lessons/*.md.</summary>
public sealed record Lesson(
    string Id,
    int Day,
    string StageId,
    LocalizedText Title,
    LocalizedText Body,
    IReadOnlyList<LocalizedText> Objectives,
    IReadOnlyList<LessonSource> Sources,
    HandsOnTask Task,
    LessonQuiz Quiz,
    string File);

/// <summary>A catalogue source as used by one lesson, with what to read in it.</summary>
public sealed record LessonSource(string SourceId, LocalizedText WhatToRead);

public sealed record HandsOnTask(LocalizedText Description, LocalizedText DoneWhen);

public sealed record LessonQuiz(IReadOnlyList<MultipleChoiceQuestion> MultipleChoice, OpenQuestion Open)
{
    public int QuestionCount => MultipleChoice.Count + 1;
}

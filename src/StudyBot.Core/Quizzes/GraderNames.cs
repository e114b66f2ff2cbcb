using StudyBot.Core.Quizzes.OfflineGrading;

namespace StudyBot.Core.Quizzes;

/// <summary>Values of QuizAnswer.Grader besides a model's name.</summary>
public static class GraderNames
{
    /// <summary>The offline grader, by configuration or because the LLM budget or queue said so.</summary>
    public const string Offline = OfflineAnswerGrader.GraderName;

    /// <summary>Stored and queued for the LLM; the score is not known yet.</summary>
    public const string Pending = "pending";

    /// <summary>The LLM was asked but failed (invalid output, timeouts, errors); the offline grader stood in.</summary>
    public const string OfflineFallback = "offline-fallback";
}

namespace StudyBot.Core.Quizzes.BackgroundGrading;

/// <summary>Size of the in-process grading queue; the LLM grader sets <see cref="Workers"/> to its concurrency cap.</summary>
public sealed class GradingQueueOptions
{
    /// <summary>Answers waiting at most; past it answers are graded offline at once (never an error, never a wait).</summary>
    public int Capacity { get; set; } = 1000;

    /// <summary>Answers graded at the same time.</summary>
    public int Workers { get; set; } = 4;
}

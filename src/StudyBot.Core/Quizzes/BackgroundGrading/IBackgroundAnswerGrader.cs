namespace StudyBot.Core.Quizzes.BackgroundGrading;

/// <summary>
/// A grader too slow for a chat handler to wait for (an LLM): the answer is stored as pending and acknowledged at
/// once, and the <see cref="GradingJobs"/> grades it and delivers the feedback through the chat senders.
/// </summary>
public interface IBackgroundAnswerGrader : IAnswerGrader
{
    /// <summary>Grades one member may have from this grader per day (0: no limit); past it the offline grader answers.</summary>
    int DailyGradesPerMember { get; }
}

using StudyBot.Core.Groups;
using StudyBot.Core.Sources;

namespace StudyBot.Core.Localization;

/// <summary>A command in /help (and in the platforms' command menus).</summary>
public sealed record CommandHelp(string Name, string Usage, string Description);

/// <summary>
/// Every sentence the bot says, once per language. Abstract members make the compiler refuse a language
/// that lacks one.
/// </summary>
public abstract class Texts
{
    public static Texts For(Language language) => language == Language.Zh ? ChineseTexts.Instance : EnglishTexts.Instance;

    public abstract Language Language { get; }

    // Engine
    public abstract string MessageTooLong(int limit);
    public abstract string UnknownCommand(string? name);
    public abstract string AdminOnly(string command);
    public abstract string DatabaseUnavailable { get; }

    // Lessons
    public abstract string LessonHeading(int day, string title);
    public abstract string StageLabel(string stage);
    public abstract string ObjectivesTitle { get; }
    public abstract string SourcesTitle { get; }
    public abstract string TaskTitle { get; }
    public abstract string DoneWhenTitle { get; }
    public abstract string NotStartedYet(DateOnly start, int daysToGo);
    public abstract string RouteFinished(int lessons);
    public abstract string ChatPausedNote { get; }
    public abstract string LessonUsage(int lessons);
    public abstract string LessonNotANumber(string typed, int lessons);
    public abstract string LessonOutOfRange(int day, int lessons);
    public abstract string LessonLocked(int day, DateOnly opensOn, int today);

    // Buttons
    public abstract string QuizButton { get; }
    public abstract string DoneButton { get; }
    public abstract string SourcesButton { get; }
    public abstract string TodayButton { get; }
    public abstract string HelpButton { get; }
    public abstract string LeaderboardButton { get; }

    // Roadmap
    public abstract string RoadmapHeading(string track, int lessons);
    public abstract string RoadmapPosition(int day, int lessons);
    public abstract string DayRange(int first, int last);
    public abstract string StageProgress(int checkedIn, int days);

    // Sources
    public abstract string SourcesUsage { get; }
    public abstract string LessonSourcesHeading(int day, string title);
    public abstract string SourcesSearchHint { get; }
    public abstract string NoSourcesFound(string query, IReadOnlyList<string> topics);
    public abstract string SourcesFoundHeading(string query, int count);
    public abstract string SourceKindName(SourceKind kind);
    public abstract string SecondHandTag { get; }
    public abstract string MoreSources(int count);

    // Progress
    public abstract string CheckedIn(string name, int day, int streak);
    public abstract string AlreadyCheckedIn(int streak);
    public abstract string NewBestStreak(int streak);
    public abstract string StreakHeading(int streak);
    public abstract string StreakDetails(int longest, int total);
    public abstract string LastTwoWeeks { get; }
    public abstract string StreakNudge { get; }
    public abstract string MeHeading(string name);
    public abstract string MeGroupDay(int day, int lessons);
    public abstract string MeCheckIns(int total, int current, int longest);
    public abstract string MeQuizzes(int completed, string average);
    public abstract string MeRank(int rank, int total);
    public abstract string MeNotRanked { get; }
    public abstract string MeLanguage(string language);
    public abstract string LeaderboardHeading { get; }
    public abstract string LeaderboardEmpty { get; }
    public abstract string LeaderboardRow(int streak, int checkIns, int quizzes, string average);

    // Quizzes
    public abstract string QuizUsage { get; }
    public abstract string QuizHeading(int day, string title, int questions);
    public abstract string QuizResumed(int answered);
    public abstract string AnswerWithNumber(int options);
    public abstract string OpenQuestionHeading(int number, int total);
    public abstract string AnswerInYourWords { get; }
    public abstract string NoQuizInProgress { get; }
    public abstract string Correct { get; }
    public abstract string Incorrect(int number, string optionText);
    public abstract string AnswerEmpty { get; }
    public abstract string AnswerTooLong(int length, int limit);
    public abstract string AlreadyAnswered { get; }
    public abstract string NotCurrentQuestion { get; }
    public abstract string QuizFinished(string score, int total);
    public abstract string OpenScore(string percent);
    public abstract string GradedOffline { get; }
    public abstract string GradedBy(string grader);
    public abstract string KeyPointsCovered { get; }
    public abstract string KeyPointsMissed { get; }
    public abstract string ReadMoreIn { get; }
    public abstract string ModelAnswer { get; }

    // Grading (LLM in the background, offline fallbacks, /regrade)
    public abstract string GradingInProgress { get; }
    public abstract string GradedOfflineFallback { get; }
    public abstract string GradedOfflineBudget { get; }
    public abstract string GradedOfflineBusy { get; }
    public abstract string GradingQueueFull { get; }
    public abstract string RegradeNothingFound(string what);
    public abstract string RegradeQueued(long answerId, string member);
    public abstract string RegradeStillGrading(long answerId);
    public abstract string Regraded(long answerId, string member, string before, string after);

    // Start, help, language
    public abstract string WelcomeHeading(string name);
    public abstract string WelcomeIntro { get; }
    public abstract string WelcomePosition(string track, int day, int lessons);
    public abstract IReadOnlyList<string> WelcomeSteps { get; }
    public abstract string WelcomeAdminHint { get; }
    public abstract string HelpHeading { get; }
    public abstract IReadOnlyList<CommandHelp> MemberCommands { get; }
    public abstract IReadOnlyList<CommandHelp> AdminCommands { get; }
    public abstract string AdminCommandsTitle { get; }
    public abstract string AdminCommandsTitleNotAdmin { get; }
    public abstract string LangUsage(string current);
    public abstract string LangChanged { get; }

    // Admin
    public abstract string Paused { get; }
    public abstract string AlreadyPaused { get; }
    public abstract string Resumed(TimeOnly postTime, string timeZone);
    public abstract string NotPaused { get; }
    public abstract string SettingsHeading { get; }
    public abstract string SettingsSaved { get; }
    public abstract string SettingsDay(int day, int lessons);
    public abstract string SettingsPaused { get; }
    public abstract string SettingsRunning { get; }
    public abstract string SetupNothingChanged { get; }
    public abstract string SetupProblem(SetupProblem problem);

    public static string SetupUsage => "/setup track=ID start=YYYY-MM-DD tz=Area/City time=HH:MM digest=Sun@18:00 lang=zh|en evening=HH:MM";
}

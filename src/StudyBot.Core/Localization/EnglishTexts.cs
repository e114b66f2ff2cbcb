using StudyBot.Core.Groups;
using StudyBot.Core.Sources;

namespace StudyBot.Core.Localization;

internal sealed class EnglishTexts : Texts
{
    public static readonly EnglishTexts Instance = new();

    public override Language Language => Language.En;

    public override string MessageTooLong(int limit) => $"That message is too long (over {limit:N0} characters), so I did not read or store it. Please send something shorter.";
    public override string UnknownCommand(string? name) => name is null ? "I only understand commands. Send /help to see them." : $"I don't know /{Clip(name)}. Send /help to see what I can do.";
    public override string AdminOnly(string command) => $"Only the chat's admins can use /{command}.";
    public override string DatabaseUnavailable => "I can't reach my database right now, so nothing was saved. Please try again in a moment.";

    public override string LessonHeading(int day, string title) => $"📘 Day {day} · {title}";
    public override string StageLabel(string stage) => $"Stage: {stage}";
    public override string ObjectivesTitle => "By the end you can:";
    public override string SourcesTitle => "Read at the source:";
    public override string TaskTitle => "Tonight's task:";
    public override string DoneWhenTitle => "Done when:";
    public override string NotStartedYet(DateOnly start, int daysToGo) => $"The route starts on {start:yyyy-MM-dd} ({daysToGo} day(s) to go). Until then: /roadmap shows what's ahead.";
    public override string RouteFinished(int lessons) => $"🎓 The group has finished all {lessons} lessons. Revisit any with /lesson N, or ask an admin to start a new round with /setup start=YYYY-MM-DD.";
    public override string ChatPausedNote => "Daily posts are paused in this chat (an admin can /resume them).";
    public override string LessonUsage(int lessons) => $"Usage: /lesson N, where N is a day from 1 to {lessons}.";
    public override string LessonNotANumber(string typed, int lessons) => $"\"{typed}\" is not a day number. Usage: /lesson N, with N from 1 to {lessons}.";
    public override string LessonOutOfRange(int day, int lessons) => $"There is no day {day}: this route has {lessons} lessons.";
    public override string LessonLocked(int day, DateOnly opensOn, int today) => $"🔒 Day {day} opens on {opensOn:yyyy-MM-dd}. The group is on day {today}; one step at a time.";

    public override string QuizButton => "Quiz";
    public override string DoneButton => "Done ✅";
    public override string SourcesButton => "Sources";
    public override string TodayButton => "Today's lesson";
    public override string HelpButton => "Help";
    public override string LeaderboardButton => "Leaderboard";

    public override string RoadmapHeading(string track, int lessons) => $"🗺 Roadmap · {track} ({lessons} days)";
    public override string RoadmapPosition(int day, int lessons) => day < 1 ? "The group has not started yet." : day > lessons ? "The group has finished the route." : $"The group is on day {day} of {lessons}.";
    public override string DayRange(int first, int last) => first == last ? $"Day {first}" : $"Days {first}–{last}";
    public override string StageProgress(int checkedIn, int days) => $"you checked in {checkedIn}/{days}";

    public override string SourcesUsage => "Usage: /sources (today's sources), /sources N (a past day), or /sources TOPIC (e.g. /sources rag).";
    public override string LessonSourcesHeading(int day, string title) => $"📚 Sources for day {day} · {title}";
    public override string SourcesSearchHint => "Search the whole catalogue with /sources TOPIC, e.g. /sources rag.";
    public override string NoSourcesFound(string query, IReadOnlyList<string> topics) => $"No sources match \"{query}\". Try one of: {string.Join(", ", topics)}.";
    public override string SourcesFoundHeading(string query, int count) => $"📚 {count} source(s) for \"{query}\"";
    public override string SourceKindName(SourceKind kind) => kind switch
    {
        SourceKind.Paper => "paper",
        SourceKind.Docs => "official docs",
        SourceKind.Course => "course",
        SourceKind.Book => "book",
        SourceKind.Repo => "source repository",
        SourceKind.Newsletter => "newsletter",
        SourceKind.Regulation => "regulation",
        _ => kind.ToString(),
    };
    public override string SecondHandTag => "second-hand: for discovery, not study";
    public override string MoreSources(int count) => $"…and {count} more. Narrow the topic to see them.";

    public override string CheckedIn(string name, int day, int streak) => $"✅ Checked in for day {day}, {name}! Streak: {streak} day(s).";
    public override string AlreadyCheckedIn(int streak) => $"You already checked in today. Streak: {streak} day(s). See you tomorrow!";
    public override string NewBestStreak(int streak) => $"🔥 New personal best: {streak} days in a row.";
    public override string StreakHeading(int streak) => $"🔥 Current streak: {streak} day(s)";
    public override string StreakDetails(int longest, int total) => $"Best streak: {longest} · days checked in: {total}";
    public override string LastTwoWeeks => "The last 14 days, oldest first.";
    public override string StreakNudge => "You haven't checked in today yet: finish the task and send /done to keep the streak.";
    public override string MeHeading(string name) => $"👤 {name}";
    public override string MeGroupDay(int day, int lessons) => $"Group day: {day} of {lessons}";
    public override string MeCheckIns(int total, int current, int longest) => $"Check-ins: {total} · streak {current} · best {longest}";
    public override string MeQuizzes(int completed, string average) => $"Quizzes finished: {completed} · average {average}";
    public override string MeRank(int rank, int total) => $"Rank in this chat: {rank} of {total}";
    public override string MeNotRanked => "Not on the leaderboard yet: /done or /quiz gets you there.";
    public override string MeLanguage(string language) => $"Language: {language} (change with /lang)";
    public override string LeaderboardHeading => "🏆 Leaderboard";
    public override string LeaderboardEmpty => "No check-ins yet. Be the first: finish today's task and send /done.";
    public override string LeaderboardRow(int streak, int checkIns, int quizzes, string average) => $"🔥{streak} · {checkIns} check-ins · {quizzes} quizzes ({average})";

    public override string QuizUsage => "Usage: /quiz for today's lesson, or /quiz N for a past day.";
    public override string QuizHeading(int day, string title, int questions) => $"📝 Quiz · day {day} · {title} ({questions} questions)";
    public override string QuizResumed(int answered) => $"Picking up where you left off ({answered} answered).";
    public override string AnswerWithNumber(int options) => $"Answer with /answer and the option number (1–{options}).";
    public override string OpenQuestionHeading(int number, int total) => $"Question {number} of {total} · in your own words";
    public override string AnswerInYourWords => "Reply with /answer followed by your answer (a few sentences).";
    public override string NoQuizInProgress => "You have no quiz in progress. Send /quiz to start today's.";
    public override string Correct => "✅ Correct.";
    public override string Incorrect(int number, string optionText) => $"❌ Not quite: the answer is {number}. {optionText}.";
    public override string AnswerEmpty => "Your answer is empty. Write it after /answer, e.g. /answer Tokens are …";
    public override string AnswerTooLong(int length, int limit) => $"Your answer has {length:N0} characters; please keep it under {limit:N0} and send it again. It was not graded.";
    public override string NotCurrentQuestion => "That button belongs to a question you have already answered. Here is your current one:";
    public override string AlreadyAnswered => "That question was already answered. Send /quiz to see where you are.";
    public override string QuizFinished(string score, int total) => $"🎉 Quiz finished: {score} / {total}.";
    public override string OpenScore(string percent) => $"Score: {percent}";
    public override string GradedOffline => "(graded offline against the key points)";
    public override string GradedBy(string grader) => $"(graded by {grader})";
    public override string KeyPointsCovered => "You covered:";
    public override string KeyPointsMissed => "You missed:";
    public override string ReadMoreIn => "read";
    public override string ModelAnswer => "A model answer:";
    public override string GradingInProgress => "⏳ Got it. Your answer is being graded; the feedback follows here in a moment.";
    public override string GradedOfflineFallback => "(graded offline against the key points: the AI grader did not give a usable answer)";
    public override string GradedOfflineBudget => "(graded offline against the key points: you have used today's AI gradings)";
    public override string GradedOfflineBusy => "(graded offline against the key points: the AI grader is busy)";
    public override string GradingQueueFull => "The grader is busy right now; try /regrade again in a minute.";
    public override string RegradeNothingFound(string what) => $"No open answer to regrade ({what}). Usage: /regrade (your latest), /regrade NAME (a member's latest) or /regrade ID.";
    public override string RegradeStillGrading(long answerId) => $"Answer #{answerId} is still being graded; its feedback comes first.";
    public override string RegradeQueued(long answerId, string member) => $"⏳ Regrading answer #{answerId} by {member}; the new feedback follows in a moment.";
    public override string Regraded(long answerId, string member, string before, string after) => $"🔁 Answer #{answerId} by {member} regraded: {before} → {after}";

    public override string WelcomeHeading(string name) => $"👋 Welcome, {name}!";
    public override string WelcomeIntro => "StudyBot takes this group from using LLMs to building, tuning and shipping them: one lesson a day, first-hand sources, a hands-on task, and a quiz.";
    public override string WelcomePosition(string track, int day, int lessons) => $"This chat follows \"{track}\" and is on day {day} of {lessons}.";
    public override IReadOnlyList<string> WelcomeSteps { get; } =
    [
        "Read today's lesson: /today",
        "Do the task, then check in: /done",
        "Test yourself: /quiz",
        "Track progress: /me, /streak, /leaderboard",
    ];
    public override string WelcomeAdminHint => "You administer this chat: /setup sets the start date, time zone, post time and language.";
    public override string HelpHeading => "🤖 Commands";
    public override IReadOnlyList<CommandHelp> MemberCommands { get; } =
    [
        new("start", "/start", "welcome and where the group stands"),
        new("today", "/today", "today's lesson"),
        new("lesson", "/lesson N", "the lesson of day N (past days only)"),
        new("roadmap", "/roadmap", "the stages of the route and your progress"),
        new("sources", "/sources [topic]", "first-hand sources: today's, or by topic"),
        new("quiz", "/quiz [N]", "quiz on today's lesson (or day N)"),
        new("answer", "/answer …", "answer the current quiz question"),
        new("done", "/done", "check in for today (打卡)"),
        new("me", "/me", "your progress"),
        new("streak", "/streak", "your streak"),
        new("leaderboard", "/leaderboard", "who keeps going"),
        new("lang", "/lang zh|en", "your language"),
        new("subscribe", "/subscribe EMAIL · /subscribe CODE", "get the weekly digest by email (a code is mailed to confirm)"),
        new("unsubscribe", "/unsubscribe", "stop the digest by email"),
        new("remind", "/remind [on|off]", "a direct message in the evening if you have not checked in"),
        new("help", "/help", "this list"),
    ];
    public override IReadOnlyList<CommandHelp> AdminCommands { get; } =
    [
        new("setup", "/setup [key=value …]", "show or change track, start date, time zone, post time, digest, language, evening reminder time"),
        new("pause", "/pause", "pause daily posts"),
        new("resume", "/resume", "resume daily posts"),
        new("digest", "/digest now", "post this week's digest now"),
        new("regrade", "/regrade [NAME|ID]", "grade an open answer again with the current grader"),
    ];
    public override string AdminCommandsTitle => "For admins:";
    public override string AdminCommandsTitleNotAdmin => "For the chat's admins:";
    public override string LangUsage(string current) => $"Your language is {current}. Change it with /lang zh or /lang en.";
    public override string LangChanged => "OK, I'll talk to you in English.";

    public override string Paused => "⏸ Daily posts are paused. /resume starts them again.";
    public override string AlreadyPaused => "Daily posts are already paused.";
    public override string Resumed(TimeOnly postTime, string timeZone) => $"▶ Daily posts resume at {postTime:HH\\:mm} ({timeZone}).";
    public override string NotPaused => "Daily posts are not paused.";
    public override string SettingsHeading => "⚙ Chat settings";
    public override string SettingsSaved => "✅ Saved. Chat settings now:";
    public override string SettingsDay(int day, int lessons) => day < 1 ? "not started yet" : $"day {Math.Min(day, lessons)} of {lessons}";
    public override string SettingsPaused => "daily posts: paused";
    public override string SettingsRunning => "daily posts: on";
    public override string SetupNothingChanged => "Nothing was changed:";
    public override string SetupProblem(SetupProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var value = Clip(problem.Value);
        return problem.Kind switch
        {
            SetupProblemKind.UnknownKey => $"unknown key \"{Clip(problem.Key)}\"; valid keys: {string.Join(", ", problem.Suggestions)}",
            SetupProblemKind.NotKeyValue => $"\"{Clip(problem.Key)}\" is not key=value",
            SetupProblemKind.Repeated => $"{problem.Key} is given twice",
            SetupProblemKind.BadTrack => $"track=\"{value}\" is not a track; choose one of: {string.Join(", ", problem.Suggestions)}",
            SetupProblemKind.BadDate => $"start=\"{value}\" is not a date; use YYYY-MM-DD, e.g. start=2026-12-01",
            SetupProblemKind.BadZone => $"tz=\"{value}\" is not an IANA time zone; did you mean: {string.Join(", ", problem.Suggestions)}?",
            SetupProblemKind.BadTime => $"time=\"{value}\" is not a time; use HH:MM (24 h), e.g. time=09:00",
            SetupProblemKind.BadDigest => $"digest=\"{value}\" is not a weekday; use e.g. digest=Sun or digest=Sun@18:00",
            SetupProblemKind.BadLanguage => $"lang=\"{value}\" is not supported; use lang=en or lang=zh",
            SetupProblemKind.BadEvening => $"evening=\"{value}\" is not a time; use HH:MM (24 h), e.g. evening=20:30",
            _ => problem.Kind.ToString(),
        };
    }

    private static string Clip(string text) => text.Length <= 32 ? text : text[..32] + "…";
}

using StudyBot.Core.Groups;
using StudyBot.Core.Sources;

namespace StudyBot.Core.Localization;

internal sealed class ChineseTexts : Texts
{
    public static readonly ChineseTexts Instance = new();

    public override Language Language => Language.Zh;

    public override string MessageTooLong(int limit) => $"这条消息太长了（超过 {limit} 个字符），我没有读取也没有保存。请发短一点。";
    public override string UnknownCommand(string? name) => name is null ? "我只认识命令。发送 /help 查看全部命令。" : $"我不认识 /{Clip(name)}。发送 /help 查看我能做什么。";
    public override string AdminOnly(string command) => $"只有本群管理员可以使用 /{command}。";
    public override string DatabaseUnavailable => "暂时连不上数据库，这次操作没有保存。请稍后再试。";

    public override string LessonHeading(int day, string title) => $"📘 第 {day} 天 · {title}";
    public override string StageLabel(string stage) => $"阶段：{stage}";
    public override string ObjectivesTitle => "学完你能：";
    public override string SourcesTitle => "一手资料：";
    public override string TaskTitle => "今晚的任务：";
    public override string DoneWhenTitle => "完成标准：";
    public override string NotStartedYet(DateOnly start, int daysToGo) => $"学习路线将于 {start:yyyy-MM-dd} 开始（还有 {daysToGo} 天）。在此之前可以用 /roadmap 看看整体安排。";
    public override string RouteFinished(int lessons) => $"🎓 本群已完成全部 {lessons} 课。可以用 /lesson N 复习，或请管理员用 /setup start=YYYY-MM-DD 开启新一轮。";
    public override string ChatPausedNote => "本群的每日推送已暂停（管理员可用 /resume 恢复）。";
    public override string LessonUsage(int lessons) => $"用法：/lesson N，N 为 1 到 {lessons} 之间的天数。";
    public override string LessonNotANumber(string typed, int lessons) => $"“{typed}”不是天数。用法：/lesson N，N 为 1 到 {lessons}。";
    public override string LessonOutOfRange(int day, int lessons) => $"没有第 {day} 天：这条路线共 {lessons} 课。";
    public override string LessonLocked(int day, DateOnly opensOn, int today) => $"🔒 第 {day} 天的内容将于 {opensOn:yyyy-MM-dd} 解锁。本群目前在第 {today} 天，一步一步来。";

    public override string QuizButton => "测验";
    public override string DoneButton => "打卡 ✅";
    public override string SourcesButton => "资料";
    public override string TodayButton => "今日课程";
    public override string HelpButton => "帮助";
    public override string LeaderboardButton => "排行榜";

    public override string RoadmapHeading(string track, int lessons) => $"🗺 学习路线 · {track}（共 {lessons} 天）";
    public override string RoadmapPosition(int day, int lessons) => day < 1 ? "本群还没有开始。" : day > lessons ? "本群已完成整条路线。" : $"本群进行到第 {day} / {lessons} 天。";
    public override string DayRange(int first, int last) => first == last ? $"第 {first} 天" : $"第 {first}–{last} 天";
    public override string StageProgress(int checkedIn, int days) => $"你已打卡 {checkedIn}/{days}";

    public override string SourcesUsage => "用法：/sources（今天的资料）、/sources N（之前某天的资料）或 /sources 主题（例如 /sources rag）。";
    public override string LessonSourcesHeading(int day, string title) => $"📚 第 {day} 天资料 · {title}";
    public override string SourcesSearchHint => "用 /sources 主题 搜索整个资料库，例如 /sources rag。";
    public override string NoSourcesFound(string query, IReadOnlyList<string> topics) => $"没有找到与“{query}”相关的资料。试试：{string.Join("、", topics)}。";
    public override string SourcesFoundHeading(string query, int count) => $"📚 “{query}”相关资料 {count} 条";
    public override string SourceKindName(SourceKind kind) => kind switch
    {
        SourceKind.Paper => "论文",
        SourceKind.Docs => "官方文档",
        SourceKind.Course => "课程",
        SourceKind.Book => "书",
        SourceKind.Repo => "源码仓库",
        SourceKind.Newsletter => "资讯",
        SourceKind.Regulation => "法规",
        _ => kind.ToString(),
    };
    public override string SecondHandTag => "二手资料：用于发现，不宜据此学习";
    public override string MoreSources(int count) => $"……还有 {count} 条，换个更具体的主题可以看到。";

    public override string CheckedIn(string name, int day, int streak) => $"✅ {name}，第 {day} 天打卡成功！已连续 {streak} 天。";
    public override string AlreadyCheckedIn(int streak) => $"你今天已经打过卡了，已连续 {streak} 天。明天见！";
    public override string NewBestStreak(int streak) => $"🔥 刷新个人纪录：连续 {streak} 天。";
    public override string StreakHeading(int streak) => $"🔥 当前连续打卡：{streak} 天";
    public override string StreakDetails(int longest, int total) => $"最长连续：{longest} 天 · 累计打卡：{total} 天";
    public override string LastTwoWeeks => "最近 14 天，从左到右由远及近。";
    public override string StreakNudge => "你今天还没打卡：完成任务后发送 /done 保持连续。";
    public override string MeHeading(string name) => $"👤 {name}";
    public override string MeGroupDay(int day, int lessons) => $"本群进度：第 {day} / {lessons} 天";
    public override string MeCheckIns(int total, int current, int longest) => $"打卡：累计 {total} 天 · 连续 {current} 天 · 最长 {longest} 天";
    public override string MeQuizzes(int completed, string average) => $"完成测验：{completed} 次 · 平均 {average}";
    public override string MeRank(int rank, int total) => $"本群排名：{rank} / {total}";
    public override string MeNotRanked => "还没上榜：/done 打卡或 /quiz 做测验就能上榜。";
    public override string MeLanguage(string language) => $"语言：{language}（用 /lang 切换）";
    public override string LeaderboardHeading => "🏆 排行榜";
    public override string LeaderboardEmpty => "还没有人打卡。做第一个吧：完成今天的任务后发送 /done。";
    public override string LeaderboardRow(int streak, int checkIns, int quizzes, string average) => $"🔥{streak} · 打卡 {checkIns} 天 · 测验 {quizzes} 次（{average}）";

    public override string QuizUsage => "用法：/quiz 做今天的测验，或 /quiz N 做之前某天的测验。";
    public override string QuizHeading(int day, string title, int questions) => $"📝 测验 · 第 {day} 天 · {title}（共 {questions} 题）";
    public override string QuizResumed(int answered) => $"从上次中断的地方继续（已答 {answered} 题）。";
    public override string AnswerWithNumber(int options) => $"请用 /answer 加选项编号作答（1–{options}）。";
    public override string OpenQuestionHeading(int number, int total) => $"第 {number} / {total} 题 · 用自己的话回答";
    public override string AnswerInYourWords => "请发送 /answer 加上你的回答（几句话即可）。";
    public override string NoQuizInProgress => "你没有进行中的测验。发送 /quiz 开始今天的测验。";
    public override string Correct => "✅ 回答正确。";
    public override string Incorrect(int number, string optionText) => $"❌ 不太对：正确答案是 {number}。{optionText}。";
    public override string AnswerEmpty => "回答是空的。请把答案写在 /answer 后面，例如 /answer token 是……";
    public override string AnswerTooLong(int length, int limit) => $"你的回答有 {length} 个字符，请控制在 {limit} 以内后重新发送。本次没有评分。";
    public override string NotCurrentQuestion => "这个按钮属于一道你已经答过的题。当前的题目是：";
    public override string AlreadyAnswered => "这道题已经答过了。发送 /quiz 查看当前进度。";
    public override string QuizFinished(string score, int total) => $"🎉 测验完成：{score} / {total}。";
    public override string OpenScore(string percent) => $"得分：{percent}";
    public override string GradedOffline => "（离线评分：按要点比对）";
    public override string GradedBy(string grader) => $"（评分：{grader}）";
    public override string KeyPointsCovered => "你答到了：";
    public override string KeyPointsMissed => "你漏掉了：";
    public override string ReadMoreIn => "参阅";
    public override string ModelAnswer => "参考答案：";
    public override string GradingInProgress => "⏳ 收到。正在评分，结果稍后发到这里。";
    public override string GradedOfflineFallback => "（离线评分：按要点比对；AI 评分没有给出可用的结果）";
    public override string GradedOfflineBudget => "（离线评分：按要点比对；你今天的 AI 评分次数已用完）";
    public override string GradedOfflineBusy => "（离线评分：按要点比对；AI 评分正忙）";
    public override string GradingQueueFull => "评分服务正忙，请一分钟后再试 /regrade。";
    public override string RegradeNothingFound(string what) => $"没有可重新评分的开放题回答（{what}）。用法：/regrade（你最近的回答）、/regrade 名字（某位成员最近的回答）或 /regrade 编号。";
    public override string RegradeStillGrading(long answerId) => $"回答 #{answerId} 还在评分中，请先等它的反馈。";
    public override string RegradeQueued(long answerId, string member) => $"⏳ 正在重新评分 {member} 的回答 #{answerId}，新的反馈稍后发出。";
    public override string Regraded(long answerId, string member, string before, string after) => $"🔁 {member} 的回答 #{answerId} 已重新评分：{before} → {after}";

    public override string WelcomeHeading(string name) => $"👋 欢迎，{name}！";
    public override string WelcomeIntro => "StudyBot 带领本群从会用大模型走到能构建、微调和上线大模型应用：每天一课、一手资料、一个动手任务和一次测验。";
    public override string WelcomePosition(string track, int day, int lessons) => $"本群的路线是“{track}”，目前在第 {day} / {lessons} 天。";
    public override IReadOnlyList<string> WelcomeSteps { get; } =
    [
        "阅读今天的课程：/today",
        "完成任务后打卡：/done",
        "测一测自己：/quiz",
        "查看进度：/me、/streak、/leaderboard",
    ];
    public override string WelcomeAdminHint => "你是本群管理员：/setup 可以设置开始日期、时区、推送时间和语言。";
    public override string HelpHeading => "🤖 命令";
    public override IReadOnlyList<CommandHelp> MemberCommands { get; } =
    [
        new("start", "/start", "欢迎信息和本群进度"),
        new("today", "/today", "今天的课程"),
        new("lesson", "/lesson N", "第 N 天的课程（仅限已解锁的天）"),
        new("roadmap", "/roadmap", "路线各阶段和你的进度"),
        new("sources", "/sources [主题]", "一手资料：今天的或按主题搜索"),
        new("quiz", "/quiz [N]", "今天（或第 N 天）的测验"),
        new("answer", "/answer ……", "回答当前测验题"),
        new("done", "/done", "今日打卡"),
        new("me", "/me", "你的进度"),
        new("streak", "/streak", "你的连续打卡"),
        new("leaderboard", "/leaderboard", "排行榜"),
        new("lang", "/lang zh|en", "切换语言"),
        new("subscribe", "/subscribe 邮箱 · /subscribe 验证码", "通过邮件接收每周简报（会发送验证码确认）"),
        new("unsubscribe", "/unsubscribe", "取消邮件周报"),
        new("remind", "/remind [on|off]", "当天未打卡时，晚上私信提醒你"),
        new("help", "/help", "本列表"),
    ];
    public override IReadOnlyList<CommandHelp> AdminCommands { get; } =
    [
        new("setup", "/setup [key=value …]", "查看或修改路线、开始日期、时区、推送时间、周报、语言、晚间提醒时间"),
        new("pause", "/pause", "暂停每日推送"),
        new("resume", "/resume", "恢复每日推送"),
        new("digest", "/digest now", "立即发布本周简报"),
        new("regrade", "/regrade [名字|编号]", "用当前的评分器重新评一道开放题"),
    ];
    public override string AdminCommandsTitle => "管理员命令：";
    public override string AdminCommandsTitleNotAdmin => "管理员命令（仅限本群管理员）：";
    public override string LangUsage(string current) => $"你当前的语言是 {current}。用 /lang zh 或 /lang en 切换。";
    public override string LangChanged => "好的，之后我用中文和你交流。";

    public override string Paused => "⏸ 每日推送已暂停。/resume 可恢复。";
    public override string AlreadyPaused => "每日推送已经是暂停状态。";
    public override string Resumed(TimeOnly postTime, string timeZone) => $"▶ 每日推送已恢复，每天 {postTime:HH\\:mm}（{timeZone}）发送。";
    public override string NotPaused => "每日推送没有暂停。";
    public override string SettingsHeading => "⚙ 本群设置";
    public override string SettingsSaved => "✅ 已保存。当前设置：";
    public override string SettingsDay(int day, int lessons) => day < 1 ? "尚未开始" : $"第 {Math.Min(day, lessons)} / {lessons} 天";
    public override string SettingsPaused => "每日推送：已暂停";
    public override string SettingsRunning => "每日推送：开启";
    public override string SetupNothingChanged => "没有做任何修改：";
    public override string SetupProblem(SetupProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var value = Clip(problem.Value);
        return problem.Kind switch
        {
            SetupProblemKind.UnknownKey => $"未知的设置项“{Clip(problem.Key)}”；可用的有：{string.Join(", ", problem.Suggestions)}",
            SetupProblemKind.NotKeyValue => $"“{Clip(problem.Key)}”不是 key=value 形式",
            SetupProblemKind.Repeated => $"{problem.Key} 出现了两次",
            SetupProblemKind.BadTrack => $"track=“{value}”不是有效路线；可选：{string.Join(", ", problem.Suggestions)}",
            SetupProblemKind.BadDate => $"start=“{value}”不是日期；格式为 YYYY-MM-DD，例如 start=2026-12-01",
            SetupProblemKind.BadZone => $"tz=“{value}”不是 IANA 时区；你是不是想要：{string.Join(", ", problem.Suggestions)}？",
            SetupProblemKind.BadTime => $"time=“{value}”不是时间；格式为 HH:MM（24 小时制），例如 time=09:00",
            SetupProblemKind.BadDigest => $"digest=“{value}”不是星期；例如 digest=Sun 或 digest=Sun@18:00",
            SetupProblemKind.BadLanguage => $"不支持 lang=“{value}”；请用 lang=en 或 lang=zh",
            SetupProblemKind.BadEvening => $"evening=“{value}”不是时间；格式为 HH:MM（24 小时制），例如 evening=20:30",
            _ => problem.Kind.ToString(),
        };
    }

    private static string Clip(string text) => text.Length <= 32 ? text : text[..32] + "…";
}

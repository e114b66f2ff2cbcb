using System.Globalization;
using StudyBot.Core.Localization;

namespace StudyBot.Core.Digests;

/// <summary>The weekly digest's sentences, per language (abstract: a language missing one does not compile).</summary>
public abstract class DigestTexts
{
    public static DigestTexts For(Language language) => language == Language.Zh ? Chinese.Instance : English.Instance;

    public abstract string Heading(DateOnly first, DateOnly last);
    public abstract string CheckInsTitle { get; }
    public abstract string CheckIns(int checkIns, int members);
    public abstract string NoCheckIns { get; }
    public abstract string DayBar(DateOnly day, int count);
    public abstract string StreakLeadersTitle { get; }
    public abstract string StreakLeader(string name, int streak);
    public abstract string QuizTitle { get; }
    public abstract string QuizAccuracy(string percent, int answers);
    public abstract string NoQuizAnswers { get; }
    public abstract string MostMissedTitle { get; }
    public abstract string MostMissed(string question, int missed, string answer);
    public abstract string NextWeekTitle { get; }
    public abstract string NextLesson(int day, string title);
    public abstract string RouteEnds { get; }
    public abstract string NewSourcesTitle { get; }
    public abstract string ChartTitle(DateOnly first, DateOnly last);
    public abstract string ChartAxis { get; }
    public abstract string ChartDayLabel(DateOnly day);
    public abstract string ChartAlt(DateOnly first, DateOnly last, string perDay);

    private sealed class English : DigestTexts
    {
        public static readonly English Instance = new();

        public override string Heading(DateOnly first, DateOnly last) => $"📰 Weekly digest · {first:yyyy-MM-dd} – {last:yyyy-MM-dd}";
        public override string CheckInsTitle => "Check-ins";
        public override string CheckIns(int checkIns, int members) => $"{checkIns} check-in(s) by {members} member(s) this week.";
        public override string NoCheckIns => "No check-ins this week. A fresh start: /today, then /done.";
        public override string DayBar(DateOnly day, int count) => $"{day:ddd dd}: {new string('█', Math.Min(count, 30))} {count}";
        public override string StreakLeadersTitle => "Streak leaders";
        public override string StreakLeader(string name, int streak) => $"{name}: {streak} day(s)";
        public override string QuizTitle => "Quizzes";
        public override string QuizAccuracy(string percent, int answers) => $"Multiple-choice accuracy: {percent} over {answers} answer(s).";
        public override string NoQuizAnswers => "No quiz answers this week.";
        public override string MostMissedTitle => "Most missed";
        public override string MostMissed(string question, int missed, string answer) => $"{question} — missed {missed}×. Answer: {answer}";
        public override string NextWeekTitle => "Next week";
        public override string NextLesson(int day, string title) => $"Day {day}: {title}";
        public override string RouteEnds => "The route ends here. Well done!";
        public override string NewSourcesTitle => "New in the source catalogue";
        public override string ChartTitle(DateOnly first, DateOnly last) => $"Check-ins per day, {first:MMM d} – {last:MMM d}";
        public override string ChartAxis => "check-ins";
        public override string ChartDayLabel(DateOnly day) => day.ToString("ddd\nMM-dd", CultureInfo.InvariantCulture);
        public override string ChartAlt(DateOnly first, DateOnly last, string perDay) => $"Check-ins per day {first:yyyy-MM-dd} – {last:yyyy-MM-dd}: {perDay}";
    }

    private sealed class Chinese : DigestTexts
    {
        public static readonly Chinese Instance = new();

        public override string Heading(DateOnly first, DateOnly last) => $"📰 每周简报 · {first:yyyy-MM-dd} – {last:yyyy-MM-dd}";
        public override string CheckInsTitle => "打卡";
        public override string CheckIns(int checkIns, int members) => $"本周 {members} 位成员共打卡 {checkIns} 次。";
        public override string NoCheckIns => "本周没有人打卡。重新开始吧：/today，然后 /done。";
        public override string DayBar(DateOnly day, int count) => $"{day:MM-dd}：{new string('█', Math.Min(count, 30))} {count}";
        public override string StreakLeadersTitle => "连续打卡榜";
        public override string StreakLeader(string name, int streak) => $"{name}：{streak} 天";
        public override string QuizTitle => "测验";
        public override string QuizAccuracy(string percent, int answers) => $"选择题正确率：{percent}（共 {answers} 次作答）。";
        public override string NoQuizAnswers => "本周没有测验作答。";
        public override string MostMissedTitle => "错得最多的题";
        public override string MostMissed(string question, int missed, string answer) => $"{question} —— 答错 {missed} 次。正确答案：{answer}";
        public override string NextWeekTitle => "下周课程";
        public override string NextLesson(int day, string title) => $"第 {day} 天：{title}";
        public override string RouteEnds => "路线到此结束，辛苦了！";
        public override string NewSourcesTitle => "资料库新增";
        public override string ChartTitle(DateOnly first, DateOnly last) => $"每日打卡人数 · {first:MM-dd} – {last:MM-dd}";
        public override string ChartAxis => "打卡";
        public override string ChartDayLabel(DateOnly day) => $"{WeekDays[(int)day.DayOfWeek]}\n{day:MM-dd}";
        public override string ChartAlt(DateOnly first, DateOnly last, string perDay) => $"{first:yyyy-MM-dd} – {last:yyyy-MM-dd} 每日打卡：{perDay}";

        private static readonly string[] WeekDays = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];
    }
}

using System.Globalization;
using StudyBot.Core.Commands;
using StudyBot.Core.Localization;

namespace StudyBot.Core.Progress;

/// <summary>/me: the member's own progress in this chat.</summary>
public sealed class MeHandler : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["me", "progress"];

    public bool AdminOnly => false;

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var t = context.T;
        var schedule = context.Schedule;
        var standings = await ProgressQueries.StandingsAsync(context.Db, context.Chat.Id, schedule.Today, cancellationToken).ConfigureAwait(false);
        var mine = standings.FirstOrDefault(s => s.MemberId == context.Member.Id);
        var rank = mine is null ? 0 : standings.ToList().IndexOf(mine) + 1;
        var streak = mine?.Streak ?? new StreakSummary(0, 0, 0, false);

        return new ReplyBuilder()
            .Heading(t.MeHeading(context.Member.DisplayName))
            .List(
            [
                t.MeGroupDay(Math.Max(schedule.Day, 0), schedule.Lessons.Count),
                t.MeCheckIns(streak.TotalDays, streak.Current, streak.Longest),
                t.MeQuizzes(mine?.QuizzesCompleted ?? 0, Percent(mine?.QuizAverage ?? 0)),
                rank > 0 ? t.MeRank(rank, standings.Count) : t.MeNotRanked,
                t.MeLanguage(context.Language == Language.Zh ? "中文" : "English"),
            ])
            .Personal()
            .Build();
    }

    internal static string Percent(double ratio) => Math.Round(ratio * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}

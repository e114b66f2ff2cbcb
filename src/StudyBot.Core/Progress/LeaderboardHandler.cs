using System.Globalization;
using StudyBot.Core.Commands;

namespace StudyBot.Core.Progress;

/// <summary>/leaderboard: the chat's members by current streak, then check-ins, then quiz results.</summary>
public sealed class LeaderboardHandler : ICommandHandler
{
    private const int Shown = 10;

    public IReadOnlyList<string> Names { get; } = ["leaderboard", "top"];

    public bool AdminOnly => false;

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var t = context.T;
        var standings = await ProgressQueries.StandingsAsync(context.Db, context.Chat.Id, context.Schedule.Today, cancellationToken).ConfigureAwait(false);
        if (standings.Count == 0)
        {
            return Reply.Text(t.LeaderboardEmpty);
        }

        var rows = standings.Select((s, i) => (Rank: i + 1, Standing: s)).ToList();
        var shown = rows.Take(Shown).ToList();
        var mine = rows.FirstOrDefault(r => r.Standing.MemberId == context.Member.Id);
        if (mine.Standing is not null && mine.Rank > Shown)
        {
            shown.Add(mine);
        }

        var builder = new ReplyBuilder().Heading(t.LeaderboardHeading);
        builder.List(shown.Select(r => (IReadOnlyList<Span>)
        [
            new Span($"{Medal(r.Rank)} {r.Standing.DisplayName}", r.Standing.MemberId == context.Member.Id ? SpanStyle.Bold : SpanStyle.None),
            new Span(" — " + t.LeaderboardRow(r.Standing.Streak.Current, r.Standing.Streak.TotalDays, r.Standing.QuizzesCompleted, MeHandler.Percent(r.Standing.QuizAverage))),
        ]));
        return builder.Build();
    }

    private static string Medal(int rank) => rank switch
    {
        1 => "🥇",
        2 => "🥈",
        3 => "🥉",
        _ => rank.ToString(CultureInfo.InvariantCulture) + ".",
    };
}

using StudyBot.Core.Commands;

namespace StudyBot.Core.Progress;

/// <summary>/streak: current and best streak, and the last two weeks at a glance.</summary>
public sealed class StreakHandler : ICommandHandler
{
    private const int CalendarDays = 14;

    public IReadOnlyList<string> Names { get; } = ["streak"];

    public bool AdminOnly => false;

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var t = context.T;
        var today = context.Schedule.Today;
        var dates = await ProgressQueries.CheckInDatesAsync(context.Db, context.Chat.Id, context.Member.Id, cancellationToken).ConfigureAwait(false);
        var streak = Streaks.Summarize(dates, today);
        var set = dates.ToHashSet();
        var calendar = string.Concat(Enumerable.Range(0, CalendarDays).Select(i => set.Contains(today.AddDays(i - CalendarDays + 1)) ? "✅" : "⬜"));

        var builder = new ReplyBuilder()
            .Heading(t.StreakHeading(streak.Current))
            .Paragraph(t.StreakDetails(streak.Longest, streak.TotalDays))
            .Paragraph(new Span(calendar))
            .Paragraph(new Span(t.LastTwoWeeks, SpanStyle.Italic));
        if (!streak.CheckedInToday && !context.Schedule.NotStarted)
        {
            builder.Paragraph(t.StreakNudge).Button(t.DoneButton, "/done");
        }

        return builder.Personal().Build();
    }
}

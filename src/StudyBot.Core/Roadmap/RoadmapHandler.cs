using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Commands;

namespace StudyBot.Core.Roadmap;

/// <summary>/roadmap: the stages of the group's track, where the group is, and the member's check-ins per stage.</summary>
public sealed class RoadmapHandler : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["roadmap"];

    public bool AdminOnly => false;

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var t = context.T;
        var language = context.Language;
        var schedule = context.Schedule;
        var track = context.Catalog.FindTrack(context.Chat.TrackId) ?? context.Catalog.DefaultTrack;

        var checkedDays = await context.Db.CheckIns
            .Where(c => c.ChatId == context.Chat.Id && c.MemberId == context.Member.Id)
            .Select(c => c.LessonDay)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var checkedSet = checkedDays.ToHashSet();

        var builder = new ReplyBuilder()
            .Heading(t.RoadmapHeading(track.Title.For(language), schedule.Lessons.Count))
            .Paragraph(t.RoadmapPosition(schedule.Day, schedule.Lessons.Count));

        var items = new List<IReadOnlyList<Span>>();
        var day = 1;
        foreach (var group in schedule.Lessons.GroupBy(l => l.StageId))
        {
            var first = day;
            var last = day + group.Count() - 1;
            day = last + 1;
            var stage = context.Catalog.FindStage(group.Key);
            var title = stage?.Title.For(language) ?? group.Key;
            var mine = Enumerable.Range(first, last - first + 1).Count(checkedSet.Contains);
            var marker = schedule.Day > last ? "✔" : schedule.Day >= first ? "▶" : "·";
            var style = schedule.Day >= first && schedule.Day <= last ? SpanStyle.Bold : SpanStyle.None;
            items.Add([new Span($"{marker} {t.DayRange(first, last)} ", style), new Span(title, style), new Span(" — " + t.StageProgress(mine, last - first + 1))]);
        }

        builder.List(items);
        builder.Button(t.TodayButton, "/today");
        return builder.Personal().Build();
    }
}

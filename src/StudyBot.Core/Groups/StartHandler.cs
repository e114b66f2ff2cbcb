using StudyBot.Core.Commands;

namespace StudyBot.Core.Groups;

/// <summary>/start: welcome, where the group stands, and what to do first.</summary>
public sealed class StartHandler : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["start"];

    public bool AdminOnly => false;

    public Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var t = context.T;
        var schedule = context.Schedule;
        var track = context.Catalog.FindTrack(context.Chat.TrackId) ?? context.Catalog.DefaultTrack;
        var builder = new ReplyBuilder()
            .Heading(t.WelcomeHeading(context.Member.DisplayName))
            .Paragraph(t.WelcomeIntro)
            .Paragraph(schedule.NotStarted
                ? t.NotStartedYet(context.Chat.StartDate, 1 - schedule.Day)
                : t.WelcomePosition(track.Title.For(context.Language), Math.Min(schedule.Day, schedule.Lessons.Count), schedule.Lessons.Count))
            .List(t.WelcomeSteps, numbered: true);
        if (context.IsAdmin)
        {
            builder.Paragraph(new Span(t.WelcomeAdminHint, SpanStyle.Italic));
        }

        return Task.FromResult(builder.Button(t.TodayButton, "/today").Button(t.HelpButton, "/help").Build());
    }
}

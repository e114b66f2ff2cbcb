using StudyBot.Core.Commands;
using StudyBot.Core.Digests;

namespace StudyBot.Core.Roadmap;

/// <summary>/today: the group's lesson for its current day, whatever day the member joined.</summary>
public sealed class TodayHandler : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["today"];

    public bool AdminOnly => false;

    public Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var schedule = context.Schedule;
        var t = context.T;
        if (schedule.NotStarted)
        {
            return Task.FromResult(Reply.Text(t.NotStartedYet(context.Chat.StartDate, 1 - schedule.Day)));
        }

        if (schedule.TodaysLesson is not { } lesson)
        {
            return Task.FromResult(Reply.Text(t.RouteFinished(schedule.Lessons.Count)));
        }

        var post = LessonPost.Compose(context.Catalog, lesson, schedule.Day, context.Language, isToday: true);
        return Task.FromResult(context.Chat.Paused ? Prepend(post, t.ChatPausedNote) : post);
    }

    private static Reply Prepend(Reply reply, string note) =>
        reply with { Blocks = [new ParagraphBlock([new Span(note, SpanStyle.Italic)]), .. reply.Blocks] };
}

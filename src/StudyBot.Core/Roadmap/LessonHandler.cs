using System.Globalization;
using StudyBot.Core.Commands;
using StudyBot.Core.Digests;

namespace StudyBot.Core.Roadmap;

/// <summary>/lesson N: any day up to the group's current one; future lessons stay locked.</summary>
public sealed class LessonHandler : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["lesson", "day"];

    public bool AdminOnly => false;

    public Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var t = context.T;
        var schedule = context.Schedule;
        var words = context.Command.Words();
        if (words.Count == 0)
        {
            return Task.FromResult(Reply.Text(t.LessonUsage(schedule.Lessons.Count)));
        }

        if (words.Count != 1 || !int.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out var day) || day < 1)
        {
            return Task.FromResult(Reply.Text(t.LessonNotANumber(Clip(context.Command.Arguments), schedule.Lessons.Count)));
        }

        if (schedule.LessonOnDay(day) is not { } lesson)
        {
            return Task.FromResult(Reply.Text(t.LessonOutOfRange(day, schedule.Lessons.Count)));
        }

        if (!schedule.IsUnlocked(day))
        {
            return Task.FromResult(Reply.Text(t.LessonLocked(day, schedule.DateOfDay(day), Math.Max(schedule.Day, 0))));
        }

        return Task.FromResult(LessonPost.Compose(context.Catalog, lesson, day, context.Language, isToday: day == schedule.Day));
    }

    internal static string Clip(string text) => text.Length <= 20 ? text : text[..20] + "…";
}

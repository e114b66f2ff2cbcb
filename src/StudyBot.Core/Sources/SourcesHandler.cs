using System.Globalization;
using StudyBot.Core.Commands;
using StudyBot.Core.Digests;

namespace StudyBot.Core.Sources;

/// <summary>/sources [topic | day]: today's lesson sources, a past day's, or the catalogue searched by topic.</summary>
public sealed class SourcesHandler : ICommandHandler
{
    private const int MaxResults = 10;

    public IReadOnlyList<string> Names { get; } = ["sources", "source"];

    public bool AdminOnly => false;

    public Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var t = context.T;
        var schedule = context.Schedule;
        var query = context.Command.Arguments.Trim();

        if (query.Length == 0 || int.TryParse(query, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            var day = query.Length == 0 ? schedule.Day : int.Parse(query, CultureInfo.InvariantCulture);
            if (!schedule.IsUnlocked(day) || schedule.LessonOnDay(day) is not { } lesson)
            {
                return Task.FromResult(Reply.Text(t.SourcesUsage));
            }

            var reply = new ReplyBuilder()
                .Heading(t.LessonSourcesHeading(day, lesson.Title.For(context.Language)))
                .List(lesson.Sources.Select(s => LessonPost.SourceLine(context.Catalog, s, context.Language)))
                .Paragraph(new Span(t.SourcesSearchHint, SpanStyle.Italic));
            return Task.FromResult(reply.Build());
        }

        var found = context.Catalog.SearchSources(query);
        if (found.Count == 0)
        {
            return Task.FromResult(Reply.Text(t.NoSourcesFound(LessonHandlerClip(query), TopTopics(context))));
        }

        var builder = new ReplyBuilder().Heading(t.SourcesFoundHeading(LessonHandlerClip(query), found.Count));
        builder.List(found.Take(MaxResults).Select(source => (IReadOnlyList<Span>)
        [
            new Span(source.Title, SpanStyle.Bold, source.Url),
            new Span($" — {t.SourceKindName(source.Kind)}{(source.Year is int year ? ", " + year.ToString(CultureInfo.InvariantCulture) : string.Empty)}"),
            new Span(source.Tier == SourceTier.FirstHand ? string.Empty : " · " + t.SecondHandTag, SpanStyle.Italic),
        ]));
        if (found.Count > MaxResults)
        {
            builder.Paragraph(t.MoreSources(found.Count - MaxResults));
        }

        return Task.FromResult(builder.Build());
    }

    private static string LessonHandlerClip(string text) => Roadmap.LessonHandler.Clip(text);

    private static List<string> TopTopics(CommandContext context) =>
        context.Catalog.Sources.SelectMany(s => s.Topics)
            .GroupBy(topic => topic, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(8).Select(g => g.Key).ToList();
}

using StudyBot.Core.Sources;

namespace StudyBot.Core.Content;

/// <summary>The validated, immutable content: stages, tracks, sources and lessons, with lookups by id.</summary>
public sealed class ContentCatalog
{
    private readonly Dictionary<string, Stage> _stages;
    private readonly Dictionary<string, Track> _tracks;
    private readonly Dictionary<string, Source> _sources;
    private readonly Dictionary<string, Lesson> _lessons;
    private readonly Dictionary<string, IReadOnlyList<Lesson>> _trackLessons;

    internal ContentCatalog(
        IReadOnlyList<Stage> stages,
        IReadOnlyList<Track> tracks,
        IReadOnlyList<Source> sources,
        IReadOnlyList<Lesson> lessons,
        string contentHash)
    {
        if (tracks.Count == 0)
        {
            throw new ArgumentException("A catalog needs at least one track.", nameof(tracks));
        }

        Stages = stages;
        Tracks = tracks;
        Sources = sources;
        Lessons = [.. lessons.OrderBy(lesson => lesson.Day)];
        ContentHash = contentHash;
        _stages = stages.ToDictionary(stage => stage.Id, StringComparer.Ordinal);
        _tracks = tracks.ToDictionary(track => track.Id, StringComparer.Ordinal);
        _sources = sources.ToDictionary(source => source.Id, StringComparer.Ordinal);
        _lessons = lessons.ToDictionary(lesson => lesson.Id, StringComparer.Ordinal);
        _trackLessons = tracks.ToDictionary(track => track.Id, SelectLessons, StringComparer.Ordinal);
    }

    /// <summary>Stages in roadmap order.</summary>
    public IReadOnlyList<Stage> Stages { get; }

    /// <summary>Tracks in roadmap order; the first is the default.</summary>
    public IReadOnlyList<Track> Tracks { get; }

    public Track DefaultTrack => Tracks[0];

    /// <summary>Sources in catalogue order.</summary>
    public IReadOnlyList<Source> Sources { get; }

    /// <summary>All lessons ordered by day, i.e. the full route.</summary>
    public IReadOnlyList<Lesson> Lessons { get; }

    /// <summary>SHA-256 (lowercase hex) over every content file, so callers can tell the content changed.</summary>
    public string ContentHash { get; }

    public Track? FindTrack(string id) => _tracks.GetValueOrDefault(id);

    public Stage? FindStage(string id) => _stages.GetValueOrDefault(id);

    public Source? FindSource(string id) => _sources.GetValueOrDefault(id);

    public Lesson? FindLesson(string id) => _lessons.GetValueOrDefault(id);

    /// <summary>The track's lessons in day order after its skips: a group's day N is index N-1.</summary>
    public IReadOnlyList<Lesson> LessonsOf(Track track)
    {
        ArgumentNullException.ThrowIfNull(track);
        return _trackLessons.TryGetValue(track.Id, out var lessons) && ReferenceEquals(_tracks[track.Id], track)
            ? lessons
            : SelectLessons(track);
    }

    /// <summary>
    /// Sources matching <paramref name="query"/> (case-insensitive): exact topic matches first, then topic
    /// prefixes, then title or id containing it; first-hand before second-hand, otherwise catalogue order.
    /// </summary>
    public IReadOnlyList<Source> SearchSources(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = query.Trim().ToLowerInvariant();
        if (text.Length == 0)
        {
            return [];
        }

        // Topics are hyphenated, so "fine tuning" should find the topic "fine-tuning".
        var topic = string.Join('-', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return Sources
            .Select(source => (Source: source, Rank: Rank(source, text, topic)))
            .Where(match => match.Rank != MatchRank.None)
            .OrderBy(match => match.Rank)
            .ThenBy(match => match.Source.Tier == SourceTier.FirstHand ? 0 : 1)
            .Select(match => match.Source)
            .ToList();
    }

    private IReadOnlyList<Lesson> SelectLessons(Track track) =>
        Lessons.Where(lesson => !track.SkipStages.Contains(lesson.StageId) && !track.SkipLessons.Contains(lesson.Id)).ToList();

    private static MatchRank Rank(Source source, string text, string topic)
    {
        if (source.Topics.Any(t => string.Equals(t, topic, StringComparison.OrdinalIgnoreCase)))
        {
            return MatchRank.Topic;
        }

        if (source.Topics.Any(t => t.StartsWith(topic, StringComparison.OrdinalIgnoreCase)))
        {
            return MatchRank.TopicPrefix;
        }

        return source.Title.Contains(text, StringComparison.OrdinalIgnoreCase)
            || source.Id.Contains(text, StringComparison.OrdinalIgnoreCase)
            || source.Id.Contains(topic, StringComparison.OrdinalIgnoreCase)
            ? MatchRank.TitleOrId
            : MatchRank.None;
    }

    private enum MatchRank
    {
        Topic,
        TopicPrefix,
        TitleOrId,
        None,
    }
}

namespace StudyBot.Core.Content;

/// <summary>A stage of the route (orientation, local models, RAG and agents …).</summary>
public sealed record Stage(string Id, int Order, LocalizedText Title, LocalizedText Summary);

/// <summary>
/// A track is an ordered selection of lessons: the full route, or a branch that skips stages or lessons.
/// A group's "day N" is the N-th lesson of its track.
/// </summary>
public sealed record Track(string Id, LocalizedText Title, LocalizedText Description, IReadOnlySet<string> SkipStages, IReadOnlySet<string> SkipLessons);

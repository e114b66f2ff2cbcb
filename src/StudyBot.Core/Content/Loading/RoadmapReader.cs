using YamlDotNet.RepresentationModel;

namespace StudyBot.Core.Content.Loading;

/// <summary>
/// roadmap.yaml as read. <see cref="StageIds"/> holds every stage id written, even of broken entries, so one bad
/// stage does not also fail every lesson that names it; null when the stage list could not be read at all.
/// </summary>
internal sealed record RoadmapDraft(
    IReadOnlyList<Stage>? Stages,
    IReadOnlyList<Located<Track>>? Tracks,
    IReadOnlySet<string>? StageIds,
    IReadOnlyList<Located<string>> SkippedLessons);

internal static class RoadmapReader
{
    private static readonly string[] DocumentFields = ["stages", "tracks"];
    private static readonly string[] StageFields = ["id", "title", "summary"];
    private static readonly string[] TrackFields = ["id", "title", "description", "skip_stages", "skip_lessons"];

    public static RoadmapDraft? Read(YamlNode root, FileErrors errors)
    {
        if (YamlMap.OpenDocument(root, errors, DocumentFields) is not { } map)
        {
            return null;
        }

        var (stages, stageIds) = ReadStages(map);
        var skippedLessons = new List<Located<string>>();
        var tracks = ReadTracks(map, stageIds, skippedLessons);
        return new RoadmapDraft(stages, tracks, stageIds, skippedLessons);
    }

    private static (List<Stage>? Stages, HashSet<string>? Ids) ReadStages(YamlMap map)
    {
        if (map.List("stages") is not { } items)
        {
            return (null, null);
        }

        if (items.Count == 0)
        {
            map.Errors.AtYamlLine(map.KeyLine("stages"), "stages", "must list at least one stage");
        }

        var uses = new FirstUses<string>("stage id", map.Errors.Sink);
        var stageIds = new HashSet<string>(StringComparer.Ordinal);
        var stages = new List<Stage?>();
        for (var i = 0; i < items.Count; i++)
        {
            if (YamlMap.Open(items[i], $"stages[{i}]", items[i].Start.Line, map.Errors, StageFields) is not { } stage)
            {
                stages.Add(null);
                continue;
            }

            var id = stage.Id("id");
            if (id is not null && uses.Add(stage.Locate("id", id)))
            {
                stageIds.Add(id);
            }

            var title = stage.Text("title");
            var summary = stage.Text("summary");
            stages.Add(id is null || title is null || summary is null ? null : new Stage(id, i + 1, title, summary));
        }

        return (Collected.AllOrNull(stages), stageIds);
    }

    private static List<Located<Track>>? ReadTracks(YamlMap map, HashSet<string>? stageIds, List<Located<string>> skippedLessons)
    {
        if (map.List("tracks") is not { } items)
        {
            return null;
        }

        if (items.Count == 0)
        {
            map.Errors.AtYamlLine(map.KeyLine("tracks"), "tracks", "must list at least one track; the first is the default");
        }

        var uses = new FirstUses<string>("track id", map.Errors.Sink);
        var tracks = new List<Located<Track>?>();
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"tracks[{i}]";
            if (YamlMap.Open(items[i], field, items[i].Start.Line, map.Errors, TrackFields) is not { } track)
            {
                tracks.Add(null);
                continue;
            }

            var id = track.Id("id");
            if (id is not null)
            {
                uses.Add(track.Locate("id", id));
            }

            var title = track.Text("title");
            var description = track.Text("description");
            var skipStages = track.Strings("skip_stages", required: false);
            foreach (var stage in skipStages ?? [])
            {
                if (stageIds is not null && !stageIds.Contains(stage.Value))
                {
                    map.Errors.Sink.Add(stage.Error($"unknown stage '{stage.Value}'"));
                }
            }

            var skipLessons = track.Strings("skip_lessons", required: false);
            skippedLessons.AddRange(skipLessons ?? []);
            tracks.Add(id is null || title is null || description is null || skipStages is null || skipLessons is null
                ? null
                : new Located<Track>(
                    new Track(id, title, description, Values(skipStages), Values(skipLessons)),
                    map.Errors.File,
                    map.Errors.FileLine(items[i].Start.Line),
                    field));
        }

        return Collected.AllOrNull(tracks);
    }

    private static HashSet<string> Values(IEnumerable<Located<string>> items) => items.Select(item => item.Value).ToHashSet(StringComparer.Ordinal);
}

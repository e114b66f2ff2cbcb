using StudyBot.Core.Content.Loading;
using StudyBot.Core.Sources;

namespace StudyBot.Core.Content;

/// <summary>
/// Loads and validates a content tree (content/FORMAT.md). Every problem in every file is collected, each with
/// its file, line and field, so an author can fix them all in one pass; a broken file does not stop the others.
/// </summary>
public static class ContentLoader
{
    public static ContentLoadResult Load(string contentRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentRoot);
        var errors = new List<ContentError>();
        using var files = new ContentFiles(Path.TrimEndingDirectorySeparator(Path.GetFullPath(contentRoot)), errors);

        var roadmap = files.Read(Path.Combine(files.Root, "roadmap.yaml")) is { } roadmapFile
            && YamlText.Parse(roadmapFile.Text, roadmapFile.Errors) is { } roadmapRoot
            ? RoadmapReader.Read(roadmapRoot, roadmapFile.Errors)
            : null;
        var sources = ReadSources(files);

        var targets = new ReferenceTargets(roadmap?.StageIds, sources?.Tiers);
        var lessons = new List<LessonDraft?>();
        foreach (var path in files.LessonPaths())
        {
            lessons.Add(files.Read(path) is { } file ? LessonReader.Read(file.Text, targets, file.Errors) : null);
        }

        CheckAcrossLessons(lessons, roadmap, errors);
        var catalog = errors.Count == 0 ? Build(roadmap, sources, lessons, files.Hash()) : null;
        return new ContentLoadResult(catalog, [.. errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line)]);
    }

    /// <summary>Unique ids, days 1…N without gaps, and track skips that name real lessons and leave some.</summary>
    private static void CheckAcrossLessons(List<LessonDraft?> lessons, RoadmapDraft? roadmap, List<ContentError> errors)
    {
        var ids = new FirstUses<string>("lesson id", errors);
        var days = new FirstUses<int>("day", errors);
        var firstDays = new List<Located<int>>();
        foreach (var lesson in lessons)
        {
            if (lesson?.Id is { } id)
            {
                ids.Add(id);
            }

            if (lesson?.Day is { } day && days.Add(day))
            {
                firstDays.Add(day);
            }
        }

        var expected = 1;
        foreach (var day in firstDays.OrderBy(d => d.Value))
        {
            if (day.Value != expected)
            {
                errors.Add(day.Error($"days must run 1, 2, 3… without gaps, but no lesson has day {expected}"));
            }

            expected = day.Value + 1;
        }

        // Only when every lesson was readable: otherwise an unreadable lesson's id would look unknown.
        if (roadmap is null || Collected.AllOrNull(lessons.Select(lesson => lesson?.Lesson).ToList()) is not { Count: > 0 } readable)
        {
            return;
        }

        var lessonIds = readable.Select(lesson => lesson.Id).ToHashSet(StringComparer.Ordinal);
        errors.AddRange(roadmap.SkippedLessons
            .Where(skipped => !lessonIds.Contains(skipped.Value))
            .Select(skipped => skipped.Error($"unknown lesson '{skipped.Value}'")));
        foreach (var track in roadmap.Tracks ?? [])
        {
            var skips = track.Value;
            if (!readable.Any(lesson => !skips.SkipStages.Contains(lesson.StageId) && !skips.SkipLessons.Contains(lesson.Id)))
            {
                errors.Add(track.Error("skips every lesson; a track needs at least one"));
            }
        }
    }

    /// <summary>
    /// sources.yaml plus any sources/*.yaml (so several authors can add sources without editing one file);
    /// an id defined in two files is an error at its second definition.
    /// </summary>
    private static SourcesDraft? ReadSources(ContentFiles files)
    {
        var paths = new List<string> { Path.Combine(files.Root, "sources.yaml") };
        var folder = Path.Combine(files.Root, "sources");
        if (Directory.Exists(folder))
        {
            paths.AddRange(Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal));
        }

        var merged = new List<Source>();
        var tiers = new Dictionary<string, SourceTier?>(StringComparer.Ordinal);
        var complete = true;
        foreach (var path in paths)
        {
            var draft = files.Read(path) is { } file && YamlText.Parse(file.Text, file.Errors) is { } root
                ? SourcesReader.Read(root, file.Errors)
                : null;
            if (draft is null)
            {
                return null; // an unreadable sources file: references to sources cannot be judged, so none are
            }

            foreach (var (id, tier) in draft.Tiers)
            {
                if (!tiers.TryAdd(id, tier))
                {
                    var text = File.ReadAllLines(path);
                    var line = Array.FindIndex(text, l => l.Trim() is var t && (t == $"- id: {id}" || t == $"id: {id}")) + 1;
                    files.ErrorsFor(path).AtFileLine(Math.Max(line, 1), "id", $"source id '{id}' is defined in another sources file too");
                    complete = false;
                }
            }

            if (draft.Sources is null)
            {
                complete = false;
            }
            else
            {
                merged.AddRange(draft.Sources);
            }
        }

        return new SourcesDraft(complete ? merged : null, tiers);
    }

    private static ContentCatalog? Build(RoadmapDraft? roadmap, SourcesDraft? sources, List<LessonDraft?> lessons, string hash)
    {
        var readLessons = lessons.Select(lesson => lesson?.Lesson).ToList();
        return roadmap is { Stages: { } stages, Tracks: { Count: > 0 } tracks }
            && sources?.Sources is IReadOnlyList<Source> catalogue
            && Collected.AllOrNull(readLessons) is { } all
            ? new ContentCatalog(stages, [.. tracks.Select(track => track.Value)], catalogue, all, hash)
            : null;
    }
}

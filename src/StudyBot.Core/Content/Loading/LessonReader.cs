using StudyBot.Core.Sources;

namespace StudyBot.Core.Content.Loading;

/// <summary>What lessons may refer to; a null set means its file could not be read, so those references go unchecked.</summary>
internal sealed record ReferenceTargets(IReadOnlySet<string>? StageIds, IReadOnlyDictionary<string, SourceTier?>? SourceTiers);

/// <summary>A lesson file as read: its id and day for checks across lessons, and the lesson when every part was readable.</summary>
internal sealed record LessonDraft(Located<string>? Id, Located<int>? Day, Lesson? Lesson);

internal static class LessonReader
{
    private static readonly string[] LessonFields = ["id", "day", "stage", "title", "objectives", "sources", "task", "quiz"];
    private static readonly string[] SourceFields = ["id", "read"];
    private static readonly string[] TaskFields = ["en", "zh", "done_when"];

    public static LessonDraft Read(string text, ReferenceTargets targets, FileErrors fileErrors)
    {
        var document = LessonDocument.Split(text, fileErrors);
        if (document is null)
        {
            return new LessonDraft(null, null, null);
        }

        var errors = fileErrors.WithYamlLineOffset(document.FrontMatterLineOffset);
        if (YamlText.Parse(document.FrontMatter, errors) is not { } root || YamlMap.OpenDocument(root, errors, LessonFields) is not { } map)
        {
            return new LessonDraft(null, null, null);
        }

        var id = map.Id("id");
        if (id is { Length: > ContentRules.MaxLessonIdLength })
        {
            map.Report("id", $"is {id.Length} characters; at most {ContentRules.MaxLessonIdLength}, so answer buttons fit Telegram's 64-byte callback data");
        }

        var day = ReadDay(map);
        var stage = ReadStage(map, targets.StageIds);
        var title = map.Text("title");
        var objectives = ReadObjectives(map);
        var sources = ReadSources(map, targets.SourceTiers);
        var task = ReadTask(map);
        var quiz = QuizReader.Read(map, sources?.Ids);

        var lesson = id is not null && day is int dayNumber && stage is not null && title is not null && document.Body is not null
            && objectives is not null && sources?.Sources is { } lessonSources && task is not null && quiz is not null
            ? new Lesson(id, dayNumber, stage, title, document.Body, objectives, lessonSources, task, quiz, fileErrors.File)
            : null;
        return new LessonDraft(
            id is null ? null : map.Locate("id", id),
            day is int located ? map.Locate("day", located) : null,
            lesson);
    }

    private static int? ReadDay(YamlMap map)
    {
        var day = map.Int("day");
        if (day < 1)
        {
            map.Report("day", "must be 1 or more");
            return null;
        }

        return day;
    }

    private static string? ReadStage(YamlMap map, IReadOnlySet<string>? stageIds)
    {
        var stage = map.Id("stage");
        if (stage is not null && stageIds is not null && !stageIds.Contains(stage))
        {
            map.Report("stage", $"unknown stage '{stage}'; roadmap.yaml has: {string.Join(", ", stageIds)}");
        }

        return stage;
    }

    private static List<LocalizedText>? ReadObjectives(YamlMap map)
    {
        if (map.List("objectives") is not { } items)
        {
            return null;
        }

        if (items.Count is < ContentRules.MinObjectives or > ContentRules.MaxObjectives)
        {
            map.Report("objectives", $"has {items.Count}; a lesson needs {ContentRules.MinObjectives}–{ContentRules.MaxObjectives} objectives");
        }

        var objectives = items.Select((item, i) => YamlMap.ReadText(item, $"objectives[{i}]", item.Start.Line, map.Errors)).ToList();
        return Collected.AllOrNull(objectives);
    }

    private static LessonSourceList? ReadSources(YamlMap map, IReadOnlyDictionary<string, SourceTier?>? tiers)
    {
        if (map.List("sources") is not { } items)
        {
            return null;
        }

        var uses = new FirstUses<string>("source", map.Errors.Sink);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var sources = new List<LessonSource?>();
        var firstHand = 0;
        for (var i = 0; i < items.Count; i++)
        {
            if (YamlMap.Open(items[i], $"sources[{i}]", items[i].Start.Line, map.Errors, SourceFields) is not { } entry)
            {
                sources.Add(null);
                continue;
            }

            var id = entry.Id("id");
            var read = entry.Text("read");
            sources.Add(id is null || read is null ? null : new LessonSource(id, read));
            if (id is null || !uses.Add(entry.Locate("id", id)))
            {
                continue;
            }

            ids.Add(id);
            if (tiers is null)
            {
                continue;
            }

            if (!tiers.TryGetValue(id, out var tier))
            {
                entry.Report("id", $"unknown source '{id}': it is not in sources.yaml");
            }
            else if (tier is SourceTier.FirstHand or null)
            {
                firstHand++; // a broken catalogue entry (null) is reported there, not again here
            }
        }

        if (tiers is not null && firstHand < ContentRules.MinFirstHandSources)
        {
            map.Report("sources", $"has {firstHand} first-hand source(s) from sources.yaml; a lesson needs at least {ContentRules.MinFirstHandSources}");
        }

        return new LessonSourceList(Collected.AllOrNull(sources), ids);
    }

    private static HandsOnTask? ReadTask(YamlMap map)
    {
        if (map.Map("task", TaskFields) is not { } task)
        {
            return null;
        }

        var en = task.String("en");
        var zh = task.String("zh");
        var doneWhen = task.Text("done_when");
        return en is null || zh is null || doneWhen is null ? null : new HandsOnTask(new LocalizedText(en, zh), doneWhen);
    }

    /// <summary>The lesson's sources when all were readable, and every id listed, for key points to refer to.</summary>
    private sealed record LessonSourceList(List<LessonSource>? Sources, HashSet<string> Ids);
}

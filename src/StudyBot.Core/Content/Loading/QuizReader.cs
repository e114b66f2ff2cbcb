using StudyBot.Core.Quizzes;

namespace StudyBot.Core.Content.Loading;

/// <summary>Reads a lesson's quiz; multiple-choice texts are held to Telegram's quiz-poll limits in every language.</summary>
internal static class QuizReader
{
    private static readonly string[] QuizFields = ["multiple_choice", "open"];
    private static readonly string[] ChoiceFields = ["id", "question", "options", "correct", "explanation"];
    private static readonly string[] OpenFields = ["id", "question", "reference", "key_points"];
    private static readonly string[] KeyPointFields = ["id", "weight", "text", "aliases", "source"];
    private static readonly string[] AliasFields = ["en", "zh"];

    /// <param name="lessonSourceIds">The lesson's source ids, or null when its source list could not be read.</param>
    public static LessonQuiz? Read(YamlMap lesson, IReadOnlySet<string>? lessonSourceIds)
    {
        if (lesson.Map("quiz", QuizFields) is not { } quiz)
        {
            return null;
        }

        var questionIds = new FirstUses<string>("question id", quiz.Errors.Sink);
        var choices = ReadMultipleChoice(quiz, questionIds);
        var open = quiz.Map("open", OpenFields) is { } openMap ? ReadOpen(openMap, questionIds, lessonSourceIds) : null;
        return choices is null || open is null ? null : new LessonQuiz(choices, open);
    }

    private static List<MultipleChoiceQuestion>? ReadMultipleChoice(YamlMap quiz, FirstUses<string> questionIds)
    {
        if (quiz.List("multiple_choice") is not { } items)
        {
            return null;
        }

        if (items.Count < ContentRules.MinMultipleChoice)
        {
            quiz.Report("multiple_choice", $"has {items.Count} questions; a lesson needs at least {ContentRules.MinMultipleChoice}");
        }

        var questions = new List<MultipleChoiceQuestion?>();
        for (var i = 0; i < items.Count; i++)
        {
            var map = YamlMap.Open(items[i], $"{quiz.Field("multiple_choice")}[{i}]", items[i].Start.Line, quiz.Errors, ChoiceFields);
            questions.Add(map is null ? null : ReadChoice(map, questionIds));
        }

        return Collected.AllOrNull(questions);
    }

    private static MultipleChoiceQuestion? ReadChoice(YamlMap map, FirstUses<string> questionIds)
    {
        var id = ReadQuestionId(map, questionIds);
        var prompt = map.Text("question", ContentRules.MaxPollQuestion);
        var options = ReadOptions(map);
        var correct = map.Int("correct");
        if (correct is int number && options is not null && (number < 1 || number > options.Count))
        {
            map.Report("correct", $"is {number} but the options are numbered 1–{options.Count} (1-based)");
            correct = null;
        }

        var explanation = map.Text("explanation", ContentRules.MaxPollExplanation);
        return id is null || prompt is null || options is null || correct is not int right || explanation is null
            ? null
            : new MultipleChoiceQuestion(id, prompt, options, right - 1, explanation);
    }

    private static List<LocalizedText>? ReadOptions(YamlMap map)
    {
        if (map.List("options") is not { } items)
        {
            return null;
        }

        if (items.Count is < ContentRules.MinOptions or > ContentRules.MaxOptions)
        {
            map.Report("options", $"has {items.Count}; a quiz poll needs {ContentRules.MinOptions}–{ContentRules.MaxOptions} options");
        }

        var options = items
            .Select((item, i) => YamlMap.ReadText(item, $"{map.Field("options")}[{i}]", item.Start.Line, map.Errors, ContentRules.MaxPollOption))
            .ToList();
        return Collected.AllOrNull(options);
    }

    private static OpenQuestion? ReadOpen(YamlMap map, FirstUses<string> questionIds, IReadOnlySet<string>? lessonSourceIds)
    {
        var id = ReadQuestionId(map, questionIds);
        var prompt = map.Text("question");
        var reference = map.Text("reference");
        var keyPoints = ReadKeyPoints(map, lessonSourceIds);
        return id is null || prompt is null || reference is null || keyPoints is null ? null : new OpenQuestion(id, prompt, reference, keyPoints);
    }

    private static List<KeyPoint>? ReadKeyPoints(YamlMap open, IReadOnlySet<string>? lessonSourceIds)
    {
        if (open.List("key_points") is not { } items)
        {
            return null;
        }

        if (items.Count is < ContentRules.MinKeyPoints or > ContentRules.MaxKeyPoints)
        {
            open.Report("key_points", $"has {items.Count}; an open question needs {ContentRules.MinKeyPoints}–{ContentRules.MaxKeyPoints} key points");
        }

        var ids = new FirstUses<string>("key point id", open.Errors.Sink);
        var keyPoints = new List<KeyPoint?>();
        for (var i = 0; i < items.Count; i++)
        {
            var map = YamlMap.Open(items[i], $"{open.Field("key_points")}[{i}]", items[i].Start.Line, open.Errors, KeyPointFields);
            keyPoints.Add(map is null ? null : ReadKeyPoint(map, ids, lessonSourceIds));
        }

        return Collected.AllOrNull(keyPoints);
    }

    private static KeyPoint? ReadKeyPoint(YamlMap map, FirstUses<string> ids, IReadOnlySet<string>? lessonSourceIds)
    {
        var id = map.Id("id");
        if (id is not null)
        {
            ids.Add(map.Locate("id", id));
        }

        var weight = map.Number("weight");
        if (weight <= 0)
        {
            map.Report("weight", "must be greater than 0");
        }

        var text = map.Text("text");
        var aliases = ReadAliases(map);
        var source = map.Id("source", required: false);
        if (source is not null && lessonSourceIds is not null && !lessonSourceIds.Contains(source))
        {
            map.Report("source", $"'{source}' is not one of this lesson's sources: {string.Join(", ", lessonSourceIds)}");
        }

        return id is null || weight is not double positive || positive <= 0 || text is null || aliases is null
            ? null
            : new KeyPoint(id, positive, text, aliases, source);
    }

    /// <summary>The en and zh aliases as one list: a learner may answer in either language.</summary>
    private static List<string>? ReadAliases(YamlMap keyPoint)
    {
        if (keyPoint.Map("aliases", AliasFields) is not { } aliases)
        {
            return null;
        }

        var en = aliases.Strings("en", nonEmpty: true);
        var zh = aliases.Strings("zh", nonEmpty: true);
        return en is null || zh is null ? null : [.. en.Select(a => a.Value), .. zh.Select(a => a.Value)];
    }

    private static string? ReadQuestionId(YamlMap map, FirstUses<string> questionIds)
    {
        var id = map.Id("id");
        if (id is not null)
        {
            questionIds.Add(map.Locate("id", id));
            if (id.Length > ContentRules.MaxQuestionIdLength)
            {
                map.Report("id", $"is {id.Length} characters; at most {ContentRules.MaxQuestionIdLength}, so answer buttons fit Telegram's 64-byte callback data");
            }
        }

        return id;
    }
}

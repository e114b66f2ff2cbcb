using StudyBot.Core.Content;
using StudyBot.Core.Sources;

namespace StudyBot.Core.Tests.Content;

public class ContentLoaderTests
{
    [Fact]
    public void A_valid_tree_loads_with_its_values_mapped()
    {
        using var tree = ContentTree.Valid();

        var result = tree.Load();

        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        var catalog = result.Catalog!;
        Assert.Equal(["basics", "advanced"], catalog.Stages.Select(s => s.Id));
        Assert.Equal([1, 2], catalog.Stages.Select(s => s.Order));
        Assert.Equal("进阶", catalog.FindStage("advanced")!.Title.Zh);
        Assert.Equal([1, 2, 3, 4], catalog.Lessons.Select(l => l.Day));

        var lesson = catalog.FindLesson("lesson-one")!;
        Assert.Equal("content/lessons/001-lesson-one.md", lesson.File);
        Assert.Equal("basics", lesson.StageId);
        Assert.Equal(new LocalizedText("Lesson 1 title", "第1课标题"), lesson.Title);
        Assert.Equal(new LocalizedText("Lesson 1 explains **attention** and [retrieval](https://arxiv.org/abs/2005.11401).\n\n- point one\n- point two", "第1课讲解**注意力**与检索。"), lesson.Body);
        Assert.Equal(2, lesson.Objectives.Count);
        Assert.Equal(["attention-is-all-you-need", "rag-paper"], lesson.Sources.Select(s => s.SourceId));
        Assert.Equal("第 2 节。", lesson.Sources[1].WhatToRead.Zh);
        Assert.Equal(new LocalizedText("Build thing 1.", "完成任务1。"), lesson.Task.Description);
        Assert.Equal("Thing 1 runs.", lesson.Task.DoneWhen.En);
    }

    [Fact]
    public void Quiz_answers_become_zero_based_and_aliases_one_list()
    {
        using var tree = ContentTree.Valid();

        var quiz = tree.Load().Catalog!.FindLesson("lesson-one")!.Quiz;

        Assert.Equal([0, 1, 2], quiz.MultipleChoice.Select(q => q.CorrectOption)); // YAML says 1, 2, 3
        Assert.Equal(2, quiz.MultipleChoice[1].Options.Count);
        Assert.Equal("检索到的文档", quiz.MultipleChoice[1].Options[1].Zh);
        Assert.Equal(4, quiz.QuestionCount);
        var open = quiz.Open;
        Assert.Equal("open", open.Id);
        Assert.Equal(["context", "hallucination", "fresh"], open.KeyPoints.Select(k => k.Id));
        Assert.Equal(["documents in the prompt", "adds context", "文档放进提示词", "加入上下文"], open.KeyPoints[0].Aliases);
        Assert.Equal(["up-to-date information", "fresh data", "最新信息", "最新数据"], open.KeyPoints[2].Aliases);
        Assert.Equal([2, 1, 1], open.KeyPoints.Select(k => k.Weight));
        Assert.Equal("rag-paper", open.KeyPoints[0].SourceId);
        Assert.Null(open.KeyPoints[1].SourceId);
    }

    [Fact]
    public void Sources_and_tracks_are_mapped()
    {
        using var tree = ContentTree.Valid();

        var catalog = tree.Load().Catalog!;

        var paper = catalog.FindSource("attention-is-all-you-need")!;
        Assert.Equal(new Uri("https://arxiv.org/abs/1706.03762"), paper.Url);
        Assert.Equal((SourceTier.FirstHand, SourceKind.Paper, "en", 2017, "1706.03762"), (paper.Tier, paper.Kind, paper.Language, paper.Year, paper.ArxivId));
        Assert.Equal(["transformer", "attention"], paper.Topics);
        var letter = catalog.FindSource("rag-weekly")!;
        Assert.Equal((SourceTier.SecondHand, SourceKind.Newsletter, "multi", null, null), (letter.Tier, letter.Kind, letter.Language, letter.Year, letter.ArxivId));

        Assert.Equal("full", catalog.DefaultTrack.Id);
        var quick = catalog.FindTrack("quick")!;
        Assert.Equal(["advanced"], quick.SkipStages);
        Assert.Equal(["lesson-two"], quick.SkipLessons);
        Assert.Equal(["lesson-one", "lesson-two", "lesson-three", "lesson-four"], catalog.LessonsOf(catalog.DefaultTrack).Select(l => l.Id));
        Assert.Equal(["lesson-one", "lesson-four"], catalog.LessonsOf(quick).Select(l => l.Id)); // the quick track's day 2 is lesson four
        Assert.Null(catalog.FindTrack("Quick"));
    }

    [Fact]
    public void The_content_hash_is_stable_and_changes_with_any_file()
    {
        using var tree = ContentTree.Valid();
        var before = tree.Load().Catalog!.ContentHash;

        Assert.Matches("^[0-9a-f]{64}$", before);
        Assert.Equal(before, tree.Load().Catalog!.ContentHash);
        tree.Replace(ContentTree.LessonFour, "Lesson 4 explains **attention**", "Lesson 4 explains attention");
        Assert.NotEqual(before, tree.Load().Catalog!.ContentHash);
    }

    [Fact]
    public void Windows_line_endings_load_the_same()
    {
        using var tree = ContentTree.Valid();
        tree.Write(ContentTree.LessonOne, tree.Read(ContentTree.LessonOne).Replace("\n", "\r\n", StringComparison.Ordinal));
        tree.Write(ContentTree.Sources, tree.Read(ContentTree.Sources).Replace("\n", "\r\n", StringComparison.Ordinal));

        var result = tree.Load();

        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        Assert.Equal("第1课讲解**注意力**与检索。", result.Catalog!.FindLesson("lesson-one")!.Body.Zh);
    }
}

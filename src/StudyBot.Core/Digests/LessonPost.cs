using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using StudyBot.Core.Commands;
using StudyBot.Core.Content;
using StudyBot.Core.Localization;

namespace StudyBot.Core.Digests;

/// <summary>What a lesson looks like when posted: the daily post, /today and /lesson N share it.</summary>
public static class LessonPost
{
    // Content does not change while the process runs, so a lesson's post is composed once per day number,
    // language and kind and then shared (a Reply is immutable); adapters can cache their rendering of it too.
    private static readonly ConditionalWeakTable<Lesson, ConcurrentDictionary<(ContentCatalog Catalog, int Day, Language Language, bool IsToday), Reply>> Composed = [];

    public static Reply Compose(ContentCatalog catalog, Lesson lesson, int day, Language language, bool isToday)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(lesson);
        return Composed.GetValue(lesson, _ => new())
            .GetOrAdd((catalog, day, language, isToday), key => ComposeOnce(key.Catalog, lesson, key.Day, key.Language, key.IsToday));
    }

    private static Reply ComposeOnce(ContentCatalog catalog, Lesson lesson, int day, Language language, bool isToday)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(lesson);
        var t = Texts.For(language);
        var stage = catalog.FindStage(lesson.StageId);
        var builder = new ReplyBuilder()
            .Heading(t.LessonHeading(day, lesson.Title.For(language)));
        if (stage is not null)
        {
            builder.Paragraph(new Span(t.StageLabel(stage.Title.For(language)), SpanStyle.Italic));
        }

        builder.Blocks(MarkdownBlocks.Parse(lesson.Body.For(language)));

        builder.Paragraph(new Span(t.ObjectivesTitle, SpanStyle.Bold));
        builder.List(lesson.Objectives.Select(o => o.For(language)));

        builder.Paragraph(new Span(t.SourcesTitle, SpanStyle.Bold));
        builder.List(lesson.Sources.Select(s => SourceLine(catalog, s, language)));

        builder.Paragraph(new Span(t.TaskTitle, SpanStyle.Bold), new Span(" " + lesson.Task.Description.For(language)));
        builder.Paragraph(new Span(t.DoneWhenTitle, SpanStyle.Bold), new Span(" " + lesson.Task.DoneWhen.For(language)));

        builder.Button(t.QuizButton, isToday ? "/quiz" : $"/quiz {day}");
        if (isToday)
        {
            builder.Button(t.DoneButton, "/done");
        }

        builder.Button(t.SourcesButton, isToday ? "/sources" : $"/sources {day}");
        return builder.Build();
    }

    public static IReadOnlyList<Span> SourceLine(ContentCatalog catalog, LessonSource lessonSource, Language language)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(lessonSource);
        var source = catalog.FindSource(lessonSource.SourceId);
        if (source is null)
        {
            return [new Span(lessonSource.SourceId)];
        }

        return
        [
            new Span(source.Title, SpanStyle.Bold, source.Url),
            new Span(" — " + lessonSource.WhatToRead.For(language)),
        ];
    }
}

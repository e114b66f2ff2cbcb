using StudyBot.Core.Commands;
using StudyBot.Core.Content;
using StudyBot.Core.Localization;
using StudyBot.Core.Progress;

namespace StudyBot.Core.Quizzes;

/// <summary>Feedback on an open answer: the score, what was covered, what was missed and where to read about it.</summary>
public static class OpenAnswerFeedback
{
    public static void Compose(ReplyBuilder builder, CommandContext context, Lesson lesson, OpenQuestion question, GradeResult grade)
    {
        ArgumentNullException.ThrowIfNull(context);
        Compose(builder, context.Catalog, context.Language, lesson, question, grade);
    }

    /// <summary>The same feedback outside a command (a grade that finished in the background).</summary>
    public static void Compose(ReplyBuilder builder, ContentCatalog catalog, Language language, Lesson lesson, OpenQuestion question, GradeResult grade)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(lesson);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(grade);
        var t = Localization.Texts.For(language);
        builder.Paragraph(new Span(t.OpenScore(MeHandler.Percent(grade.Score)), SpanStyle.Bold), new Span(" " + GraderNote(t, grade), SpanStyle.Italic));

        var results = grade.KeyPoints.ToDictionary(k => k.KeyPointId, StringComparer.Ordinal);
        var met = question.KeyPoints.Where(k => results.TryGetValue(k.Id, out var r) && r.Met).ToList();
        var missed = question.KeyPoints.Except(met).ToList();
        if (met.Count > 0)
        {
            builder.Paragraph(new Span(t.KeyPointsCovered, SpanStyle.Bold));
            builder.List(met.Select(k => "✅ " + k.Text.For(language)));
        }

        if (missed.Count > 0)
        {
            builder.Paragraph(new Span(t.KeyPointsMissed, SpanStyle.Bold));
            builder.List(missed.Select(k => (IReadOnlyList<Span>)MissedLine(catalog, lesson, k, t)));
        }

        builder.Paragraph(new Span(t.ModelAnswer, SpanStyle.Bold), new Span(" " + question.ReferenceAnswer.For(language)));
    }

    /// <summary>Who graded, and when the offline grader stood in for the LLM, why.</summary>
    private static string GraderNote(Localization.Texts t, GradeResult grade) => !grade.Offline
        ? t.GradedBy(grade.Grader)
        : grade.Audit?.Fallback switch
        {
            GradingFallback.InvalidOutput or GradingFallback.Unavailable => t.GradedOfflineFallback,
            GradingFallback.Budget => t.GradedOfflineBudget,
            GradingFallback.Busy => t.GradedOfflineBusy,
            _ => t.GradedOffline,
        };

    private static List<Span> MissedLine(ContentCatalog catalog, Lesson lesson, KeyPoint keyPoint, Localization.Texts t)
    {
        var spans = new List<Span> { new("❌ " + keyPoint.Text.For(t.Language)) };
        var sourceId = keyPoint.SourceId ?? (lesson.Sources.Count > 0 ? lesson.Sources[0].SourceId : null);
        if (sourceId is not null && catalog.FindSource(sourceId) is { } source)
        {
            spans.Add(new Span(" — " + t.ReadMoreIn + " "));
            spans.Add(new Span(source.Title, SpanStyle.None, source.Url));
        }

        return spans;
    }
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Commands;
using StudyBot.Core.Content;
using StudyBot.Core.Localization;
using StudyBot.Core.Persistence;
using StudyBot.Core.Progress;
using StudyBot.Core.Roadmap;

namespace StudyBot.Core.Digests;

/// <summary>
/// A chat's week in one post: check-ins per day and the streak leaders, multiple-choice accuracy, the three
/// most-missed questions with their right answers, next week's lessons, and sources new to the catalogue.
/// </summary>
public static class WeeklyDigest
{
    private const int WeekDays = 7;
    private const int Leaders = 3;
    private const int MissedShown = 3;

    public static async Task<Reply> ComposeAsync(StudyBotDbContext db, ContentCatalog catalog, Chat chat, DateTimeOffset now, Language language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(chat);
        var t = DigestTexts.For(language);
        var schedule = GroupSchedule.For(catalog, chat.TrackId, chat.StartDate, chat.TimeZone, now);
        var to = schedule.Today;
        var from = to.AddDays(1 - WeekDays);
        var builder = new ReplyBuilder().Heading(t.Heading(from, to));

        var checkIns = await db.CheckIns.AsNoTracking()
            .Where(c => c.ChatId == chat.Id && c.LocalDate >= from && c.LocalDate <= to)
            .Select(c => new { c.MemberId, c.LocalDate })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        builder.Paragraph(new Span(t.CheckInsTitle, SpanStyle.Bold));
        if (checkIns.Count == 0)
        {
            builder.Paragraph(t.NoCheckIns);
        }
        else
        {
            builder.Paragraph(t.CheckIns(checkIns.Count, checkIns.Select(c => c.MemberId).Distinct().Count()));
            builder.Block(new CodeBlock(string.Join('\n', Enumerable.Range(0, WeekDays).Select(i => from.AddDays(i))
                .Select(date => t.DayBar(date, checkIns.Count(c => c.LocalDate == date))))));
            var standings = await ProgressQueries.StandingsAsync(db, chat.Id, to, cancellationToken).ConfigureAwait(false);
            var leaders = standings.Where(s => s.Streak.Current > 0).Take(Leaders).ToList();
            if (leaders.Count > 0)
            {
                builder.Paragraph(new Span(t.StreakLeadersTitle, SpanStyle.Bold));
                builder.List(leaders.Select(s => t.StreakLeader(s.DisplayName, s.Streak.Current)));
            }
        }

        var perDay = Enumerable.Range(0, WeekDays).Select(i => checkIns.Count(c => c.LocalDate == from.AddDays(i))).ToList();
        builder.Block(CheckInChart.Render(from, perDay, language));

        await AddQuizzesAsync(builder, db, catalog, chat, now.AddDays(-WeekDays), language, t, cancellationToken).ConfigureAwait(false);

        builder.Paragraph(new Span(t.NextWeekTitle, SpanStyle.Bold));
        var next = Enumerable.Range(Math.Max(schedule.Day, 0) + 1, WeekDays)
            .Select(day => (Day: day, Lesson: schedule.LessonOnDay(day)))
            .Where(x => x.Lesson is not null)
            .ToList();
        if (next.Count == 0)
        {
            builder.Paragraph(t.RouteEnds);
        }
        else
        {
            builder.List(next.Select(x => t.NextLesson(x.Day, x.Lesson!.Title.For(language))));
        }

        var since = now.AddDays(-WeekDays);
        var newSources = await db.Sources.AsNoTracking()
            .Where(s => s.InCatalogue && s.FirstSeenAt >= since)
            .OrderBy(s => s.Title)
            .Select(s => s.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var sources = newSources.Select(catalog.FindSource).OfType<Sources.Source>().Take(10).ToList();
        if (sources.Count > 0)
        {
            builder.Paragraph(new Span(t.NewSourcesTitle, SpanStyle.Bold));
            builder.List(sources.Select(s => (IReadOnlyList<Span>)[new Span(s.Title, SpanStyle.None, s.Url)]));
        }

        return builder.Build();
    }

    private static async Task AddQuizzesAsync(ReplyBuilder builder, StudyBotDbContext db, ContentCatalog catalog, Chat chat, DateTimeOffset since, Language language, DigestTexts t, CancellationToken cancellationToken)
    {
        var answers = await db.QuizAnswers.AsNoTracking()
            .Where(a => a.Kind == QuestionKind.MultipleChoice && a.AnsweredAt >= since && a.Attempt!.ChatId == chat.Id)
            .Select(a => new { a.Attempt!.LessonId, a.QuestionId, a.Correct })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        builder.Paragraph(new Span(t.QuizTitle, SpanStyle.Bold));
        if (answers.Count == 0)
        {
            builder.Paragraph(t.NoQuizAnswers);
            return;
        }

        var accuracy = (double)answers.Count(a => a.Correct) / answers.Count;
        builder.Paragraph(t.QuizAccuracy(Math.Round(accuracy * 100).ToString("0", CultureInfo.InvariantCulture) + "%", answers.Count));

        var missed = answers.Where(a => !a.Correct)
            .GroupBy(a => (a.LessonId, a.QuestionId))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.LessonId, StringComparer.Ordinal).ThenBy(g => g.Key.QuestionId, StringComparer.Ordinal)
            .Take(MissedShown)
            .Select(g => (Question: catalog.FindLesson(g.Key.LessonId)?.Quiz.MultipleChoice.FirstOrDefault(q => q.Id == g.Key.QuestionId), Count: g.Count()))
            .Where(x => x.Question is not null)
            .ToList();
        if (missed.Count > 0)
        {
            builder.Paragraph(new Span(t.MostMissedTitle, SpanStyle.Bold));
            builder.List(missed.Select(x => t.MostMissed(
                x.Question!.Prompt.For(language),
                x.Count,
                x.Question.Options[x.Question.CorrectOption].For(language))));
        }
    }
}

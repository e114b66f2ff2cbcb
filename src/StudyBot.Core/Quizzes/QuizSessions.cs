using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Commands;
using StudyBot.Core.Content;
using StudyBot.Core.Localization;
using StudyBot.Core.Persistence;

namespace StudyBot.Core.Quizzes;

/// <summary>A quiz in progress: the attempt, its lesson, and the question that comes next (null when done).</summary>
public sealed record QuizSession(QuizAttempt Attempt, Lesson Lesson, int NextIndex)
{
    public bool IsMultipleChoiceNext => NextIndex < Lesson.Quiz.MultipleChoice.Count;

    public bool IsOpenNext => NextIndex == Lesson.Quiz.MultipleChoice.Count;
}

/// <summary>Finds, starts and renders quiz sessions; the state lives only in PostgreSQL.</summary>
public static class QuizSessions
{
    public static async Task<QuizSession?> CurrentAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var attempt = await context.Db.QuizAttempts
            .Include(a => a.Answers)
            .Where(a => a.ChatId == context.Chat.Id && a.MemberId == context.Member.Id && a.CompletedAt == null)
            .OrderByDescending(a => a.StartedAt).ThenByDescending(a => a.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (attempt is null || context.Catalog.FindLesson(attempt.LessonId) is not { } lesson)
        {
            return null;
        }

        return new QuizSession(attempt, lesson, attempt.Answers.Count);
    }

    public static async Task<QuizSession> StartOrResumeAsync(CommandContext context, Lesson lesson, int day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(lesson);
        var open = await context.Db.QuizAttempts
            .Include(a => a.Answers)
            .Where(a => a.ChatId == context.Chat.Id && a.MemberId == context.Member.Id && a.LessonId == lesson.Id && a.CompletedAt == null)
            .OrderByDescending(a => a.StartedAt)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (open is not null)
        {
            // Resuming makes it the member's current quiz again.
            open.StartedAt = context.Now;
            await context.Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return new QuizSession(open, lesson, open.Answers.Count);
        }

        var attempt = new QuizAttempt
        {
            ChatId = context.Chat.Id,
            MemberId = context.Member.Id,
            LessonId = lesson.Id,
            LessonDay = day,
            StartedAt = context.Now,
            QuestionCount = lesson.Quiz.QuestionCount,
        };
        context.Db.QuizAttempts.Add(attempt);
        await context.Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new QuizSession(attempt, lesson, 0);
    }

    /// <summary>"lesson-id/question-id" of the session's next question: buttons carry it so an old button cannot answer a newer question.</summary>
    public static string Target(QuizSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var quiz = session.Lesson.Quiz;
        var questionId = session.IsMultipleChoiceNext ? quiz.MultipleChoice[session.NextIndex].Id : quiz.Open.Id;
        return $"{session.Lesson.Id}/{questionId}";
    }

    /// <summary>Splits "2 #lesson/q1" into the answer and the question it was meant for (null when typed by hand).</summary>
    public static (string Answer, string? Target) SplitTarget(string arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var hash = arguments.LastIndexOf(" #", StringComparison.Ordinal);
        if (hash < 0 || arguments.IndexOf('/', hash) < 0 || arguments[(hash + 2)..].Contains(' ', StringComparison.Ordinal))
        {
            return (arguments, null);
        }

        return (arguments[..hash].TrimEnd(), arguments[(hash + 2)..]);
    }

    /// <summary>Adds the session's next question to a reply.</summary>
    public static ReplyBuilder AddNextQuestion(ReplyBuilder builder, QuizSession session, Language language)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(session);
        var t = Texts.For(language);
        var quiz = session.Lesson.Quiz;
        var number = session.NextIndex + 1;
        if (session.IsMultipleChoiceNext)
        {
            var question = quiz.MultipleChoice[session.NextIndex];
            builder.Block(new QuizQuestionBlock(
                session.Lesson.Id,
                question.Id,
                number,
                quiz.QuestionCount,
                question.Prompt.For(language),
                question.Options.Select(o => o.For(language)).ToList(),
                question.CorrectOption,
                question.Explanation.For(language)));
            builder.Paragraph(new Span(t.AnswerWithNumber(question.Options.Count), SpanStyle.Italic));
            for (var i = 0; i < question.Options.Count; i++)
            {
                var option = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                builder.Button(option, $"/answer {option} #{Target(session)}");
            }
        }
        else if (session.IsOpenNext)
        {
            builder.Heading(t.OpenQuestionHeading(number, quiz.QuestionCount));
            builder.Paragraph(quiz.Open.Prompt.For(language));
            builder.Paragraph(new Span(t.AnswerInYourWords, SpanStyle.Italic));
            builder.ExpectsAnswer(new QuestionRef(session.Lesson.Id, quiz.Open.Id));
        }

        return builder.Personal();
    }
}

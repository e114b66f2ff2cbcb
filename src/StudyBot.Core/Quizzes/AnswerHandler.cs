using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StudyBot.Core.Commands;
using StudyBot.Core.Persistence;
using StudyBot.Core.Quizzes.BackgroundGrading;

namespace StudyBot.Core.Quizzes;

/// <summary>
/// /answer …: answers the current quiz question (an option number, or free text for the open question). An open
/// answer for an LLM is stored as pending and acknowledged at once; the feedback follows from the grading queue.
/// </summary>
public sealed class AnswerHandler(OpenAnswerGrading grading) : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["answer", "a"];

    public bool AdminOnly => false;

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var t = context.T;
        var session = await QuizSessions.CurrentAsync(context, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return Reply.Text(t.NoQuizInProgress);
        }

        var (text, target) = QuizSessions.SplitTarget(context.Command.Arguments.Trim());
        if (target is not null && target != QuizSessions.Target(session))
        {
            // A button from an older question message: answering it would answer a different question.
            var current = new ReplyBuilder().Paragraph(new Span(context.T.NotCurrentQuestion, SpanStyle.Italic));
            return QuizSessions.AddNextQuestion(current, session, context.Language).Build();
        }

        var builder = new ReplyBuilder();
        QuizAnswer answer;
        var pending = false;
        if (session.IsMultipleChoiceNext)
        {
            var question = session.Lesson.Quiz.MultipleChoice[session.NextIndex];
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var option) || option < 1 || option > question.Options.Count)
            {
                return Reply.Text(t.AnswerWithNumber(question.Options.Count));
            }

            var correct = option - 1 == question.CorrectOption;
            answer = new QuizAnswer
            {
                QuestionId = question.Id,
                Kind = QuestionKind.MultipleChoice,
                ChosenOption = option - 1,
                Correct = correct,
                Score = correct ? 1 : 0,
                AnsweredAt = context.Now,
            };
            builder.Paragraph(
                new Span(correct ? t.Correct : t.Incorrect(question.CorrectOption + 1, question.Options[question.CorrectOption].For(context.Language)), SpanStyle.Bold),
                new Span(" " + question.Explanation.For(context.Language)));
        }
        else
        {
            if (text.Length == 0)
            {
                return Reply.Text(t.AnswerEmpty);
            }

            if (text.Length > context.Options.MaxAnswerLength)
            {
                return Reply.Text(t.AnswerTooLong(text.Length, context.Options.MaxAnswerLength));
            }

            var question = session.Lesson.Quiz.Open;
            var grade = await grading.GradeNowOrDeferAsync(context, question, text, cancellationToken).ConfigureAwait(false);
            answer = new QuizAnswer
            {
                QuestionId = question.Id,
                Kind = QuestionKind.Open,
                Text = text,
                Grader = GraderNames.Pending,
                AnsweredAt = context.Now,
            };
            if (grade is null)
            {
                pending = true;
                answer.Details = GradeDetails.Pending(context.Incoming.ReplyTo); // kept here, never in the job's arguments
            }
            else
            {
                OpenAnswerGrading.Apply(answer, grade);
                OpenAnswerFeedback.Compose(builder, context, session.Lesson, question, grade);
            }
        }

        session.Attempt.Answers.Add(answer);
        var next = session with { NextIndex = session.NextIndex + 1 };
        var finished = next.NextIndex >= session.Lesson.Quiz.QuestionCount;
        if (finished)
        {
            session.Attempt.CompletedAt = context.Now;
            session.Attempt.Score = session.Attempt.Answers.Sum(a => a.Score);
        }

        try
        {
            await context.Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Reply.Text(t.AlreadyAnswered); // a double tap or a second device answered first
        }

        var job = new GradingJob(answer.Id, context.Incoming.Chat, context.Incoming.Sender, context.Language);
        if (pending && !await grading.TryQueueAsync(job, cancellationToken).ConfigureAwait(false))
        {
            // The queue is full: grade offline now rather than make anyone wait.
            var question = session.Lesson.Quiz.Open;
            var grade = grading.Offline(question, text, GradingFallback.Busy);
            OpenAnswerGrading.Apply(answer, grade);
            OpenAnswerGrading.RecomputeScore(session.Attempt);
            await context.Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            OpenAnswerFeedback.Compose(builder, context, session.Lesson, question, grade);
            pending = false;
        }

        if (pending)
        {
            builder.Paragraph(new Span(t.GradingInProgress, SpanStyle.Italic));
        }

        if (finished && pending)
        {
            // The score and "quiz finished" come with the feedback, once the open answer is graded.
            builder.Button(t.DoneButton, "/done").Button(t.LeaderboardButton, "/leaderboard");
            return builder.Personal().Build();
        }

        if (finished)
        {
            var score = session.Attempt.Score ?? 0;
            builder.Heading(t.QuizFinished(score.ToString("0.#", CultureInfo.InvariantCulture), session.Lesson.Quiz.QuestionCount));
            builder.Button(t.DoneButton, "/done").Button(t.LeaderboardButton, "/leaderboard");
            return builder.Personal().Build();
        }

        return QuizSessions.AddNextQuestion(builder, next, context.Language).Build();
    }
}

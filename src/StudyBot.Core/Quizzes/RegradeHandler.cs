using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Commands;
using StudyBot.Core.Persistence;
using StudyBot.Core.Progress;
using StudyBot.Core.Quizzes.BackgroundGrading;

namespace StudyBot.Core.Quizzes;

/// <summary>
/// /regrade [NAME|ID] (admins): grades an open answer of this chat again with the current grader: the admin's
/// latest, a member's latest, or answer #ID. An LLM regrade runs in the background and the member gets the new
/// feedback; the earlier grade stays in the answer's details for audit.
/// </summary>
public sealed class RegradeHandler(OpenAnswerGrading grading) : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["regrade"];

    public bool AdminOnly => true;

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var t = context.T;
        var argument = context.Command.Arguments.Trim().TrimStart('@', '#');
        var answer = await FindAsync(context, argument, cancellationToken).ConfigureAwait(false);
        var lesson = answer?.Attempt is { } attempt ? context.Catalog.FindLesson(attempt.LessonId) : null;
        if (answer?.Text is null || lesson is null || lesson.Quiz.Open.Id != answer.QuestionId)
        {
            return Reply.Text(t.RegradeNothingFound(argument.Length == 0 ? context.Member.DisplayName : argument));
        }

        if (answer.Grader == GraderNames.Pending)
        {
            return Reply.Text(t.RegradeStillGrading(answer.Id));
        }

        var member = await context.Db.Members.SingleAsync(m => m.Id == answer.Attempt!.MemberId, cancellationToken).ConfigureAwait(false);
        if (grading.InBackground)
        {
            // A request of its own, against the grade the admin sees now: a retried job never grades twice.
            var job = new GradingJob(answer.Id, context.Incoming.Chat, PendingAnswers.RecipientOf(member), PendingAnswers.LanguageOf(member, context.Chat), Regrade: true)
            {
                Request = RegradeRequest.For(GradeDetails.Read(answer.Details)),
            };
            return await grading.TryQueueAsync(job, cancellationToken).ConfigureAwait(false) ? Reply.Text(t.RegradeQueued(answer.Id, member.DisplayName)) : Reply.Text(t.GradingQueueFull);
        }

        var question = lesson.Quiz.Open;
        var previous = new PreviousGrade(answer.Grader, answer.Score);
        var grade = await grading.Grader.GradeAsync(new GradingRequest(question, answer.Text, context.Language, Fresh: true), cancellationToken).ConfigureAwait(false);
        OpenAnswerGrading.Apply(answer, grade, previous);
        OpenAnswerGrading.RecomputeScore(answer.Attempt!);
        await context.Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        var builder = new ReplyBuilder().Heading(t.Regraded(answer.Id, member.DisplayName, MeHandler.Percent(previous.Score), MeHandler.Percent(grade.Score)));
        OpenAnswerFeedback.Compose(builder, context, lesson, question, grade);
        return builder.Build();
    }

    /// <summary>The latest open answer in this chat matching the argument: empty (mine), an answer id, or a member's name.</summary>
    private static async Task<QuizAnswer?> FindAsync(CommandContext context, string argument, CancellationToken cancellationToken)
    {
        var answers = context.Db.QuizAnswers.Include(a => a.Attempt!).ThenInclude(t => t.Answers)
            .Where(a => a.Kind == QuestionKind.Open && a.Text != null && a.Attempt!.ChatId == context.Chat.Id);
        if (argument.Length == 0)
        {
            answers = answers.Where(a => a.Attempt!.MemberId == context.Member.Id);
        }
        else if (long.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            answers = answers.Where(a => a.Id == id);
        }
        else
        {
            var names = await context.Db.Memberships.Where(m => m.ChatId == context.Chat.Id)
                .Select(m => new { m.MemberId, m.Member!.DisplayName })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var members = names.Where(m => string.Equals(m.DisplayName, argument, StringComparison.OrdinalIgnoreCase)).Select(m => m.MemberId).ToList();
            answers = answers.Where(a => members.Contains(a.Attempt!.MemberId));
        }

        return await answers.OrderByDescending(a => a.AnsweredAt).ThenByDescending(a => a.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }
}

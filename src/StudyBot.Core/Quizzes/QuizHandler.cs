using System.Globalization;
using StudyBot.Core.Commands;

namespace StudyBot.Core.Quizzes;

/// <summary>/quiz [day]: starts (or resumes) the quiz of today's lesson or of a past day.</summary>
public sealed class QuizHandler : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["quiz"];

    public bool AdminOnly => false;

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var t = context.T;
        var schedule = context.Schedule;
        var argument = context.Command.Arguments.Trim();
        int day;
        if (argument.Length == 0)
        {
            day = schedule.LatestUnlockedDay;
        }
        else if (!int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out day) || day < 1)
        {
            return Reply.Text(t.QuizUsage);
        }

        if (schedule.NotStarted)
        {
            return Reply.Text(t.NotStartedYet(context.Chat.StartDate, 1 - schedule.Day));
        }

        if (schedule.LessonOnDay(day) is not { } lesson)
        {
            return Reply.Text(t.LessonOutOfRange(day, schedule.Lessons.Count));
        }

        if (!schedule.IsUnlocked(day))
        {
            return Reply.Text(t.LessonLocked(day, schedule.DateOfDay(day), schedule.Day));
        }

        var session = await QuizSessions.StartOrResumeAsync(context, lesson, day, cancellationToken).ConfigureAwait(false);
        var builder = new ReplyBuilder().Heading(t.QuizHeading(day, lesson.Title.For(context.Language), lesson.Quiz.QuestionCount));
        if (session.NextIndex > 0)
        {
            builder.Paragraph(new Span(t.QuizResumed(session.NextIndex), SpanStyle.Italic));
        }

        return QuizSessions.AddNextQuestion(builder, session, context.Language).Build();
    }
}

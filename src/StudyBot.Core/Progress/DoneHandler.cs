using Microsoft.EntityFrameworkCore;
using Npgsql;
using StudyBot.Core.Commands;
using StudyBot.Core.Persistence;

namespace StudyBot.Core.Progress;

/// <summary>/done: today's check-in ("打卡"), once per member, chat and local day.</summary>
public sealed class DoneHandler : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["done", "checkin"];

    public bool AdminOnly => false;

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var t = context.T;
        var schedule = context.Schedule;
        if (schedule.NotStarted)
        {
            return Reply.Text(t.NotStartedYet(context.Chat.StartDate, 1 - schedule.Day));
        }

        var db = context.Db;
        var already = await db.CheckIns.AnyAsync(
            c => c.ChatId == context.Chat.Id && c.MemberId == context.Member.Id && c.LocalDate == schedule.Today,
            cancellationToken).ConfigureAwait(false);
        if (!already)
        {
            db.CheckIns.Add(new CheckIn
            {
                ChatId = context.Chat.Id,
                MemberId = context.Member.Id,
                LocalDate = schedule.Today,
                LessonDay = Math.Min(schedule.Day, schedule.Lessons.Count),
                CreatedAt = context.Now,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                already = true; // the same member's second /done arrived at the same moment
            }
        }

        var dates = await ProgressQueries.CheckInDatesAsync(db, context.Chat.Id, context.Member.Id, cancellationToken).ConfigureAwait(false);
        var streak = Streaks.Summarize(dates, schedule.Today);
        var builder = new ReplyBuilder()
            .Paragraph(already ? t.AlreadyCheckedIn(streak.Current) : t.CheckedIn(context.Member.DisplayName, schedule.Day, streak.Current));
        if (!already && streak.Current > 1 && streak.Current == streak.Longest)
        {
            builder.Paragraph(t.NewBestStreak(streak.Current));
        }

        return builder.Personal().Build();
    }
}

using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Commands;
using StudyBot.Core.Content;
using StudyBot.Core.Localization;
using StudyBot.Core.Persistence;
using StudyBot.Core.Roadmap;

namespace StudyBot.Core.Reminders;

/// <summary>A reminder ready to go: to whom (as a direct message) and what.</summary>
public sealed record ReminderSend(SenderRef Recipient, Reply Reply);

/// <summary>
/// The send side of a claimed reminder: checked again just before sending (the member may have checked in, turned
/// reminders off or become unreachable since the claim), composed in the member's language.
/// </summary>
public static class ReminderDelivery
{
    /// <summary>The send, or why it is no longer wanted.</summary>
    public static async Task<(ReminderSend? Send, string? SkipReason)> PrepareAsync(
        StudyBotDbContext db, ContentCatalog catalog, Chat chat, Persistence.Delivery delivery, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(delivery);
        var memberId = delivery.MemberId ?? throw new ArgumentException("A reminder is for one member.", nameof(delivery));
        var state = await db.Memberships.AsNoTracking()
            .Where(m => m.ChatId == chat.Id && m.MemberId == memberId)
            .Select(m => new
            {
                m.RemindersOn,
                m.Member!.ExternalId,
                m.Member.DisplayName,
                m.Member.Language,
                m.Member.PlatformLocale,
                m.Member.UnreachableSince,
                CheckedIn = db.CheckIns.Any(c => c.ChatId == chat.Id && c.MemberId == memberId && c.LocalDate == delivery.LocalDate),
            })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var skip = state switch
        {
            null => "no longer a member",
            { CheckedIn: true } => "checked in before the reminder went out",
            { RemindersOn: false } => "reminders turned off",
            { UnreachableSince: not null } => "member unreachable by direct message",
            _ => null,
        };
        if (skip is not null)
        {
            return (null, skip);
        }

        var language = Languages.Parse(state!.Language) ?? Languages.Parse(state.PlatformLocale) ?? Languages.Parse(chat.Language) ?? Language.En;
        var schedule = GroupSchedule.For(catalog, chat.TrackId, chat.StartDate, chat.TimeZone, now);
        var recipient = new SenderRef(state.ExternalId, state.DisplayName, language.Code(), IsChatAdmin: false);
        return (new ReminderSend(recipient, Compose(chat, schedule, language)), null);
    }

    public static Reply Compose(Chat chat, GroupSchedule schedule, Language language)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(schedule);
        var t = ReminderTexts.For(language);
        var name = chat.Kind == ChatKind.Private ? t.PrivateChatName : chat.Title ?? chat.ExternalId;
        var builder = new ReplyBuilder().Heading(t.ReminderHeading).Paragraph(t.NotCheckedIn(name));
        if (schedule.TodaysLesson is { } lesson)
        {
            builder.Paragraph(t.TodaysLesson(schedule.Day, lesson.Title.For(language)));
        }

        // No /done button: pressed in the direct message it would check in there, not in the study group.
        return builder
            .Paragraph(t.HowToCheckIn(name))
            .Paragraph(new Span(t.HowToStop(name), SpanStyle.Italic))
            .Personal()
            .Build();
    }

    /// <summary>The platform refused the direct message: no more until the member turns reminders on again.</summary>
    public static Task MarkUnreachableAsync(StudyBotDbContext db, long memberId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Members.Where(m => m.Id == memberId && m.UnreachableSince == null)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.UnreachableSince, now), cancellationToken);
    }
}

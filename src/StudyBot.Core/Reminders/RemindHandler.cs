using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Commands;
using StudyBot.Core.Persistence;

namespace StudyBot.Core.Reminders;

/// <summary>
/// /remind on|off (alone: the current state): a member's evening reminder for this chat, sent as a direct
/// message at the chat's evening time on days they have not checked in here.
/// </summary>
public sealed class RemindHandler : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["remind", "reminders"];

    public bool AdminOnly => false;

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var t = ReminderTexts.For(context.Language);
        var chat = context.Chat;
        var membership = await context.Db.Memberships
            .SingleAsync(m => m.ChatId == chat.Id && m.MemberId == context.Member.Id, cancellationToken).ConfigureAwait(false);
        var words = context.Command.Words();
        var builder = new ReplyBuilder().Personal();
        switch (words.Count == 1 ? words[0].ToLowerInvariant() : words.Count == 0 ? "" : null)
        {
            case "":
                builder.Paragraph(membership.RemindersOn ? t.StateOn(chat.EveningTime, chat.TimeZone) : t.StateOff(chat.EveningTime, chat.TimeZone));
                break;
            case "on" or "yes" or "开":
                membership.RemindersOn = true;
                context.Member.UnreachableSince = null; // they are here and asking: give direct messages another try
                await context.Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                builder.Paragraph(t.TurnedOn(chat.EveningTime, chat.TimeZone));
                break;
            case "off" or "no" or "关":
                membership.RemindersOn = false;
                await context.Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return builder.Paragraph(t.TurnedOff).Build();
            default:
                return builder.Paragraph(new Span(t.Usage, SpanStyle.Code)).Build();
        }

        builder.Paragraph(t.DirectMessageNote);
        if (chat.Platform == Platform.Telegram && chat.Kind == ChatKind.Group && membership.RemindersOn)
        {
            builder.Paragraph(new Span(t.TelegramStartHint, SpanStyle.Italic));
        }

        return builder.Paragraph(new Span(t.Usage, SpanStyle.Code)).Build();
    }
}

using Microsoft.EntityFrameworkCore;
using Npgsql;
using StudyBot.Core.Commands;
using StudyBot.Core.Persistence;

namespace StudyBot.Core.Email;

/// <summary>
/// /subscribe ADDRESS mails a 6-digit code; /subscribe CODE confirms it; /subscribe alone tells where things
/// stand. Replies are personal and show the address masked, as they may land in a group.
/// </summary>
public sealed class SubscribeHandler(IEmailSender mail) : ICommandHandler
{
    public const int CodeLifetimeHours = 24;
    public const int MaxCodeTries = 5;

    public IReadOnlyList<string> Names { get; } = ["subscribe"];

    public bool AdminOnly => false;

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var t = EmailTexts.For(context.Language);
        if (!mail.IsConfigured)
        {
            return Personal(t.NotConfigured);
        }

        var typed = context.Command.Arguments.Trim();
        var current = await context.Db.EmailSubscriptions
            .SingleOrDefaultAsync(s => s.ChatId == context.Chat.Id && s.MemberId == context.Member.Id, cancellationToken).ConfigureAwait(false);
        if (typed.Length == 0)
        {
            return Personal(current switch
            {
                { UnsubscribedAt: null, ConfirmedAt: not null } => t.StatusSubscribed(EmailAddresses.Mask(current.Email)),
                { UnsubscribedAt: null, ConfirmAttempts: < MaxCodeTries } when current.CodeExpiresAt > context.Now => t.StatusPending(EmailAddresses.Mask(current.Email)),
                _ => t.Usage,
            });
        }

        return ConfirmationCodes.LooksLikeCode(typed)
            ? await ConfirmAsync(context, current, typed, t, cancellationToken).ConfigureAwait(false)
            : await RequestAsync(context, current, typed, t, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Reply> RequestAsync(CommandContext context, EmailSubscription? current, string typed, EmailTexts t, CancellationToken cancellationToken)
    {
        if (EmailAddresses.Normalize(typed) is not { } address)
        {
            return Personal(t.BadAddress(EmailAddresses.MaxLength));
        }

        var masked = EmailAddresses.Mask(address);
        if (current is { ConfirmedAt: not null, UnsubscribedAt: null } && string.Equals(current.Email, address, StringComparison.OrdinalIgnoreCase))
        {
            return Personal(t.AlreadySubscribed(masked));
        }

        if (!await ConfirmationMailQuota.TryTakeAsync(context.Db, context.Chat.Id, context.Member.Id, context.Now, cancellationToken).ConfigureAwait(false))
        {
            return Personal(t.TooManyMails(ConfirmationMailQuota.PerMemberPerDay));
        }

        // A new request replaces whatever was there (pending, confirmed for another address, or unsubscribed):
        // fresh code, fresh tries, and a fresh unsubscribe token so old links stop working.
        var code = ConfirmationCodes.NewCode();
        var subscription = current ?? context.Db.EmailSubscriptions.Add(new EmailSubscription
        {
            ChatId = context.Chat.Id,
            MemberId = context.Member.Id,
            Email = address,
            ConfirmationCodeHash = "",
            UnsubscribeToken = "",
        }).Entity;
        subscription.Email = address;
        subscription.ConfirmationCodeHash = ConfirmationCodes.Hash(code);
        subscription.CodeExpiresAt = context.Now.AddHours(CodeLifetimeHours);
        subscription.ConfirmAttempts = 0;
        subscription.ConfirmedAt = null;
        subscription.UnsubscribedAt = null;
        subscription.UnsubscribeToken = ConfirmationCodes.NewUnsubscribeToken();
        subscription.CreatedAt = context.Now;
        try
        {
            await context.Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Personal(t.MailNotSent); // the same member's request raced this one in; theirs stands, nothing mailed here
        }

        var message = EmailMessages.Confirmation(address, GroupName(context.Chat), code, CodeLifetimeHours, context.Language);
        var sent = await mail.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (!sent.Delivered)
        {
            subscription.CodeExpiresAt = context.Now; // nobody has this code: /subscribe alone must not say one is waiting
            await context.Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return Personal(sent.Permanent ? t.MailRefused(masked) : t.MailNotSent);
        }

        return Personal(t.CodeSent(masked, CodeLifetimeHours));
    }

    private static async Task<Reply> ConfirmAsync(CommandContext context, EmailSubscription? current, string code, EmailTexts t, CancellationToken cancellationToken)
    {
        if (current is null || current.UnsubscribedAt is not null)
        {
            return Personal(t.NoPendingRequest);
        }

        if (current.ConfirmedAt is not null)
        {
            return Personal(t.AlreadySubscribed(EmailAddresses.Mask(current.Email)));
        }

        if (current.CodeExpiresAt <= context.Now)
        {
            return Personal(t.CodeExpired);
        }

        // Take a try atomically before comparing, so parallel guesses cannot get past the limit.
        var id = current.Id;
        var tookTry = await context.Db.EmailSubscriptions
            .Where(s => s.Id == id && s.ConfirmedAt == null && s.ConfirmAttempts < MaxCodeTries)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ConfirmAttempts, x => x.ConfirmAttempts + 1), cancellationToken).ConfigureAwait(false);
        if (tookTry == 0)
        {
            return Personal(t.RequestVoid);
        }

        await context.Db.Entry(current).ReloadAsync(cancellationToken).ConfigureAwait(false);
        if (!ConfirmationCodes.Matches(code, current.ConfirmationCodeHash))
        {
            var left = MaxCodeTries - current.ConfirmAttempts;
            return Personal(left > 0 ? t.WrongCode(left) : t.RequestVoid);
        }

        current.ConfirmedAt = context.Now;
        await context.Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return Personal(t.Confirmed(EmailAddresses.Mask(current.Email), GroupName(context.Chat)));
    }

    public static string GroupName(Chat chat)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return string.IsNullOrWhiteSpace(chat.Title) ? "StudyBot" : chat.Title;
    }

    private static Reply Personal(string text) => new ReplyBuilder().Paragraph(text).Personal().Build();
}

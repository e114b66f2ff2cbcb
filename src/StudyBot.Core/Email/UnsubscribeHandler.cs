using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Commands;
using StudyBot.Core.Persistence;

namespace StudyBot.Core.Email;

/// <summary>/unsubscribe: no more digest mails from this chat (a pending request is dropped too).</summary>
public sealed class UnsubscribeHandler : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["unsubscribe"];

    public bool AdminOnly => false;

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var t = EmailTexts.For(context.Language);
        var chatId = context.Chat.Id;
        var memberId = context.Member.Id;
        var stopped = await context.Db.EmailSubscriptions
            .Where(s => s.ChatId == chatId && s.MemberId == memberId && s.UnsubscribedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.UnsubscribedAt, context.Now), cancellationToken).ConfigureAwait(false);
        return new ReplyBuilder().Paragraph(stopped > 0 ? t.Unsubscribed : t.NotSubscribed).Personal().Build();
    }

    /// <summary>The unsubscribe link's action: true when the token belonged to an active or pending subscription.</summary>
    public static async Task<bool> ByTokenAsync(StudyBotDbContext db, string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.EmailSubscriptions
            .Where(s => s.UnsubscribeToken == token && s.UnsubscribedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.UnsubscribedAt, now), cancellationToken).ConfigureAwait(false) > 0;
    }
}

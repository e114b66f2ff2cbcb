using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Commands;
using StudyBot.Core.Persistence;

namespace StudyBot.Telegram.State;

/// <summary>What Telegram tells us about a chat's life: the bot added or removed, a group upgraded, a user who blocked the bot.</summary>
public sealed class ChatStates(IDbContextFactory<StudyBotDbContext> dbFactory, TimeProvider time)
{
    private const string Telegram = nameof(Platform.Telegram);

    /// <summary>Removed or kicked: the chat stops getting posts (its data stays). Added again: it gets them again.</summary>
    public async Task SetActiveAsync(string chatExternalId, bool active, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE studybot.chats SET active = {active} WHERE platform = {Telegram} AND external_id = {chatExternalId}",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A group became a supergroup with a new id: the chat row (and so all its data) moves to the new id. A row
    /// the new id may already have (a message there arrived first) steps aside, inactive, rather than being lost.
    /// Idempotent: Telegram announces the move in both chats.
    /// </summary>
    public async Task MigrateAsync(string fromExternalId, string toExternalId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            UPDATE studybot.chats SET external_id = external_id || ':before-migration:' || id, active = false
            WHERE platform = {Telegram} AND external_id = {toExternalId}
              AND EXISTS (SELECT 1 FROM studybot.chats WHERE platform = {Telegram} AND external_id = {fromExternalId})
            """,
            cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE studybot.chats SET external_id = {toExternalId}, kind = {nameof(ChatKind.Group)} WHERE platform = {Telegram} AND external_id = {fromExternalId}",
            cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>403 "blocked by the user": no more direct messages to them, and their private chat gets no posts.</summary>
    public async Task MarkUnreachableAsync(string userExternalId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE studybot.members SET unreachable_since = {now} WHERE platform = {Telegram} AND external_id = {userExternalId} AND unreachable_since IS NULL",
            cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE studybot.chats SET active = false WHERE platform = {Telegram} AND external_id = {userExternalId} AND kind = {nameof(ChatKind.Private)}",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The member unblocked the bot (Telegram says so with my_chat_member): direct messages work again.</summary>
    public async Task MarkReachableAsync(string userExternalId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE studybot.members SET unreachable_since = NULL WHERE platform = {Telegram} AND external_id = {userExternalId} AND unreachable_since IS NOT NULL",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>False for a chat the bot left or was removed from, and for a private chat whose user blocked the bot.</summary>
    public async Task<bool> CanSendAsync(ChatRef chat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var inactive = await db.Chats.AsNoTracking()
            .AnyAsync(c => c.Platform == Platform.Telegram && c.ExternalId == chat.ExternalId && !c.Active, cancellationToken).ConfigureAwait(false);
        if (inactive)
        {
            return false;
        }

        return chat.Kind != ChatKind.Private || !await db.Members.AsNoTracking()
            .AnyAsync(m => m.Platform == Platform.Telegram && m.ExternalId == chat.ExternalId && m.UnreachableSince != null, cancellationToken).ConfigureAwait(false);
    }
}

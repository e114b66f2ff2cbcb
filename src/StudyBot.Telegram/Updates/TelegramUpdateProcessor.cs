using Microsoft.Extensions.Logging;
using StudyBot.Core.Commands;
using StudyBot.Telegram.Rendering;
using StudyBot.Telegram.Rights;
using StudyBot.Telegram.Sending;
using StudyBot.Telegram.State;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace StudyBot.Telegram.Updates;

/// <summary>What became of one update.</summary>
public enum UpdateOutcome
{
    Handled,
    Duplicate,

    /// <summary>Handling hit a bug; it was logged and the update dropped (retrying would fail the same way).</summary>
    Failed,
}

/// <summary>
/// One update in, whatever it means done: commands and answers go through the core engine and the reply is queued
/// on the outbox; callbacks are always answered; chat lifecycle updates change the chat's state. Shared by the
/// webhook and the poller. Each update is claimed first, so it is handled once however often it arrives.
/// </summary>
public sealed partial class TelegramUpdateProcessor(
    StudyBotEngine engine,
    IEnumerable<ICommandHandler> handlers,
    UpdateClaims claims,
    ChatStates chats,
    QuestionMessages questions,
    CurrentQuestions currentQuestions,
    AdminRights rights,
    TelegramOutbox outbox,
    ITelegramBotClient client,
    TelegramBotIdentity bot,
    ReplyRendering renderer,
    ILogger<TelegramUpdateProcessor> logger)
{
    /// <summary>The update types the bot asks Telegram for (setWebhook, getUpdates).</summary>
    public static readonly UpdateType[] AllowedUpdates = [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.PollAnswer, UpdateType.MyChatMember];

    private readonly HashSet<string> _commands = handlers.SelectMany(h => h.Names).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Handles an update once. On a transient failure (database away) or cancellation the claim is given back and the
    /// exception rethrown, so a retry handles the update; any other failure is logged and the update dropped.
    /// </summary>
    public async Task<UpdateOutcome> ProcessAsync(Update update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (!await claims.TryClaimAsync(update.Id, cancellationToken).ConfigureAwait(false))
        {
            return UpdateOutcome.Duplicate;
        }

        try
        {
            await DispatchAsync(update, new ReplySends(), cancellationToken).ConfigureAwait(false);
            return UpdateOutcome.Handled;
        }
        catch (Exception ex) when (ex is OperationCanceledException || TransientFailures.IsTransient(ex))
        {
            await ReleaseQuietlyAsync(update.Id).ConfigureAwait(false);
            throw;
        }
#pragma warning disable CA1031 // one broken update must not stop the ones behind it
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogUpdateFailed(logger, update.Id, update.Type, ex);
            return UpdateOutcome.Failed;
        }
    }

    /// <summary>
    /// Handles an update already stored in the inbox (claimed by its row, so no claim here) and queues its replies,
    /// without waiting for them: <see cref="RepliesSentAsync"/> does, so the inbox decides how long it holds its
    /// claim for them. Only once they are sent may the row be marked done; a transient failure (database away) throws
    /// and the update is handled again. A bug in one update is logged and the update dropped, with what it queued.
    /// </summary>
    /// <param name="gate">When given, held while the update is handled (not while its replies are sent).</param>
    public async Task<ReplySends> DispatchStoredAsync(Update update, SemaphoreSlim? gate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        var sends = new ReplySends();
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await DispatchAsync(update, sends, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // one broken update must not stop the ones behind it; transient ones are rethrown
        catch (Exception ex) when (ex is not OperationCanceledException && !TransientFailures.IsTransient(ex))
#pragma warning restore CA1031
        {
            LogUpdateFailed(logger, update.Id, update.Type, ex);
            return sends;
        }
        finally
        {
            gate?.Release();
        }

        return sends;
    }

    /// <summary>Ends when the replies are sent or given up; throws when the host stopped before they went out (not final).</summary>
    public async Task RepliesSentAsync(long updateId, ReplySends replies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replies);
        var results = await replies.AllAsync(cancellationToken).ConfigureAwait(false);

        // The outbox gives up on a message only after its retries, or when the host stops: the latter is not final.
        if (outbox.IsStopping && results.Any(r => !r.Delivered))
        {
            throw new OperationCanceledException("The outbox stopped before the replies of update " + updateId + " went out.");
        }
    }

    private Task DispatchAsync(Update update, ReplySends sends, CancellationToken cancellationToken) => update switch
    {
        { Message: { } message } => OnMessageAsync(message, sends, cancellationToken),
        { CallbackQuery: { } callback } => OnCallbackAsync(callback, sends, cancellationToken),
        { PollAnswer: { } answer } => OnPollAnswerAsync(answer, sends, cancellationToken),
        { MyChatMember: { } change } => OnMyChatMemberAsync(change, sends, cancellationToken),
        _ => Task.CompletedTask, // edits, channel posts and the rest are not for us
    };

    /// <summary>Runs text through the core and queues the reply for the chat.</summary>
    private Task ReplyAsync(Chat chat, User user, bool isAdmin, string text, ReplyAddress address, ReplySends sends, CancellationToken cancellationToken) =>
        ReplyAsync(chat, user, isAdmin, text, address, sends, messageId: null, cancellationToken);

    private async Task ReplyAsync(Chat chat, User user, bool isAdmin, string text, ReplyAddress address, ReplySends sends, int? messageId, CancellationToken cancellationToken)
    {
        // The member's message id: feedback graded later replies to it (TelegramOutbox reads it back).
        var incoming = new Incoming(TelegramRefs.Chat(chat, user), TelegramRefs.Sender(user, isAdmin), text) { ReplyTo = messageId is { } id ? TelegramRefs.Id(id) : null };
        var reply = await engine.HandleAsync(incoming, cancellationToken).ConfigureAwait(false);
        Queue(chat.Id, reply, address, sends);
    }

    // Delivery problems are logged by the outbox; the inbox waits for the result, polling does not.
    private void Queue(long chatId, Reply reply, ReplyAddress address, ReplySends sends) =>
        sends.Add(outbox.Enqueue(chatId, renderer.Render(reply, address)));

    private async Task ReleaseQuietlyAsync(long updateId)
    {
        try
        {
            await claims.ReleaseAsync(updateId, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the original failure matters more; a claim left behind only means a lost retry
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogReleaseFailed(logger, updateId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram: update {UpdateId} ({Type}) failed and was dropped")]
    private static partial void LogUpdateFailed(ILogger logger, long updateId, UpdateType type, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: could not release the claim on update {UpdateId}; a retry of it will be skipped")]
    private static partial void LogReleaseFailed(ILogger logger, long updateId, Exception exception);
}

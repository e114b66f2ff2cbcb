using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core.Commands;
using StudyBot.Core.Delivery;
using StudyBot.Core.Persistence;
using StudyBot.Telegram.Rendering;
using StudyBot.Telegram.State;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace StudyBot.Telegram.Sending;

/// <summary>
/// The one way the bot posts to Telegram, for command replies and for everything sent on its own (daily posts,
/// grading results). Messages to one chat go out in order; every send waits for the rate limits, obeys 429
/// retry_after, retries 5xx and network errors with backoff, follows a group's move to a supergroup, and turns
/// 403 into "this chat or member is unreachable". Whatever could not be delivered is logged and reported.
/// </summary>
public sealed partial class TelegramOutbox(
    ITelegramBotClient client,
    SendRateLimiter limiter,
    ChatStates chats,
    QuestionMessages questions,
    ReplyRendering renderer,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramOutbox> logger) : IChatSender, IHostedService, IDisposable
{
    private readonly TelegramOptions _options = options.Value;
    private readonly Dictionary<long, Task> _tails = [];
    private readonly CancellationTokenSource _stopping = new();
    private int _queued;

    public Platform Platform => Platform.Telegram;

    /// <summary>True once the host stopped the outbox: a send that failed now may still succeed after a restart.</summary>
    public bool IsStopping => _stopping.IsCancellationRequested;

    /// <summary>A reply sent outside a command (a daily post, a grading result); waits until delivered or given up.</summary>
    public Task<SendResult> SendAsync(ChatRef chat, SenderRef? recipient, Reply reply, CancellationToken cancellationToken) =>
        SendAsync(chat, recipient, reply, replyTo: null, cancellationToken);

    /// <summary>
    /// The same, as a reply to the member's message <paramref name="replyTo"/> (its message id, from Incoming.ReplyTo),
    /// sent anyway if that message is gone (allow_sending_without_reply).
    /// </summary>
    public async Task<SendResult> SendAsync(ChatRef chat, SenderRef? recipient, Reply reply, string? replyTo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(reply);
        if (chat.Platform != Platform.Telegram || !long.TryParse(chat.ExternalId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chatId))
        {
            return new SendResult(false, "not a Telegram chat id", Permanent: true);
        }

        if (!await chats.CanSendAsync(chat, cancellationToken).ConfigureAwait(false))
        {
            LogSkipped(logger, chatId);
            return new SendResult(false, "unreachable: the bot was removed from the chat or blocked by the user", Permanent: true);
        }

        var address = chat.Kind == ChatKind.Group && reply.Personal && recipient is not null
            && long.TryParse(recipient.ExternalId, NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            ? new ReplyAddress(MentionHtml: TelegramHtml.Mention(userId, recipient.DisplayName))
            : ReplyAddress.None;
        if (int.TryParse(replyTo, NumberStyles.None, CultureInfo.InvariantCulture, out var messageId) && messageId > 0)
        {
            address = address with { ReplyToMessageId = messageId };
        }

        return await Enqueue(chatId, renderer.Render(reply, address)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A direct message: a user's private chat with the bot has the user's id. 403 (blocked, never started) → unreachable.</summary>
    public async Task<SendResult> SendDirectAsync(SenderRef member, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(reply);
        if (!long.TryParse(member.ExternalId, NumberStyles.None, CultureInfo.InvariantCulture, out var userId) || userId <= 0)
        {
            return new SendResult(false, "not a Telegram user id", Permanent: true);
        }

        return await Enqueue(userId, TelegramReplyRenderer.Render(reply)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queues messages for a chat behind the ones already queued for it; the task ends when they are sent or given up.</summary>
    public Task<SendResult> Enqueue(long chatId, IReadOnlyList<OutgoingMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return Task.FromResult(SendResult.Ok);
        }

        if (Interlocked.Add(ref _queued, messages.Count) > _options.Limits.MaxQueued)
        {
            Interlocked.Add(ref _queued, -messages.Count);
            LogUndelivered(logger, chatId, "send queue full");
            return Task.FromResult(new SendResult(false, "send queue full"));
        }

        var done = new TaskCompletionSource<SendResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task previous;
        lock (_tails)
        {
            previous = _tails.GetValueOrDefault(chatId) ?? Task.CompletedTask;
            _tails[chatId] = done.Task;
        }

        _ = RunAfterAsync(previous, chatId, messages, done);
        return done.Task;
    }

    private async Task RunAfterAsync(Task previous, long chatId, IReadOnlyList<OutgoingMessage> messages, TaskCompletionSource<SendResult> done)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        SendResult result;
        try
        {
            result = await SendAllAsync(chatId, messages, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            result = new SendResult(false, "shutting down");
        }
#pragma warning disable CA1031 // a bug in one send must not stop the chat's queue; it is logged and reported
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogSendCrashed(logger, chatId, ex);
            result = new SendResult(false, ex.GetType().Name);
        }
        finally
        {
            Interlocked.Add(ref _queued, -messages.Count);
            lock (_tails)
            {
                if (_tails.TryGetValue(chatId, out var tail) && tail == done.Task)
                {
                    _tails.Remove(chatId);
                }
            }
        }

        if (!result.Delivered)
        {
            LogUndelivered(logger, chatId, result.Error ?? "unknown");
        }

        done.TrySetResult(result);
    }

    private async Task<SendResult> SendAllAsync(long chatId, IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        var target = new Target(chatId);
        foreach (var message in messages)
        {
            var result = await SendOneAsync(target, message, cancellationToken).ConfigureAwait(false);
            if (!result.Delivered)
            {
                return result; // the rest would read out of order
            }
        }

        return SendResult.Ok;
    }

    private async Task<SendResult> SendOneAsync(Target target, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var backoff = _options.InitialBackoff;
        var plain = false;
        string lastError = "not attempted";
        for (var attempt = 1; attempt <= _options.Limits.MaxAttempts; attempt++)
        {
            await limiter.WaitAsync(target.ChatId, cancellationToken).ConfigureAwait(false);
            TimeSpan wait;
            try
            {
                var sent = await CallAsync(target.ChatId, message, plain, cancellationToken).ConfigureAwait(false);
                await RememberQuestionAsync(target.ChatId, message, sent, cancellationToken).ConfigureAwait(false);
                return SendResult.Ok;
            }
            catch (ApiRequestException ex) when (ex.Parameters?.MigrateToChatId is { } newId && newId != target.ChatId)
            {
                await chats.MigrateAsync(Id(target.ChatId), Id(newId), cancellationToken).ConfigureAwait(false);
                target.ChatId = newId;
                continue;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 429)
            {
                wait = TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1));
                lastError = "429 Too Many Requests";
                LogRetryAfter(logger, target.ChatId, wait.TotalSeconds);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode >= 500)
            {
                lastError = $"{ex.ErrorCode}: {ex.Message}";
                wait = NextBackoff(ref backoff);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 403)
            {
                await MarkUnreachableAsync(target.ChatId, cancellationToken).ConfigureAwait(false);
                return new SendResult(false, "403: " + ex.Message, Permanent: true) { RecipientUnreachable = target.ChatId > 0 };
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 400 && message.Html is not null && !plain && ex.Message.Contains("parse entities", StringComparison.OrdinalIgnoreCase))
            {
                LogHtmlRefused(logger, target.ChatId, ex.Message);
                plain = true; // a rendering bug must not cost the member the message
                continue;
            }
            catch (ApiRequestException ex)
            {
                return new SendResult(false, $"{ex.ErrorCode}: {ex.Message}", Permanent: true);
            }
            catch (RequestException ex)
            {
                // Network errors, timeouts and 5xx pages that are not Bot API JSON.
                lastError = ex.HttpStatusCode is { } status ? $"{(int)status}: {ex.Message}" : ex.Message;
                wait = NextBackoff(ref backoff);
            }

            if (attempt < _options.Limits.MaxAttempts)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
        }

        return new SendResult(false, $"gave up after {_options.Limits.MaxAttempts} attempts ({lastError})");
    }

    private TimeSpan NextBackoff(ref TimeSpan backoff)
    {
        var wait = backoff;
        backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
        return wait;
    }

    private async Task<Message> CallAsync(long chatId, OutgoingMessage message, bool plain, CancellationToken cancellationToken)
    {
        var replyTo = message.ReplyToMessageId is { } id ? new ReplyParameters { MessageId = id, AllowSendingWithoutReply = true } : null;
        ReplyMarkup? markup = message.ForceReply
            ? new ForceReplyMarkup { Selective = true }
            : message.Buttons.Count > 0 ? Keyboard(message.Buttons) : null;
        if (message.Poll is { } poll)
        {
            return await client.SendPoll(
                chatId,
                poll.Question,
                poll.Options.Select(o => new InputPollOption(o)),
                isAnonymous: false, // so poll_answer updates name the member
                type: PollType.Quiz,
                correctOptionIds: [poll.CorrectOption],
                replyParameters: replyTo,
                replyMarkup: markup,
                explanation: poll.Explanation.Length > 0 ? poll.Explanation : null,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (message.Photo is { } photo)
        {
            // A fresh stream per attempt: a retry sends the whole file again.
            await using var png = new MemoryStream(photo.Png, writable: false);
            return await client.SendPhoto(
                chatId,
                InputFile.FromStream(png, photo.FileName),
                caption: photo.Caption.Length > 0 ? photo.Caption : null,
                replyParameters: replyTo,
                replyMarkup: markup,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var html = message.Html ?? string.Empty;
        return await client.SendMessage(
            chatId,
            plain ? PlainText(html) : html,
            plain ? ParseMode.None : ParseMode.Html,
            replyParameters: replyTo,
            replyMarkup: markup,
            linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true },
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static InlineKeyboardMarkup Keyboard(IReadOnlyList<ReplyButton> buttons) =>
        new(buttons.Chunk(3).Select(row => row.Select(b => InlineKeyboardButton.WithCallbackData(b.Label, b.Command)).ToArray()).ToArray());

    private async Task RememberQuestionAsync(long chatId, OutgoingMessage message, Message sent, CancellationToken cancellationToken)
    {
        if (message.Poll is { } poll && sent.Poll?.Id is { } pollId)
        {
            await questions.RecordAsync(Id(chatId), sent.MessageId, pollId, poll.LessonId, poll.QuestionId, cancellationToken).ConfigureAwait(false);
        }
        else if (message.ForceReply)
        {
            await questions.RecordAsync(Id(chatId), sent.MessageId, null, message.AnswerFor?.LessonId, message.AnswerFor?.QuestionId, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task MarkUnreachableAsync(long chatId, CancellationToken cancellationToken)
    {
        if (chatId > 0)
        {
            await chats.MarkUnreachableAsync(Id(chatId), cancellationToken).ConfigureAwait(false); // a private chat's id is the user's
        }
        else
        {
            await chats.SetActiveAsync(Id(chatId), active: false, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string PlainText(string html) => WebUtility.HtmlDecode(Tags().Replace(html, string.Empty));

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Lets queued messages go out while the host's shutdown allows, then abandons the rest.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task[] pending;
        lock (_tails)
        {
            pending = [.. _tails.Values];
        }

        try
        {
            await Task.WhenAll(pending).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _stopping.Dispose();

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tags();

    /// <summary>The chat a queue sends to; changes when Telegram says the group became a supergroup.</summary>
    private sealed class Target(long chatId)
    {
        public long ChatId { get; set; } = chatId;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: could not deliver to chat {ChatId}: {Error}")]
    private static partial void LogUndelivered(ILogger logger, long chatId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram: not sending to chat {ChatId}: the bot was removed or blocked there")]
    private static partial void LogSkipped(ILogger logger, long chatId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram: 429 for chat {ChatId}, retrying after {Seconds} s")]
    private static partial void LogRetryAfter(ILogger logger, long chatId, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram: HTML refused for chat {ChatId} ({Reason}); sending as plain text")]
    private static partial void LogHtmlRefused(ILogger logger, long chatId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram: sending to chat {ChatId} failed unexpectedly")]
    private static partial void LogSendCrashed(ILogger logger, long chatId, Exception exception);
}

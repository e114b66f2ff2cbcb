using Microsoft.Extensions.Logging;
using StudyBot.Core.Commands;
using StudyBot.Telegram.Rendering;
using StudyBot.Telegram.State;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace StudyBot.Telegram.Updates;

/// <summary>Messages: commands (also "/cmd@BotName" in groups), free-text answers, and a group's move to a supergroup.</summary>
public sealed partial class TelegramUpdateProcessor
{
    private async Task OnMessageAsync(Message message, ReplySends sends, CancellationToken cancellationToken)
    {
        var chat = message.Chat;
        if (message.MigrateToChatId is { } to)
        {
            await chats.MigrateAsync(TelegramRefs.Id(chat.Id), TelegramRefs.Id(to), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (message.MigrateFromChatId is { } from)
        {
            await chats.MigrateAsync(TelegramRefs.Id(from), TelegramRefs.Id(chat.Id), cancellationToken).ConfigureAwait(false);
            return;
        }

        var anonymousAdmin = message.SenderChat?.Id == chat.Id;
        if (chat.Type is ChatType.Channel || message.From is not { } user || (user.IsBot && !anonymousAdmin) || message.Text is not { } text)
        {
            return;
        }

        var isPrivate = TelegramRefs.IsPrivate(chat);
        var coreText = await CoreTextAsync(message, text, isPrivate, cancellationToken).ConfigureAwait(false);
        if (coreText is null)
        {
            return;
        }

        var isAdmin = await rights.IsAdminAsync(chat, user, message.SenderChat, cancellationToken).ConfigureAwait(false);
        var address = isPrivate ? ReplyAddress.None : new ReplyAddress(ReplyToMessageId: message.MessageId);
        await ReplyAsync(chat, user, isAdmin, coreText, address, sends, message.MessageId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What the core should see, or null when the message is not for the bot: a command for another bot, a command
    /// we do not know that was not addressed to us (groups have other bots), or group chatter that does not reply
    /// to one of our answer prompts, or a reply to a prompt whose question was answered since.
    /// </summary>
    private async Task<string?> CoreTextAsync(Message message, string text, bool isPrivate, CancellationToken cancellationToken)
    {
        if (text.StartsWith('/'))
        {
            if (CommandParser.Parse(text, bot.Username) is not { } command)
            {
                return null;
            }

            var addressed = text.AsSpan().TrimStart().ToString().Split([' ', '\n', '\t'], 2)[0].Contains('@', StringComparison.Ordinal);
            return isPrivate || addressed || _commands.Contains(command.Name) ? text : null;
        }

        // The recorded prompt (message ids are unique per chat) is what makes a reply an answer; the bot's own
        // id is not needed for that, so a reply is understood even before getMe has answered.
        if (message.ReplyToMessage is { } replied
            && await questions.FindPromptAsync(TelegramRefs.Id(message.Chat.Id), replied.MessageId, cancellationToken).ConfigureAwait(false) is { } prompt)
        {
            return await AnswerToPromptAsync(prompt, message.From!, text, cancellationToken).ConfigureAwait(false);
        }

        // In a private chat any plain text answers the current question.
        if (isPrivate)
        {
            return "/answer " + text;
        }

        return null;
    }

    /// <summary>
    /// A reply to a prompt answers the question the prompt asked, never a later one; if the member has answered it
    /// since (the same update handled again after a crash), there is nothing to do.
    /// </summary>
    private async Task<string?> AnswerToPromptAsync(SentPrompt prompt, User user, string text, CancellationToken cancellationToken)
    {
        if (prompt.Question is not { } question)
        {
            return "/answer " + text; // recorded before prompts named their question
        }

        if (await currentQuestions.AnsweredSinceAsync(prompt, TelegramRefs.Id(user.Id), cancellationToken).ConfigureAwait(false))
        {
            LogPromptAnswered(logger, question.LessonId, question.QuestionId);
            return null;
        }

        return $"/answer {text} #{question.LessonId}/{question.QuestionId}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram: a reply to the prompt of {LessonId}/{QuestionId} was taken already; ignored")]
    private static partial void LogPromptAnswered(ILogger logger, string lessonId, string questionId);
}

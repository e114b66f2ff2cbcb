using Microsoft.Extensions.Logging;
using StudyBot.Telegram.Rendering;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace StudyBot.Telegram.Updates;

/// <summary>Inline keyboard presses: the button's data is a command. Every press is answered, or the button keeps spinning.</summary>
public sealed partial class TelegramUpdateProcessor
{
    private async Task OnCallbackAsync(CallbackQuery callback, ReplySends sends, CancellationToken cancellationToken)
    {
        try
        {
            if (callback.Data is not { } data || !data.StartsWith('/') || callback.Message?.Chat is not { } chat)
            {
                return;
            }

            var isPrivate = TelegramRefs.IsPrivate(chat);
            var isAdmin = await rights.IsAdminAsync(chat, callback.From, null, cancellationToken).ConfigureAwait(false);
            var address = isPrivate ? ReplyAddress.None : new ReplyAddress(MentionHtml: TelegramHtml.Mention(callback.From.Id, TelegramRefs.DisplayName(callback.From)));
            await ReplyAsync(chat, callback.From, isAdmin, data, address, sends, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                await client.AnswerCallbackQuery(callback.Id, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
            catch (RequestException ex)
            {
                LogCallbackAnswerFailed(logger, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: answerCallbackQuery failed ({Reason})")]
    private static partial void LogCallbackAnswerFailed(ILogger logger, string reason);
}

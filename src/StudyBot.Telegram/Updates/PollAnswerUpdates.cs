using System.Globalization;
using StudyBot.Core.Commands;
using StudyBot.Core.Persistence;
using StudyBot.Telegram.Rendering;
using Telegram.Bot.Types;

namespace StudyBot.Telegram.Updates;

/// <summary>A vote in a quiz poll: the member's answer to that question, if it is the question they are on.</summary>
public sealed partial class TelegramUpdateProcessor
{
    private async Task OnPollAnswerAsync(PollAnswer answer, ReplySends sends, CancellationToken cancellationToken)
    {
        if (answer.User is not { } user || answer.OptionIds is not [var option])
        {
            return; // anonymous or a retracted vote
        }

        if (await questions.FindPollAsync(answer.PollId, cancellationToken).ConfigureAwait(false) is not { } poll
            || !await currentQuestions.IsCurrentAsync(poll, TelegramRefs.Id(user.Id), cancellationToken).ConfigureAwait(false)
            || !long.TryParse(poll.Chat.ExternalId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chatId))
        {
            return;
        }

        var isPrivate = poll.Chat.Kind == ChatKind.Private;
        var incoming = new Incoming(
            TelegramRefs.Chat(poll.Chat),
            TelegramRefs.Sender(user, isAdmin: isPrivate),
            // The poll's own question rides along, so the core never applies a vote to a different question.
            $"/answer {(option + 1).ToString(CultureInfo.InvariantCulture)} #{poll.LessonId}/{poll.QuestionId}");
        var reply = await engine.HandleAsync(incoming, cancellationToken).ConfigureAwait(false);
        var address = isPrivate ? ReplyAddress.None : new ReplyAddress(MentionHtml: TelegramHtml.Mention(user.Id, TelegramRefs.DisplayName(user)));
        Queue(chatId, reply, address, sends);
    }
}

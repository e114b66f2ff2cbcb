using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Commands;
using StudyBot.Core.Persistence;
using StudyBot.Core.Persistence.TelegramState;

namespace StudyBot.Telegram.State;

/// <summary>A quiz poll the bot sent: the chat it lives in and the question it asks.</summary>
public sealed record SentPoll(Chat Chat, string LessonId, string QuestionId);

/// <summary>A ForceReply prompt the bot sent: its chat (row id), the question it asks, and when it was sent.</summary>
public sealed record SentPrompt(long ChatId, QuestionRef? Question, DateTimeOffset SentAt);

/// <summary>Remembers quiz polls and ForceReply prompts the bot sent, so answers to them find their chat and question.</summary>
public sealed class QuestionMessages(IDbContextFactory<StudyBotDbContext> dbFactory, TimeProvider time)
{
    private const string Telegram = nameof(Platform.Telegram);

    public async Task RecordAsync(string chatExternalId, int messageId, string? pollId, string? lessonId, string? questionId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO studybot.telegram_question_messages (chat_id, message_id, poll_id, lesson_id, question_id, sent_at)
            SELECT c.id, {messageId}, {pollId}, {lessonId}, {questionId}, {now} FROM studybot.chats c
            WHERE c.platform = {Telegram} AND c.external_id = {chatExternalId}
            ON CONFLICT (poll_id) DO NOTHING
            """,
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<SentPoll?> FindPollAsync(string pollId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var found = await db.Set<TelegramQuestionMessage>().AsNoTracking()
            .Where(q => q.PollId == pollId)
            .Join(db.Chats.AsNoTracking(), q => q.ChatId, c => c.Id, (q, c) => new { Chat = c, q.LessonId, q.QuestionId })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return found is { LessonId: { } lesson, QuestionId: { } question } ? new SentPoll(found.Chat, lesson, question) : null;
    }

    /// <summary>
    /// The ForceReply prompt a message in a chat is (a reply to it is a quiz answer), or null when it is none. The
    /// question is null for prompts recorded before prompts named theirs.
    /// </summary>
    public async Task<SentPrompt?> FindPromptAsync(string chatExternalId, int messageId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var found = await db.Set<TelegramQuestionMessage>().AsNoTracking()
            .Join(db.Chats.AsNoTracking(), q => q.ChatId, c => c.Id, (q, c) => new { q, c })
            .Where(x => x.c.Platform == Platform.Telegram && x.c.ExternalId == chatExternalId && x.q.MessageId == messageId && x.q.PollId == null)
            .OrderByDescending(x => x.q.SentAt) // message ids restart after a move to a supergroup: the newest is meant
            .Select(x => new { x.q.ChatId, x.q.LessonId, x.q.QuestionId, x.q.SentAt })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return null;
        }

        var question = found is { LessonId: { } lesson, QuestionId: { } id } ? new QuestionRef(lesson, id) : null;
        return new SentPrompt(found.ChatId, question, found.SentAt);
    }
}

using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Persistence;
using StudyBot.Core.Persistence.TelegramState;

namespace StudyBot.Telegram.State;

/// <summary>A quiz poll the bot sent: the chat it lives in and the question it asks.</summary>
public sealed record SentPoll(Chat Chat, string LessonId, string QuestionId);

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

    /// <summary>Whether a message in a chat is a ForceReply prompt of the bot (a reply to it is a quiz answer).</summary>
    public async Task<bool> IsPromptAsync(string chatExternalId, int messageId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Set<TelegramQuestionMessage>().AsNoTracking()
            .Join(db.Chats.AsNoTracking(), q => q.ChatId, c => c.Id, (q, c) => new { q, c })
            .AnyAsync(x => x.c.Platform == Platform.Telegram && x.c.ExternalId == chatExternalId && x.q.MessageId == messageId && x.q.PollId == null, cancellationToken)
            .ConfigureAwait(false);
    }
}

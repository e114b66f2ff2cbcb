using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Commands;
using StudyBot.Core.Localization;
using StudyBot.Core.Persistence;

namespace StudyBot.Core.Quizzes.BackgroundGrading;

/// <summary>Answers stored as pending whose job died with the process that queued it.</summary>
public static class PendingAnswers
{
    /// <summary>
    /// Queues every pending answer again, except those the queue already holds a job for (a durable queue keeps its
    /// jobs across restarts); returns how many were queued. The held jobs are read after the pending answers, so an
    /// answer queued in between is seen as held; the other race (a job finishing in between) only queues a job that
    /// finds its answer graded and does nothing.
    /// </summary>
    public static Task<int> RequeueAsync(IDbContextFactory<StudyBotDbContext> dbFactory, IGradingJobScheduler queue, CancellationToken cancellationToken) =>
        RequeueAsync(dbFactory, queue, answeredBefore: null, cancellationToken);

    /// <summary>
    /// The same for answers stored before <paramref name="answeredBefore"/> only (a periodic sweep leaves the newest
    /// alone: they may still be on their way into the queue in another process).
    /// </summary>
    public static async Task<int> RequeueAsync(IDbContextFactory<StudyBotDbContext> dbFactory, IGradingJobScheduler queue, DateTimeOffset? answeredBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
        ArgumentNullException.ThrowIfNull(queue);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var pending = await (
                from answer in db.QuizAnswers
                where answer.Grader == GraderNames.Pending && (answeredBefore == null || answer.AnsweredAt < answeredBefore)
                join attempt in db.QuizAttempts on answer.AttemptId equals attempt.Id
                join chat in db.Chats on attempt.ChatId equals chat.Id
                join member in db.Members on attempt.MemberId equals member.Id
                orderby answer.AnsweredAt
                select new { answer.Id, Chat = chat, Member = member })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (pending.Count == 0)
        {
            return 0;
        }

        var held = await queue.HeldAnswersAsync(cancellationToken).ConfigureAwait(false);
        var queued = 0;
        foreach (var row in pending.Where(row => !held.Contains(row.Id)))
        {
            var job = new GradingJob(row.Id, ChatOf(row.Chat), RecipientOf(row.Member), LanguageOf(row.Member, row.Chat));
            queued += await queue.TryEnqueueAsync(job, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return queued;
    }

    public static ChatRef ChatOf(Chat chat)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return new ChatRef(chat.Platform, chat.ExternalId, chat.Kind, chat.Title);
    }

    public static SenderRef RecipientOf(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new SenderRef(member.ExternalId, member.DisplayName, member.PlatformLocale, IsChatAdmin: false);
    }

    /// <summary>The member's language as the engine resolves it: /lang, else platform locale, else the chat's.</summary>
    public static Language LanguageOf(Member member, Chat chat)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(chat);
        return Languages.Parse(member.Language) ?? Languages.Parse(member.PlatformLocale) ?? Languages.Parse(chat.Language) ?? Language.En;
    }
}

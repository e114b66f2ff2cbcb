using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StudyBot.Core.Commands;
using StudyBot.Core.Content;
using StudyBot.Core.Delivery;
using StudyBot.Core.Localization;
using StudyBot.Core.Persistence;
using StudyBot.Core.Progress;

namespace StudyBot.Core.Quizzes.BackgroundGrading;

/// <summary>What became of one grading job.</summary>
public enum GradingOutcome
{
    /// <summary>Graded (now or by an earlier run) and the feedback delivered.</summary>
    Delivered,

    /// <summary>An earlier run delivered the feedback already: nothing was sent again.</summary>
    AlreadyDelivered,

    /// <summary>Another runner (another worker or replica) holds this answer now and will deliver.</summary>
    Busy,

    /// <summary>The answer or its lesson is gone.</summary>
    Gone,

    /// <summary>Graded and stored, but the send failed and may work later: a retry sends the stored grade.</summary>
    NotDelivered,

    /// <summary>Graded and stored; the platform refused for good (bot removed, member blocked us).</summary>
    Undeliverable,

    /// <summary>A newer grade replaced the one this job was to make or deliver (a later /regrade): nothing to do.</summary>
    Superseded,
}

/// <summary>
/// Runs one grading job: loads the stored answer, grades it (any failure of the grader becomes an offline grade,
/// never an error for the learner), stores the grade with its audit, and sends the feedback to the chat, in answer
/// to the learner's message where the platform can. Safe to run twice and on several replicas at once: one runner
/// per answer at a time (<see cref="AnswerLock"/>), an answer already graded is not graded again (only its feedback
/// is sent, if an earlier run could not), and delivered feedback is marked so it is never sent twice. The same holds
/// for a /regrade: its grade is stored under the request's id (<see cref="RegradeRequest"/>), so a rerun only delivers
/// it, and a request overtaken by a newer grade does nothing.
/// </summary>
public sealed partial class GradingJobRunner(
    IAnswerGrader grader,
    IDbContextFactory<StudyBotDbContext> dbFactory,
    ContentCatalog catalog,
    ChatSenders senders,
    OfflineGrading.OfflineAnswerGrader offline,
    TimeProvider time,
    ILogger<GradingJobRunner> logger)
{
    public async Task<GradingOutcome> RunAsync(GradingJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false); // the lock lives on this connection
        if (!await AnswerLock.TryTakeAsync(db, job.AnswerId, cancellationToken).ConfigureAwait(false))
        {
            LogBusy(logger, job.AnswerId);
            return GradingOutcome.Busy;
        }

        try
        {
            return await RunLockedAsync(db, job, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await ReleaseQuietlyAsync(db, job.AnswerId).ConfigureAwait(false);
        }
    }

    private async Task<GradingOutcome> RunLockedAsync(StudyBotDbContext db, GradingJob job, CancellationToken cancellationToken)
    {
        var answer = await db.QuizAnswers
            .Include(a => a.Attempt!).ThenInclude(t => t.Answers)
            .SingleOrDefaultAsync(a => a.Id == job.AnswerId, cancellationToken).ConfigureAwait(false);
        var lesson = answer?.Attempt is { } attempt ? catalog.FindLesson(attempt.LessonId) : null;
        if (answer?.Text is null || lesson is null || lesson.Quiz.Open.Id != answer.QuestionId)
        {
            LogAnswerGone(logger, job.AnswerId);
            return GradingOutcome.Gone;
        }

        var question = lesson.Quiz.Open;
        var stored = GradeDetails.Read(answer.Details);
        var replyTo = job.ReplyTo ?? (job.Regrade ? null : stored?.ReplyTo); // the learner's message answers their own grading only
        PreviousGrade? previous;
        GradeResult grade;
        switch (Decide(job, answer, stored))
        {
            case Step.AlreadyDelivered:
                LogAlreadyDelivered(logger, job.AnswerId);
                return GradingOutcome.AlreadyDelivered;
            case Step.Superseded:
                LogSuperseded(logger, job.AnswerId);
                return GradingOutcome.Superseded;
            case Step.Deliver:
                // An earlier run of this job (or a duplicate of it) graded the answer: never grade twice.
                previous = job.Regrade ? stored?.Previous : null;
                grade = new GradeResult(answer.Score, stored?.KeyPoints ?? [], answer.Grader ?? GraderNames.Offline, IsOffline(answer.Grader), stored?.Audit);
                break;
            default:
                previous = job.Regrade ? new PreviousGrade(answer.Grader, answer.Score) : null;
                grade = await GradeAsync(job, answer.Text, question, cancellationToken).ConfigureAwait(false);
                OpenAnswerGrading.Apply(answer, grade, previous, job.Request?.Id, replyTo);
                OpenAnswerGrading.RecomputeScore(answer.Attempt!);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                break;
        }

        var reply = Feedback(job, answer, lesson, question, grade, previous);
        var sent = await senders.SendAsync(job.Chat, job.Recipient, reply, replyTo, cancellationToken).ConfigureAwait(false);
        if (!sent.Delivered)
        {
            LogNotDelivered(logger, job.AnswerId, job.Chat.Platform, sent.Error);
            if (!sent.Permanent)
            {
                return GradingOutcome.NotDelivered;
            }

            answer.Details = GradeDetails.ForgetReplyTo(answer.Details); // no retry will use it
            await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
            return GradingOutcome.Undeliverable;
        }

        // Not cancellable: the message is out, and forgetting that would send it again on a retry.
        answer.Details = GradeDetails.MarkDelivered(answer.Details, time.GetUtcNow());
        await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
        return GradingOutcome.Delivered;
    }

    private enum Step
    {
        Grade,
        Deliver,
        AlreadyDelivered,
        Superseded,
    }

    /// <summary>What this run has left to do, from the stored grade: every check that keeps a rerun from grading again.</summary>
    private static Step Decide(GradingJob job, QuizAnswer answer, StoredGrade? stored)
    {
        if (job.Regrade)
        {
            if (job.Request is not { } request)
            {
                return Step.Grade; // a regrade queued before requests had ids: nothing tells a rerun apart
            }

            if (answer.Grader != GraderNames.Pending && stored?.Id is { } id && id == request.Id)
            {
                return stored.DeliveredAt is null ? Step.Deliver : Step.AlreadyDelivered; // this request's grade, stored by an earlier run
            }

            // A grade other than the one the admin asked to replace: a newer request (or a first grade) came after.
            return answer.Grader != GraderNames.Pending && stored?.Id == request.Replaces ? Step.Grade : Step.Superseded;
        }

        if (answer.Grader == GraderNames.Pending)
        {
            return Step.Grade;
        }

        if (stored?.Previous is not null)
        {
            return Step.Superseded; // regraded since: the regrade's own job delivers the newer grade
        }

        return stored?.DeliveredAt is null ? Step.Deliver : Step.AlreadyDelivered;
    }

    private async Task<GradeResult> GradeAsync(GradingJob job, string text, OpenQuestion question, CancellationToken cancellationToken)
    {
        try
        {
            return await grader.GradeAsync(new GradingRequest(question, text, job.Language, Fresh: job.Regrade), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogGraderFailed(logger, job.AnswerId, ex.GetType().Name, ex);
            return offline.Grade(question, text) with
            {
                Grader = GraderNames.OfflineFallback,
                Audit = new GradingAudit { Fallback = GradingFallback.Unavailable, FallbackDetail = ex.GetType().Name },
            };
        }
    }

    private async Task ReleaseQuietlyAsync(StudyBotDbContext db, long answerId)
    {
        try
        {
            await AnswerLock.ReleaseAsync(db, answerId).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            LogReleaseFailed(logger, answerId, ex.GetType().Name); // a broken connection has dropped the lock with it
        }
    }

    private static bool IsOffline(string? graderName) => graderName is null or GraderNames.Offline or GraderNames.OfflineFallback;

    private Reply Feedback(GradingJob job, QuizAnswer answer, Lesson lesson, OpenQuestion question, GradeResult grade, PreviousGrade? previous)
    {
        var t = Texts.For(job.Language);
        var builder = new ReplyBuilder();
        if (previous is not null)
        {
            builder.Heading(t.Regraded(answer.Id, job.Recipient.DisplayName, MeHandler.Percent(previous.Score), MeHandler.Percent(grade.Score)));
        }

        OpenAnswerFeedback.Compose(builder, catalog, job.Language, lesson, question, grade);
        var attempt = answer.Attempt!;
        if (previous is null && attempt.CompletedAt is not null)
        {
            var score = (attempt.Score ?? 0).ToString("0.#", CultureInfo.InvariantCulture);
            builder.Heading(t.QuizFinished(score, lesson.Quiz.QuestionCount));
            builder.Button(t.DoneButton, "/done").Button(t.LeaderboardButton, "/leaderboard");
        }

        return builder.Personal().Build();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answer {AnswerId} to grade is gone (deleted, or its lesson left the content)")]
    private static partial void LogAnswerGone(ILogger logger, long answerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grader failed on answer {AnswerId} ({ExceptionType}); graded offline")]
    private static partial void LogGraderFailed(ILogger logger, long answerId, string exceptionType, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Answer {AnswerId} is being graded by another worker")]
    private static partial void LogBusy(ILogger logger, long answerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feedback on answer {AnswerId} was delivered by an earlier run; not sent again")]
    private static partial void LogAlreadyDelivered(ILogger logger, long answerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Answer {AnswerId} was regraded since this job was queued; nothing to grade or send")]
    private static partial void LogSuperseded(ILogger logger, long answerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the grading lock of answer {AnswerId} ({ExceptionType})")]
    private static partial void LogReleaseFailed(ILogger logger, long answerId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feedback on answer {AnswerId} not delivered to {Platform}: {Error}")]
    private static partial void LogNotDelivered(ILogger logger, long answerId, Platform platform, string? error);
}

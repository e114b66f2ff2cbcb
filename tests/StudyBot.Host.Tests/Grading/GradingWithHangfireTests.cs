using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Core.Delivery;
using StudyBot.Core.Persistence;
using StudyBot.Core.Quizzes;
using StudyBot.Core.Quizzes.BackgroundGrading;
using StudyBot.Grading.OpenAI.Tests.Fakes;
using StudyBot.Host.Grading;
using StudyBot.Testing;

namespace StudyBot.Host.Tests.Grading;

/// <summary>
/// Open answers graded as Hangfire jobs on the real database, with the real LLM grader asking a fake endpoint:
/// acknowledged at once, graded once however often the job runs, delivered once, and still graded after a restart.
/// </summary>
public sealed class GradingWithHangfireTests : IAsyncLifetime
{
    private const string Answer = "Retrieval adds the documents to the context of the prompt, so there is less hallucination.";

    private HangfireGradingRig _rig = null!;

    public async Task InitializeAsync()
    {
        _rig = await HangfireGradingRig.StartAsync();
        await _rig.Bot.SendAsync("/setup start=2026-03-01", user: "admin", admin: true);
        await _rig.Bot.SendAsync("/quiz");
        for (var i = 0; i < 3; i++)
        {
            await _rig.Bot.SendAsync("/answer 1");
        }
    }

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task An_answer_is_acknowledged_at_once_and_waits_in_Hangfire_until_a_worker_grades_and_delivers_it()
    {
        var ack = ReplyText.Of(await _rig.Bot.SendAsync("/answer " + Answer));

        Assert.Contains("being graded", ack, StringComparison.Ordinal);
        var answerId = await OpenAnswerIdAsync();
        Assert.Equal([answerId], await Scheduler.HeldAnswersAsync(CancellationToken.None));
        Assert.Equal(0, _rig.Llm.RequestCount);

        using (Server())
        {
            await WaitUntilAsync(() => !_rig.Sender.Sent.IsEmpty);
            await WaitUntilAsync(async () => (await Scheduler.HeldAnswersAsync(CancellationToken.None)).Count == 0);
        }

        var (chat, recipient, text) = Assert.Single(_rig.Sender.Sent);
        Assert.Equal(("group-1", "alice"), (chat, recipient));
        Assert.Contains("Score: 75%", text, StringComparison.Ordinal);
        var stored = await AnswerAsync(answerId);
        Assert.Equal("fake-model", stored.Grader);
        Assert.NotNull(GradeDetails.Read(stored.Details)!.DeliveredAt);
    }

    [Fact]
    public async Task A_job_run_twice_or_by_two_workers_at_once_grades_once_and_delivers_once()
    {
        await _rig.Bot.SendAsync("/answer " + Answer);
        var answerId = await OpenAnswerIdAsync();
        _rig.Llm.Respond = _ => FakeReply.Verdicts([("context", true, "adds the documents to the context"), ("hallucination", true, "less hallucination"), ("fresh", false, "")], TimeSpan.FromMilliseconds(500));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RunJobAsync(answerId))); // a duplicate on every worker at once
        await RunJobAsync(answerId); // and a retry after it succeeded

        Assert.Equal(1, _rig.Llm.RequestCount);
        Assert.Single(_rig.Sender.Sent);
    }

    [Fact]
    public async Task A_failed_send_is_retried_with_the_stored_grade_not_a_second_grading()
    {
        await _rig.Bot.SendAsync("/answer " + Answer);
        var answerId = await OpenAnswerIdAsync();
        _rig.Sender.Next = new SendResult(false, "HTTP 500 from the platform");

        await Assert.ThrowsAsync<GradingDeliveryException>(() => RunJobAsync(answerId)); // Hangfire schedules the retry
        Assert.Equal("fake-model", (await AnswerAsync(answerId)).Grader); // graded and stored all the same
        await RunJobAsync(answerId);
        await RunJobAsync(answerId);

        Assert.Equal(1, _rig.Llm.RequestCount);
        Assert.Contains("Score: 75%", Assert.Single(_rig.Sender.Sent).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_platform_that_refuses_for_good_is_not_retried()
    {
        await _rig.Bot.SendAsync("/answer " + Answer);
        _rig.Sender.Next = new SendResult(false, "403 Forbidden: bot was blocked by the user", Permanent: true);

        await RunJobAsync(await OpenAnswerIdAsync()); // no exception: a retry cannot help

        Assert.Empty(_rig.Sender.Sent);
    }

    [Fact]
    public async Task Pending_answers_survive_a_restart_and_the_start_up_requeue_does_not_duplicate_held_jobs()
    {
        await _rig.Bot.SendAsync("/answer " + Answer); // this process stops before any worker took the job
        var held = await OpenAnswerIdAsync();
        await _rig.Bot.SendAsync("/quiz 1");
        for (var i = 0; i < 3; i++)
        {
            await _rig.Bot.SendAsync("/answer 1");
        }

        Assert.Contains("being graded", ReplyText.Of(await _rig.Bot.SendAsync("/answer " + Answer + " (day one)")), StringComparison.Ordinal);
        var orphan = await OpenAnswerIdAsync();
        Assert.NotEqual(held, orphan);
        await DeleteJobOfAsync(orphan); // its job died with its process: only the answer, pending, remains

        // The next process starts: the requeue sees the held job and queues only the orphan.
        Assert.Equal(new HashSet<long> { held }, await Scheduler.HeldAnswersAsync(CancellationToken.None));
        var queued = await PendingAnswers.RequeueAsync(_rig.Bot.Services.GetRequiredService<IDbContextFactory<StudyBotDbContext>>(), Scheduler, CancellationToken.None);
        Assert.Equal(1, queued);
        Assert.Equal(new HashSet<long> { held, orphan }, await Scheduler.HeldAnswersAsync(CancellationToken.None));

        using (Server())
        {
            await WaitUntilAsync(() => _rig.Sender.Sent.Count >= 2);
            await WaitUntilAsync(async () => (await Scheduler.HeldAnswersAsync(CancellationToken.None)).Count == 0);
        }

        Assert.Equal(2, _rig.Sender.Sent.Count);
        Assert.Equal(2, _rig.Llm.RequestCount);
        Assert.Equal(0, await PendingAnswers.RequeueAsync(_rig.Bot.Services.GetRequiredService<IDbContextFactory<StudyBotDbContext>>(), Scheduler, CancellationToken.None));
    }

    [Fact]
    public async Task The_periodic_sweep_queues_a_pending_answer_without_a_job_once_it_is_past_the_grace_period()
    {
        await _rig.Bot.SendAsync("/answer " + Answer);
        var orphan = await OpenAnswerIdAsync();
        await DeleteJobOfAsync(orphan);
        var sweep = _rig.Bot.Services.GetRequiredService<RequeuePendingAnswersJob>();

        Assert.Equal(0, await sweep.RunAsync(CancellationToken.None)); // too fresh: it may be on its way in another replica
        _rig.Bot.Time.Advance(RequeuePendingAnswersJob.Grace + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await sweep.RunAsync(CancellationToken.None));
        await WaitUntilAsync(async () => (await Scheduler.HeldAnswersAsync(CancellationToken.None)).Contains(orphan));
        Assert.Equal(0, await sweep.RunAsync(CancellationToken.None)); // held now: not twice
    }

    private IGradingJobScheduler Scheduler => _rig.Bot.Services.GetRequiredService<IGradingJobScheduler>();

    private BackgroundJobServer Server() => new(
        new BackgroundJobServerOptions
        {
            WorkerCount = 2,
            Queues = [GradeAnswerJob.Queue],
            Activator = new HangfireGradingRig.ServiceProviderActivator(_rig.Bot.Services),
            SchedulePollingInterval = TimeSpan.FromMilliseconds(200),
        },
        _rig.Storage);

    private Task RunJobAsync(long answerId) =>
        _rig.Bot.Services.GetRequiredService<GradeAnswerJob>().RunAsync(answerId, Platform.Console, "group-1", ChatKind.Group, "group-1", "alice", "alice", null, Core.Localization.Language.En, false, null, CancellationToken.None);

    private async Task DeleteJobOfAsync(long answerId)
    {
        var monitor = _rig.Storage.GetMonitoringApi();
        bool Match(KeyValuePair<string, Hangfire.Storage.Monitoring.EnqueuedJobDto> j) => j.Value.Job.Args[0] is long id && id == answerId;
        await WaitUntilAsync(() => monitor.EnqueuedJobs(GradeAnswerJob.Queue, 0, 100).Any(Match)); // handed over to Hangfire off the handler's thread
        var job = monitor.EnqueuedJobs(GradeAnswerJob.Queue, 0, 100).Single(Match);
        Assert.True(await Task.Run(() => new BackgroundJobClient(_rig.Storage).Delete(job.Key)));
        var after = _rig.Storage.GetMonitoringApi().EnqueuedJobs(GradeAnswerJob.Queue, 0, 100).Single(j => j.Key == job.Key).Value;
        Assert.Equal("Deleted", after.State); // still listed in its queue (Hangfire.PostgreSql even says InEnqueuedState)
    }

    private async Task<long> OpenAnswerIdAsync()
    {
        await using var db = _rig.Bot.Db();
        return await db.QuizAnswers.Where(a => a.Kind == QuestionKind.Open).OrderByDescending(a => a.Id).Select(a => a.Id).FirstAsync();
    }

    private async Task<QuizAnswer> AnswerAsync(long id)
    {
        await using var db = _rig.Bot.Db();
        return await db.QuizAnswers.SingleAsync(a => a.Id == id);
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in 60 s");
            await Task.Delay(100);
        }
    }
}

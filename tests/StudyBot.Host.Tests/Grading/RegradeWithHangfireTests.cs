using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Core.Commands;
using StudyBot.Core.Delivery;
using StudyBot.Core.Persistence;
using StudyBot.Core.Quizzes;
using StudyBot.Host.Grading;

namespace StudyBot.Host.Tests.Grading;

/// <summary>
/// /regrade as a Hangfire job: one request asks the model once and is delivered once however often its job runs
/// (a retry, a duplicate, workers at once); a second /regrade is a new request and asks again; a request overtaken
/// by a newer grade does nothing.
/// </summary>
public sealed class RegradeWithHangfireTests : IAsyncLifetime
{
    private HangfireGradingRig _rig = null!;
    private long _answerId;

    public async Task InitializeAsync()
    {
        _rig = await HangfireGradingRig.StartAsync();
        var bot = _rig.Bot;
        await bot.SendAsync("/setup start=2026-03-01", user: "admin", admin: true);
        await bot.SendAsync("/quiz");
        for (var i = 0; i < 3; i++)
        {
            await bot.SendAsync("/answer 1");
        }

        await bot.SendAsync("/answer " + HangfireGradingRig.Answer);
        _answerId = await _rig.OpenAnswerIdAsync();
        var first = await _rig.EnqueuedJobAsync(_answerId);
        await _rig.RunStoredAsync(first.Job); // the first grade: one model call, one feedback
        Assert.Equal((1, 1), (_rig.Llm.RequestCount, _rig.Sender.Sent.Count));
        Assert.True(await Task.Run(() => new BackgroundJobClient(_rig.Storage).Delete(first.Id))); // done: keep later servers to the regrades
    }

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task The_same_regrade_job_run_again_by_Hangfire_asks_the_model_once_and_delivers_once()
    {
        _rig.Llm.Respond = _ => HangfireGradingRig.TwoOfFour();
        var (jobId, _) = await RegradeAsync();

        using (_rig.Server())
        {
            await HangfireGradingRig.WaitUntilAsync(() => _rig.Successes(jobId) == 1);
            Assert.True(await Task.Run(() => new BackgroundJobClient(_rig.Storage).Requeue(jobId))); // the same job once more, as after a lost acknowledgement
            await HangfireGradingRig.WaitUntilAsync(() => _rig.Successes(jobId) == 2);
        }

        Assert.Equal(2, _rig.Llm.RequestCount);
        var regraded = Assert.Single(_rig.Sender.Sent.Skip(1));
        Assert.Contains($"Answer #{_answerId} by alice regraded: 75% → 50%", regraded.Text, StringComparison.Ordinal);
        var stored = GradeDetails.Read((await _rig.AnswerAsync(_answerId)).Details)!;
        Assert.NotNull(stored.DeliveredAt);
        Assert.Equal(new PreviousGrade("fake-model", 0.75), stored.Previous);
    }

    [Fact]
    public async Task The_same_regrade_job_on_four_workers_at_once_asks_the_model_once_and_delivers_once()
    {
        _rig.Llm.Respond = _ => HangfireGradingRig.ThreeOfFour(TimeSpan.FromMilliseconds(500));
        var (_, job) = await RegradeAsync();

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Outcome(_rig.RunStoredAsync(job))));
        var retries = new List<Exception?>();
        foreach (var _ in runs.Where(r => r is not null))
        {
            retries.Add(await Outcome(_rig.RunStoredAsync(job))); // Hangfire retries the busy ones, seconds apart
        }


        Assert.Contains(runs, r => r is null); // one graded and delivered
        Assert.All(runs.Where(r => r is not null), r => Assert.IsType<GradingDeliveryException>(r)); // any that found it busy asks for a retry
        Assert.All(retries, Assert.Null); // which finds the request done
        Assert.Equal(2, _rig.Llm.RequestCount);
        Assert.Equal(2, _rig.Sender.Sent.Count);
    }

    [Fact]
    public async Task A_regrade_whose_feedback_was_not_delivered_is_retried_with_the_stored_grade_not_a_second_model_call()
    {
        _rig.Llm.Respond = _ => HangfireGradingRig.TwoOfFour();
        var (_, job) = await RegradeAsync();
        _rig.Sender.Next = new SendResult(false, "HTTP 500 from the platform");

        await Assert.ThrowsAsync<GradingDeliveryException>(() => _rig.RunStoredAsync(job)); // graded and stored; Hangfire retries
        Assert.Equal(0.5, (await _rig.AnswerAsync(_answerId)).Score);
        await _rig.RunStoredAsync(job);
        await _rig.RunStoredAsync(job);

        Assert.Equal(2, _rig.Llm.RequestCount);
        var regraded = Assert.Single(_rig.Sender.Sent.Skip(1));
        Assert.Contains($"Answer #{_answerId} by alice regraded: 75% → 50%", regraded.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_regrade_is_a_new_request_and_asks_again_while_the_first_ones_rerun_does_nothing()
    {
        var (_, first) = await RegradeAsync();
        await _rig.RunStoredAsync(first);
        _rig.Llm.Respond = _ => HangfireGradingRig.TwoOfFour();

        var (_, second) = await RegradeAsync();
        Assert.NotEqual(first.Args[9], second.Args[9]);
        await _rig.RunStoredAsync(second);
        await _rig.RunStoredAsync(first); // a late retry of the first request: a newer grade replaced the one it was about

        Assert.Equal(3, _rig.Llm.RequestCount);
        var sent = _rig.Sender.Sent.Skip(1).Select(s => s.Text).ToList();
        Assert.Equal(2, sent.Count);
        Assert.Contains("regraded: 75% → 75%", sent[0], StringComparison.Ordinal);
        Assert.Contains("regraded: 75% → 50%", sent[1], StringComparison.Ordinal);
        Assert.Equal(0.5, (await _rig.AnswerAsync(_answerId)).Score);
    }

    [Fact]
    public async Task A_first_grading_job_run_after_a_regrade_sends_nothing()
    {
        var (_, regrade) = await RegradeAsync();
        await _rig.RunStoredAsync(regrade);

        await _rig.Bot.Services.GetRequiredService<GradeAnswerJob>().RunAsync(
            _answerId, Platform.Console, "group-1", ChatKind.Group, "group-1", "alice", "alice", null, Core.Localization.Language.En, null, null, CancellationToken.None);

        Assert.Equal(2, _rig.Llm.RequestCount);
        Assert.Equal(2, _rig.Sender.Sent.Count);
    }

    /// <summary>An admin's /regrade of alice's answer; returns its job once Hangfire holds it.</summary>
    private async Task<(string Id, Hangfire.Common.Job Job)> RegradeAsync()
    {
        var monitor = _rig.Storage.GetMonitoringApi();
        var known = monitor.EnqueuedJobs(GradeAnswerJob.Queue, 0, 500).Select(j => j.Key).ToHashSet();
        Assert.Contains($"Regrading answer #{_answerId} by alice", await _rig.Bot.TextAsync("/regrade alice", user: "admin", admin: true), StringComparison.Ordinal);
        await HangfireGradingRig.WaitUntilAsync(() => monitor.EnqueuedJobs(GradeAnswerJob.Queue, 0, 500).Any(j => !known.Contains(j.Key)));
        var job = monitor.EnqueuedJobs(GradeAnswerJob.Queue, 0, 500).Single(j => !known.Contains(j.Key));
        Assert.Equal(_answerId, job.Value.Job.Args[0]);
        Assert.IsType<Guid>(job.Value.Job.Args[9]); // the request's id
        return (job.Key, job.Value.Job);
    }

    private static async Task<Exception?> Outcome(Task run)
    {
        try
        {
            await run;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}

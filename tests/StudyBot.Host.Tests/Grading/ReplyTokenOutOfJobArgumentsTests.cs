using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Core.Quizzes;
using StudyBot.Discord.Delivery;
using StudyBot.Discord.Tests.Fakes;
using StudyBot.Testing;

namespace StudyBot.Host.Tests.Grading;

/// <summary>
/// A Discord answer's interaction token never enters Hangfire (whose dashboard shows job arguments): it waits with
/// the pending answer, the job carries the answer's id, and the feedback still edits the deferred response; once
/// used, or too old to use, it is gone.
/// </summary>
public sealed class ReplyTokenOutOfJobArgumentsTests : IAsyncLifetime
{
    private const string Token = "aW50ZXJhY3Rpb246OTk5-secret-interaction-token";

    private HangfireGradingRig _rig = null!;
    private string _handle = null!;

    public async Task InitializeAsync()
    {
        _rig = await HangfireGradingRig.StartAsync();
        await _rig.SendDiscordAsync("/setup start=2026-03-01", HangfireGradingRig.DiscordAdmin);
        await _rig.SendDiscordAsync("/quiz", HangfireGradingRig.Ana);
        for (var i = 0; i < 3; i++)
        {
            await _rig.SendDiscordAsync("/answer 1", HangfireGradingRig.Ana);
        }

        _handle = _rig.Bot.Services.GetRequiredService<RecentInteractions>().ReplyHandle(Token); // as the interaction endpoint makes it
    }

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task The_job_in_Hangfire_holds_no_token_and_the_feedback_still_edits_the_deferred_response()
    {
        var ack = ReplyText.Of(await _rig.SendDiscordAsync("/answer " + HangfireGradingRig.Answer, HangfireGradingRig.Ana, _handle));

        Assert.Contains("being graded", ack, StringComparison.Ordinal);
        var answerId = await _rig.OpenAnswerIdAsync();
        var (_, job) = await _rig.EnqueuedJobAsync(answerId);
        Assert.DoesNotContain(job.Args, a => a is string s && s.Contains(Token, StringComparison.Ordinal));
        var stored = await _rig.HangfireJobTextAsync();
        Assert.Contains(answerId.ToString(CultureInfo.InvariantCulture), stored, StringComparison.Ordinal); // the job is there…
        Assert.Contains(HangfireGradingRig.DiscordChannel.ExternalId, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, stored, StringComparison.Ordinal); // …and the token is not
        Assert.Equal(_handle, GradeDetails.Read((await _rig.AnswerAsync(answerId)).Details)!.ReplyTo); // it waits with the answer

        using (_rig.Server())
        {
            var edit = Assert.Single(await _rig.Discord.WaitForAsync(r => r.Method == "PATCH" && r.Path.EndsWith("/" + Token + "/messages/@original", StringComparison.Ordinal), timeout: TimeSpan.FromSeconds(60)));
            Assert.Contains("Score: 75%", ResponseText.Of(edit.Json), StringComparison.Ordinal);
            await HangfireGradingRig.WaitUntilAsync(async () => GradeDetails.Read((await _rig.AnswerAsync(answerId)).Details)?.DeliveredAt is not null);
        }

        var answer = await _rig.AnswerAsync(answerId);
        Assert.Equal("fake-model", answer.Grader);
        Assert.DoesNotContain(Token, answer.Details!, StringComparison.Ordinal); // used: deleted
        Assert.DoesNotContain(_rig.Discord.Requests, r => r.Path.StartsWith("channels/", StringComparison.Ordinal));
        Assert.DoesNotContain(Token, await _rig.HangfireJobTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_too_old_when_the_job_runs_is_not_used_the_feedback_goes_to_the_channel_and_the_token_is_deleted()
    {
        await _rig.SendDiscordAsync("/answer " + HangfireGradingRig.Answer, HangfireGradingRig.Ana, _handle);
        var answerId = await _rig.OpenAnswerIdAsync();
        await _rig.EnqueuedJobAsync(answerId);
        _rig.Bot.Time.Advance(TimeSpan.FromMinutes(15)); // the grading queue was long

        using (_rig.Server())
        {
            await HangfireGradingRig.WaitUntilAsync(async () => GradeDetails.Read((await _rig.AnswerAsync(answerId)).Details)?.DeliveredAt is not null);
        }

        var post = Assert.Single(_rig.Discord.RequestsTo($"channels/{HangfireGradingRig.DiscordChannel.ExternalId}/messages"));
        Assert.Contains("Score: 75%", ResponseText.Of(post.Json), StringComparison.Ordinal);
        Assert.DoesNotContain(_rig.Discord.Requests, r => r.Path.Contains(Token, StringComparison.Ordinal));
        Assert.DoesNotContain(Token, (await _rig.AnswerAsync(answerId)).Details!, StringComparison.Ordinal);
    }
}

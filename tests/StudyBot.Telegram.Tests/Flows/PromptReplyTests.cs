using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Persistence;
using StudyBot.Core.Persistence.TelegramState;
using StudyBot.Telegram.Tests.Fakes;

namespace StudyBot.Telegram.Tests.Flows;

/// <summary>
/// A reply to a ForceReply prompt answers the question that prompt asked: handled again after a crash, it is not
/// taken as the answer to the member's next open question, and nothing is sent or graded twice.
/// </summary>
public sealed class PromptReplyTests
{
    private const long Ana = 741;
    private const string Answer = "Retrieval adds documents in the prompt as context, so there is less hallucination and up-to-date information.";

    [Fact]
    public async Task An_open_answer_handled_again_after_a_crash_does_not_answer_the_next_open_question()
    {
        await using var api = await FakeBotApi.StartAsync();
        var crashed = await TelegramTestBot.StartAsync(api);
        await crashed.StartupDone;

        var firstPrompt = await QuizToPromptAsync(crashed, api, prompts: 1);
        var answer = FakeUpdates.PrivateReply(Ana, Answer, firstPrompt.MessageId);
        var before = api.Sent(Ana).Count;
        await crashed.SendAsync(answer);
        Assert.Contains("%", (await api.WaitForSentAsync(Ana, before + 1))[before].Text, StringComparison.Ordinal);

        // Ana moves on: the quiz again, up to its open question (the same question id, in a new attempt).
        var secondPrompt = await QuizToPromptAsync(crashed, api, prompts: 2);
        Assert.NotEqual(firstPrompt.MessageId, secondPrompt.MessageId);

        // The host dies after the answer was handled and its feedback sent, before the row was marked.
        await crashed.StopAsync();
        await using (var db = crashed.Db())
        {
            var answerId = TelegramTestBot.UpdateId(answer);
            await db.Set<TelegramProcessedUpdate>().Where(u => u.UpdateId == answerId).ExecuteUpdateAsync(u => u.SetProperty(p => p.HandledAt, (DateTimeOffset?)null));
        }

        var sentBeforeRestart = api.Sent(Ana).Count;
        await using var restarted = await TelegramTestBot.ConnectAsync(api, crashed.ConnectionString, "Webhook");
        await restarted.WaitUntilHandledAsync(TelegramTestBot.UpdateId(answer));

        Assert.Equal(sentBeforeRestart, api.Sent(Ana).Count); // no second feedback, no "not the current question"
        await using (var db = restarted.Db())
        {
            var attempts = await db.QuizAttempts.Include(a => a.Answers).OrderBy(a => a.Id).ToListAsync();
            Assert.Equal(2, attempts.Count);
            Assert.Single(attempts[0].Answers, a => a.Kind == QuestionKind.Open);
            Assert.DoesNotContain(attempts[1].Answers, a => a.Kind == QuestionKind.Open); // still waiting for its own answer
            Assert.Null(attempts[1].CompletedAt);
            Assert.Equal(1, await db.QuizAnswers.CountAsync(a => a.Kind == QuestionKind.Open)); // graded once
        }

        Assert.Contains(restarted.Logs.Lines, l => l.Message.Contains("taken already", StringComparison.Ordinal));

        // A reply to the second prompt still answers the second attempt's open question.
        var next = FakeUpdates.PrivateReply(Ana, Answer, secondPrompt.MessageId);
        await restarted.SendAsync(next);
        Assert.Equal(sentBeforeRestart + 1, api.Sent(Ana).Count);
        await using (var db = restarted.Db())
        {
            var second = await db.QuizAttempts.Include(a => a.Answers).OrderBy(a => a.Id).LastAsync();
            Assert.Single(second.Answers, a => a.Kind == QuestionKind.Open);
            Assert.NotNull(second.CompletedAt);
        }

        await crashed.DisposeAsync();
    }

    [Fact]
    public async Task A_reply_to_an_old_prompt_answers_nothing_else_and_plain_text_still_answers_the_current_question()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);

        var firstPrompt = await QuizToPromptAsync(bot, api, prompts: 1);
        await bot.SendAsync(FakeUpdates.PrivateText(Ana, Answer)); // not a reply: answers the current (open) question
        await QuizToPromptAsync(bot, api, prompts: 2);

        var before = api.Sent(Ana).Count;
        await bot.SendAsync(FakeUpdates.PrivateReply(Ana, "a second go at the first question", firstPrompt.MessageId));

        Assert.Equal(before, api.Sent(Ana).Count);
        await using var db = bot.Db();
        var attempts = await db.QuizAttempts.Include(a => a.Answers).OrderBy(a => a.Id).ToListAsync();
        Assert.Single(attempts[0].Answers, a => a.Kind == QuestionKind.Open);
        Assert.DoesNotContain(attempts[1].Answers, a => a.Kind == QuestionKind.Open);
    }

    /// <summary>Starts the quiz, answers its three polls and returns the open question's prompt (the n-th prompt so far).</summary>
    private static async Task<ApiCall> QuizToPromptAsync(TelegramTestBot bot, FakeBotApi api, int prompts)
    {
        var pollsBefore = api.Sent(Ana).Count(s => s.Method == "sendPoll");
        await bot.SendAsync(FakeUpdates.PrivateText(Ana, "/quiz"));
        for (var i = 1; i <= 3; i++)
        {
            await api.WaitForAsync(_ => api.Sent(Ana).Count(s => s.Method == "sendPoll") >= pollsBefore + i, what: $"poll {i}");
            var poll = api.Sent(Ana).Where(s => s.Method == "sendPoll").ElementAt(pollsBefore + i - 1);
            await RecordedAsync(bot, poll.MessageId);
            await bot.SendAsync(FakeUpdates.PollAnswer(poll.PollId, Ana, i - 1));
        }

        await api.WaitForAsync(_ => api.Sent(Ana).Count(s => s.ForcesReply) >= prompts, what: "the open question");
        var prompt = api.Sent(Ana).Where(s => s.ForcesReply).ElementAt(prompts - 1);
        await RecordedAsync(bot, prompt.MessageId);
        return prompt;
    }

    // The fake API sees a send before the bot has stored what it sent; a person answers later than that.
    private static Task RecordedAsync(TelegramTestBot bot, int messageId) =>
        bot.WaitUntilAsync(db => db.Set<TelegramQuestionMessage>().AnyAsync(q => q.MessageId == messageId), TimeSpan.FromSeconds(10), $"message {messageId} recorded");
}

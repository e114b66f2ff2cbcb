using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Persistence;
using StudyBot.Telegram.Tests.Fakes;

namespace StudyBot.Telegram.Tests.Flows;

/// <summary>Quizzes the Telegram way: native quiz polls, poll answers as the member's answers, the open question by ForceReply.</summary>
public sealed class QuizFlowTests
{
    private const long Ana = 701;
    private const long Ben = 702;
    private const long Group = -100_700;
    private static readonly Dictionary<string, string?> FastGroups = new() { ["Telegram:Limits:GroupPerMinute"] = "6000" };

    [Fact]
    public async Task Private_quiz_runs_on_native_polls_then_a_force_reply_prompt()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);

        await bot.SendAsync(FakeUpdates.PrivateText(Ana, "/quiz"));
        var sent = await api.WaitForSentAsync(Ana, 2);
        var poll = sent[1];
        Assert.Equal("sendPoll", poll.Method);
        Assert.Equal("quiz", poll.Body["type"]!.GetValue<string>());
        Assert.False(poll.Body["is_anonymous"]!.GetValue<bool>());
        Assert.Equal(0, poll.Body["correct_option_ids"]![0]!.GetValue<int>());
        Assert.Equal("Attention mixes values by weights.", poll.Body["explanation"]!.GetValue<string>());
        Assert.Equal("1/4. Day 1: what does attention compute?", poll.Body["question"]!.GetValue<string>());
        Assert.Equal(3, poll.Body["options"]!.AsArray().Count);
        Assert.Empty(poll.ButtonCommands); // the poll replaces the "/answer N" buttons
        Assert.DoesNotContain(sent, s => s.Text.Contains("number", StringComparison.OrdinalIgnoreCase));

        // q1 right (option 0), q2 wrong (option 0; right is 1), q3 right (option 2)
        await bot.SendAsync(FakeUpdates.PollAnswer(poll.PollId, Ana, 0));
        var second = await NextPollAsync(bot, api, Ana, 2);
        await bot.SendAsync(FakeUpdates.PollAnswer(second.PollId, Ana, 0));
        var third = await NextPollAsync(bot, api, Ana, 3);
        await bot.SendAsync(FakeUpdates.PollAnswer(third.PollId, Ana, 2));

        await api.WaitForAsync(_ => api.Sent(Ana).Any(s => s.ForcesReply), what: "the open question");
        var prompt = api.Sent(Ana).Last(s => s.ForcesReply);
        await RecordedAsync(bot, prompt.MessageId);
        Assert.Contains("Why does retrieval help", prompt.Text, StringComparison.Ordinal);

        var before = api.Sent(Ana).Count;
        await bot.SendAsync(FakeUpdates.PrivateText(Ana, "Retrieval adds documents in the prompt as context, so there is less hallucination and up-to-date information."));
        var feedback = (await api.WaitForSentAsync(Ana, before + 1))[before];
        Assert.Contains("%", feedback.Text, StringComparison.Ordinal);

        await using var db = bot.Db();
        var attempt = await db.QuizAttempts.Include(a => a.Answers).SingleAsync();
        Assert.NotNull(attempt.CompletedAt);
        Assert.Equal([true, false, true], attempt.Answers.Where(a => a.Kind == QuestionKind.MultipleChoice).OrderBy(a => a.QuestionId).Select(a => a.Correct));
        Assert.Single(attempt.Answers, a => a.Kind == QuestionKind.Open);
    }

    [Fact]
    public async Task Group_quiz_counts_only_the_quiz_takers_votes_and_takes_the_open_answer_as_a_reply_to_the_prompt()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api, settings: FastGroups);

        await bot.SendAsync(FakeUpdates.GroupText(Group, Ana, "/quiz"));
        var first = await NextPollAsync(bot, api, Group, 1);

        await bot.SendAsync(FakeUpdates.PollAnswer(first.PollId, Ben, 1)); // Ben has no quiz running: his vote is his own business
        await bot.SendAsync(FakeUpdates.PollAnswer(first.PollId, Ana, 0));
        var second = await NextPollAsync(bot, api, Group, 2);
        var afterFirst = api.Sent(Group).Where(s => s.Method == "sendMessage").Last();
        Assert.Contains("tg://user?id=701", afterFirst.Text, StringComparison.Ordinal); // whose answer it was

        await bot.SendAsync(FakeUpdates.PollAnswer(first.PollId, Ana, 0)); // an old poll again: not the current question
        await bot.SendAsync(FakeUpdates.PollAnswer(second.PollId, Ana, 1));
        var third = await NextPollAsync(bot, api, Group, 3);
        await bot.SendAsync(FakeUpdates.PollAnswer(third.PollId, Ana, 2));
        await api.WaitForAsync(_ => api.Sent(Group).Any(s => s.ForcesReply), what: "the prompt");
        var prompt = api.Sent(Group).Last(s => s.ForcesReply); // read again: the waited-for snapshot can predate the condition
        await RecordedAsync(bot, prompt.MessageId);
        Assert.True(prompt.Body["reply_markup"]!["selective"]!.GetValue<bool>());

        var before = api.Sent(Group).Count;
        await bot.SendAsync(FakeUpdates.GroupText(Group, Ana, "documents in the prompt reduce hallucination")); // not a reply: chatter
        await bot.SendAsync(FakeUpdates.GroupText(Group, Ana, "Retrieval adds context and less hallucination", replyTo: prompt.MessageId));
        var feedback = (await api.WaitForSentAsync(Group, before + 1))[before];
        Assert.Contains("%", feedback.Text, StringComparison.Ordinal);
        await Task.Delay(200);
        Assert.Equal(before + 1, api.Sent(Group).Count);

        await using var db = bot.Db();
        var attempts = await db.QuizAttempts.Include(a => a.Answers).ToListAsync();
        var attempt = Assert.Single(attempts); // Ben's vote started nothing
        Assert.Equal(4, attempt.Answers.Count);
        Assert.All(attempt.Answers.Where(a => a.Kind == QuestionKind.MultipleChoice), a => Assert.True(a.Correct));
    }

    private static async Task<ApiCall> NextPollAsync(TelegramTestBot bot, FakeBotApi api, long chatId, int number)
    {
        await api.WaitForAsync(_ => api.Sent(chatId).Count(s => s.Method == "sendPoll") >= number, what: $"poll {number}");
        var poll = api.Sent(chatId).Where(s => s.Method == "sendPoll").ElementAt(number - 1);
        await RecordedAsync(bot, poll.MessageId);
        return poll;
    }

    // The fake API sees a send before the bot has stored what it sent; a person answers later than that.
    private static async Task RecordedAsync(TelegramTestBot bot, int messageId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            await using var db = bot.Db();
            if (await db.Set<StudyBot.Core.Persistence.TelegramState.TelegramQuestionMessage>().AnyAsync(q => q.MessageId == messageId))
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"message {messageId} was never recorded");
    }
}

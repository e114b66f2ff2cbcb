using StudyBot.Core.Sources;
using StudyBot.Testing;

namespace StudyBot.Core.Tests.Flows;

/// <summary>/digest now: the week's check-ins, leaders, quiz accuracy, most-missed questions and what comes next.</summary>
public sealed class DigestFlowTests : IAsyncLifetime
{
    private BotDriver _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await BotDriver.StartAsync();
        await _bot.SendAsync("/setup start=2026-03-01", user: "admin", admin: true); // group on day 2
        await using var db = _bot.Db();
        await SourceCatalogSync.SyncAsync(db, TestContent.Catalog, _bot.Time.GetUtcNow(), CancellationToken.None);
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task The_digest_sums_up_the_week()
    {
        await _bot.SendAsync("/done", user: "ana");
        await _bot.SendAsync("/done", user: "ben");
        await _bot.SendAsync("/quiz", user: "ana");
        await _bot.SendAsync("/answer 2", user: "ana"); // q1 wrong (1 is right)
        await _bot.SendAsync("/answer 2", user: "ana"); // q2 right
        await _bot.SendAsync("/quiz", user: "ben");
        await _bot.SendAsync("/answer 3", user: "ben"); // q1 wrong again
        _bot.Time.Advance(TimeSpan.FromDays(1));
        await _bot.SendAsync("/done", user: "ana");

        var text = await _bot.TextAsync("/digest now", user: "admin", admin: true);

        Assert.Contains("Weekly digest · 2026-02-25 – 2026-03-03", text, StringComparison.Ordinal);
        Assert.Contains("3 check-in(s) by 2 member(s)", text, StringComparison.Ordinal);
        Assert.Contains("ana: 2 day(s)", text, StringComparison.Ordinal);
        Assert.Contains("Multiple-choice accuracy: 33% over 3 answer(s)", text, StringComparison.Ordinal);
        Assert.Contains("Day 2: what does attention compute? — missed 2×. Answer: Weighted sums of values", text, StringComparison.Ordinal);
        Assert.Contains("Day 4: Lesson 4 title", text, StringComparison.Ordinal);
        Assert.Contains("Attention Is All You Need", text, StringComparison.Ordinal); // new to the catalogue this week
    }

    [Fact]
    public async Task Only_admins_post_a_digest() =>
        Assert.Contains("Only the chat's admins", await _bot.TextAsync("/digest now", user: "ana"), StringComparison.Ordinal);

    [Fact]
    public async Task A_quiet_week_says_so_in_the_chats_language()
    {
        await _bot.SendAsync("/setup lang=zh", user: "admin", admin: true);

        var text = await _bot.TextAsync("/digest now", user: "admin", admin: true);

        Assert.Contains("本周没有人打卡", text, StringComparison.Ordinal);
        Assert.Contains("本周没有测验作答", text, StringComparison.Ordinal);
    }
}

using Microsoft.EntityFrameworkCore;
using StudyBot.Testing;

namespace StudyBot.Core.Tests.Flows;

/// <summary>Roadmap commands end to end on a real database.</summary>
public sealed class LessonFlowTests : IAsyncLifetime
{
    private BotDriver _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await BotDriver.StartAsync();
        // Day 1 of the group: the admin sets the start date to today (UTC default zone).
        await _bot.SendAsync("/setup start=2026-03-02", user: "admin", admin: true);
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Start_registers_the_chat_and_member()
    {
        var text = await _bot.TextAsync("/start");

        Assert.Contains("Welcome, alice", text, StringComparison.Ordinal);
        await using var db = _bot.Db();
        Assert.Equal(1, await db.Chats.CountAsync());
        Assert.Equal(2, await db.Members.CountAsync());
        Assert.Equal(2, await db.Memberships.CountAsync());
    }

    [Fact]
    public async Task Today_shows_the_groups_day_even_to_a_late_joiner()
    {
        _bot.Time.Advance(TimeSpan.FromDays(2));

        var text = await _bot.TextAsync("/today", user: "late-bob");

        Assert.Contains("Day 3 · Lesson 3 title", text, StringComparison.Ordinal);
        Assert.Contains("Attention Is All You Need", text, StringComparison.Ordinal);
        Assert.Contains("[Quiz->/quiz]", text, StringComparison.Ordinal);
        Assert.Contains("Done when:", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Past_lessons_open_and_future_ones_stay_locked()
    {
        _bot.Time.Advance(TimeSpan.FromDays(1));

        Assert.Contains("Day 1 · Lesson 1 title", await _bot.TextAsync("/lesson 1"), StringComparison.Ordinal);
        Assert.Contains("🔒 Day 3 opens on 2026-03-04", await _bot.TextAsync("/lesson 3"), StringComparison.Ordinal);
        _bot.Time.Advance(TimeSpan.FromDays(1));
        Assert.Contains("Day 3 · Lesson 3 title", await _bot.TextAsync("/lesson 3"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/lesson 999", "There is no day 999")]
    [InlineData("/lesson abc", "\"abc\" is not a day number")]
    [InlineData("/lesson -1", "is not a day number")]
    [InlineData("/lesson", "Usage: /lesson N")]
    public async Task Bad_lesson_numbers_get_a_clear_message(string command, string expected) =>
        Assert.Contains(expected, await _bot.TextAsync(command), StringComparison.Ordinal);

    [Fact]
    public async Task Roadmap_shows_stages_position_and_my_check_ins()
    {
        await _bot.SendAsync("/done");

        var text = await _bot.TextAsync("/roadmap");

        Assert.Contains("The group is on day 1 of 6", text, StringComparison.Ordinal);
        Assert.Contains("Days 1–3 Basics — you checked in 1/3", text, StringComparison.Ordinal);
        Assert.Contains("Days 4–6 Advanced — you checked in 0/3", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roadmap_follows_the_chosen_track()
    {
        await _bot.SendAsync("/setup track=short", user: "admin", admin: true);

        var text = await _bot.TextAsync("/roadmap");

        Assert.Contains("Roadmap · Short route (3 days)", text, StringComparison.Ordinal);
        Assert.Contains("Days 1–3 Basics", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Advanced", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_lists_todays_and_searches_by_topic_first_hand_first()
    {
        Assert.Contains("Sources for day 1", await _bot.TextAsync("/sources"), StringComparison.Ordinal);

        var rag = await _bot.TextAsync("/sources rag");
        Assert.True(rag.IndexOf("Retrieval-Augmented", StringComparison.Ordinal) < rag.IndexOf("Weekly Newsletter", StringComparison.Ordinal));
        Assert.Contains("second-hand", rag, StringComparison.Ordinal);
        Assert.Contains("No sources match", await _bot.TextAsync("/sources knitting"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_the_start_date_the_route_has_not_started()
    {
        await _bot.SendAsync("/setup start=2026-03-10", user: "admin", admin: true);

        Assert.Contains("starts on 2026-03-10 (8 day(s) to go)", await _bot.TextAsync("/today"), StringComparison.Ordinal);
        Assert.Contains("starts on 2026-03-10", await _bot.TextAsync("/done"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_follows_lang_and_survives()
    {
        Assert.Contains("中文", await _bot.TextAsync("/lang zh"), StringComparison.Ordinal);

        var text = await _bot.TextAsync("/today");

        Assert.Contains("第 1 天 · 第1课标题", text, StringComparison.Ordinal);
        Assert.Contains("Lesson 1 title", await _bot.TextAsync("/today", user: "bob"), StringComparison.Ordinal);
        await using var db = _bot.Db();
        Assert.Equal("zh", (await db.Members.SingleAsync(m => m.ExternalId == "alice")).Language);
    }

    [Fact]
    public async Task A_chinese_platform_locale_is_used_until_lang_says_otherwise()
    {
        Assert.Contains("第 1 天", await _bot.TextAsync("/today", user: "li", locale: "zh-hans"), StringComparison.Ordinal);
        await _bot.SendAsync("/lang en", user: "li", locale: "zh-hans");
        Assert.Contains("Day 1", await _bot.TextAsync("/today", user: "li", locale: "zh-hans"), StringComparison.Ordinal);
    }
}

using Microsoft.EntityFrameworkCore;
using StudyBot.Testing;

namespace StudyBot.Core.Tests.Flows;

/// <summary>Check-ins, streaks and leaderboards on a real database with a controlled clock.</summary>
public sealed class ProgressFlowTests : IAsyncLifetime
{
    private BotDriver _bot = null!;

    public async Task InitializeAsync()
    {
        // 2026-03-27 22:30 UTC = 23:30 in Berlin (CET), two days before clocks go forward.
        _bot = await BotDriver.StartAsync(utcNow: new DateTimeOffset(2026, 3, 27, 22, 30, 0, TimeSpan.Zero));
        await _bot.SendAsync("/setup start=2026-03-27 tz=Europe/Berlin", user: "admin", admin: true);
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Done_checks_in_once_per_local_day()
    {
        Assert.Contains("Checked in for day 1", await _bot.TextAsync("/done"), StringComparison.Ordinal);
        Assert.Contains("already checked in today", await _bot.TextAsync("/done"), StringComparison.Ordinal);

        await using var db = _bot.Db();
        var checkIn = await db.CheckIns.SingleAsync();
        Assert.Equal(new DateOnly(2026, 3, 27), checkIn.LocalDate);
    }

    [Fact]
    public async Task Streak_counts_local_days_across_midnight_and_the_dst_change()
    {
        await _bot.SendAsync("/done"); // Fri 27th 23:30 CET
        _bot.Time.Advance(TimeSpan.FromMinutes(40)); // Sat 28th 00:10 CET: a new local day, same UTC day
        Assert.Contains("Streak: 2 day(s)", await _bot.TextAsync("/done"), StringComparison.Ordinal);
        _bot.Time.SetUtcNow(new DateTimeOffset(2026, 3, 29, 21, 50, 0, TimeSpan.Zero)); // Sun 29th 23:50 CEST (23 h day)
        Assert.Contains("Streak: 3 day(s)", await _bot.TextAsync("/done"), StringComparison.Ordinal);
        _bot.Time.SetUtcNow(new DateTimeOffset(2026, 3, 29, 22, 10, 0, TimeSpan.Zero)); // Mon 30th 00:10 CEST, still the 29th in UTC
        Assert.Contains("Streak: 4 day(s)", await _bot.TextAsync("/done"), StringComparison.Ordinal);

        var streak = await _bot.TextAsync("/streak");
        Assert.Contains("Current streak: 4 day(s)", streak, StringComparison.Ordinal);
        Assert.Contains("Best streak: 4", streak, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missed_day_resets_the_streak_but_not_the_record()
    {
        await _bot.SendAsync("/done");
        _bot.Time.Advance(TimeSpan.FromDays(1));
        await _bot.SendAsync("/done");
        _bot.Time.Advance(TimeSpan.FromDays(2));

        var text = await _bot.TextAsync("/streak");

        Assert.Contains("Current streak: 0", text, StringComparison.Ordinal);
        Assert.Contains("Best streak: 2", text, StringComparison.Ordinal);
        Assert.Contains("[Done ✅->/done]", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_check_ins_store_one_row()
    {
        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _bot.TextAsync("/done", user: "racer")));

        await using var db = _bot.Db();
        Assert.Equal(1, await db.CheckIns.CountAsync());
        Assert.Single(replies, r => r.Contains("Checked in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Leaderboard_ranks_by_streak_and_shows_me()
    {
        await _bot.SendAsync("/done", user: "carol");
        _bot.Time.Advance(TimeSpan.FromDays(1));
        await _bot.SendAsync("/done", user: "carol");
        await _bot.SendAsync("/done", user: "dave");

        var board = await _bot.TextAsync("/leaderboard", user: "dave");
        Assert.True(board.IndexOf("carol", StringComparison.Ordinal) < board.IndexOf("dave", StringComparison.Ordinal));

        var me = await _bot.TextAsync("/me", user: "dave");
        Assert.Contains("Rank in this chat: 2 of 2", me, StringComparison.Ordinal);
        Assert.Contains("Check-ins: 1", me, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_leaderboard_invites_the_first_check_in() =>
        Assert.Contains("No check-ins yet", await _bot.TextAsync("/leaderboard"), StringComparison.Ordinal);

    [Fact]
    public async Task Check_ins_are_per_chat()
    {
        await _bot.SendAsync("/done", chat: "group-1");
        Assert.Contains("Checked in", await _bot.TextAsync("/done", chat: "group-2"), StringComparison.Ordinal);
    }
}

using Microsoft.EntityFrameworkCore;
using StudyBot.Testing;

namespace StudyBot.Core.Tests.Flows;

/// <summary>/setup, /pause, /resume and the rights check.</summary>
public sealed class AdminFlowTests : IAsyncLifetime
{
    private BotDriver _bot = null!;

    public async Task InitializeAsync() => _bot = await BotDriver.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("/setup")]
    [InlineData("/setup tz=Asia/Shanghai")]
    [InlineData("/pause")]
    [InlineData("/resume")]
    public async Task Members_who_are_not_admins_are_refused(string command)
    {
        Assert.Contains("Only the chat's admins", await _bot.TextAsync(command, admin: false), StringComparison.Ordinal);

        await using var db = _bot.Db();
        var chat = await db.Chats.SingleAsync();
        Assert.Equal("UTC", chat.TimeZone);
        Assert.False(chat.Paused);
    }

    [Fact]
    public async Task Setup_without_pairs_shows_the_settings() =>
        Assert.Contains("tz=UTC", await _bot.TextAsync("/setup", admin: true), StringComparison.Ordinal);

    [Fact]
    public async Task Setup_saves_valid_settings()
    {
        var text = await _bot.TextAsync("/setup tz=Asia/Shanghai time=07:45 digest=Fri@20:00 lang=zh track=short", admin: true);

        Assert.Contains("tz=Asia/Shanghai", text, StringComparison.Ordinal);
        await using var db = _bot.Db();
        var chat = await db.Chats.SingleAsync();
        Assert.Equal("Asia/Shanghai", chat.TimeZone);
        Assert.Equal(new TimeOnly(7, 45), chat.PostTime);
        Assert.Equal(DayOfWeek.Friday, chat.DigestDay);
        Assert.Equal("zh", chat.Language);
        Assert.Equal("short", chat.TrackId);
    }

    [Fact]
    public async Task A_bad_pair_changes_nothing_and_shows_the_valid_form()
    {
        var text = await _bot.TextAsync("/setup time=06:00 tz=Asia/Shangai", admin: true);

        Assert.Contains("Nothing was changed", text, StringComparison.Ordinal);
        Assert.Contains("did you mean: Asia/Shanghai", text, StringComparison.Ordinal);
        Assert.Contains("/setup track=ID start=YYYY-MM-DD", text, StringComparison.Ordinal);
        await using var db = _bot.Db();
        Assert.Equal(new TimeOnly(9, 0), (await db.Chats.SingleAsync()).PostTime);
    }

    [Fact]
    public async Task Pause_and_resume_toggle_daily_posts()
    {
        Assert.Contains("paused", await _bot.TextAsync("/pause", admin: true), StringComparison.Ordinal);
        Assert.Contains("already paused", await _bot.TextAsync("/pause", admin: true), StringComparison.Ordinal);
        Assert.Contains("Daily posts are paused in this chat", await _bot.TextAsync("/today"), StringComparison.Ordinal);
        Assert.Contains("resume at 09:00 (UTC)", await _bot.TextAsync("/resume", admin: true), StringComparison.Ordinal);

        await using var db = _bot.Db();
        Assert.False((await db.Chats.SingleAsync()).Paused);
    }

    [Fact]
    public async Task Help_lists_member_and_admin_commands()
    {
        var text = await _bot.TextAsync("/help");

        foreach (var command in new[] { "/today", "/lesson N", "/roadmap", "/sources", "/quiz", "/answer", "/done", "/me", "/streak", "/leaderboard", "/lang", "/setup", "/pause", "/resume" })
        {
            Assert.Contains(command, text, StringComparison.Ordinal);
        }
    }
}

using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Persistence;
using StudyBot.Testing;

namespace StudyBot.Core.Tests.Reminders;

/// <summary>/remind on|off and /setup evening=: per member and chat, in groups and private chats, in both languages.</summary>
public sealed class RemindCommandTests : IAsyncLifetime
{
    private BotDriver _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await BotDriver.StartAsync();
        await _bot.SendAsync("/setup tz=Europe/Berlin evening=21:15", chat: "group-1", admin: true);
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task<bool> RemindersOnAsync(string user, string chat)
    {
        await using var db = _bot.Db();
        return await db.Memberships.Where(m => m.Chat!.ExternalId == chat && m.Member!.ExternalId == user).Select(m => m.RemindersOn).SingleAsync();
    }

    [Fact]
    public async Task On_says_when_and_that_it_is_a_direct_message_and_off_stops_it()
    {
        var state = await _bot.TextAsync("/remind");
        Assert.Contains("off", state, StringComparison.Ordinal);
        Assert.False(await RemindersOnAsync("alice", "group-1"));

        var on = await _bot.TextAsync("/remind on");
        Assert.Contains("21:15 (Europe/Berlin)", on, StringComparison.Ordinal);
        Assert.Contains("direct message", on, StringComparison.Ordinal);
        Assert.True(await RemindersOnAsync("alice", "group-1"));
        Assert.Contains("are on", await _bot.TextAsync("/remind"), StringComparison.Ordinal);

        Assert.Contains("off", await _bot.TextAsync("/remind off"), StringComparison.Ordinal);
        Assert.False(await RemindersOnAsync("alice", "group-1"));
    }

    [Fact]
    public async Task Reminders_are_per_member_and_per_chat()
    {
        await _bot.SendAsync("/remind on", user: "bob");
        await _bot.SendAsync("/remind on", user: "alice", chat: "alice-private", kind: ChatKind.Private);

        Assert.True(await RemindersOnAsync("bob", "group-1"));
        Assert.True(await RemindersOnAsync("alice", "alice-private"));
        await _bot.SendAsync("/start", user: "alice");
        Assert.False(await RemindersOnAsync("alice", "group-1"));
    }

    [Fact]
    public async Task Chinese_members_get_the_reply_in_Chinese_and_nonsense_gets_the_usage()
    {
        var text = await _bot.TextAsync("/remind on", user: "li", locale: "zh-hans");
        Assert.Contains("21:15（Europe/Berlin）", text, StringComparison.Ordinal);
        Assert.Contains("私信", text, StringComparison.Ordinal);

        Assert.Contains("/remind on · /remind off", await _bot.TextAsync("/remind maybe"), StringComparison.Ordinal);
        Assert.Contains("/remind on · /remind off", await _bot.TextAsync("/remind on now"), StringComparison.Ordinal);
        Assert.False(await RemindersOnAsync("alice", "group-1"));
    }

    [Fact]
    public async Task Turning_reminders_on_again_makes_an_unreachable_member_reachable()
    {
        await _bot.SendAsync("/remind on");
        await using (var db = _bot.Db())
        {
            await db.Members.Where(m => m.ExternalId == "alice").ExecuteUpdateAsync(m => m.SetProperty(x => x.UnreachableSince, DateTimeOffset.UnixEpoch));
        }

        await _bot.SendAsync("/remind on");

        await using var check = _bot.Db();
        Assert.Null((await check.Members.SingleAsync(m => m.ExternalId == "alice")).UnreachableSince);
    }

    [Fact]
    public async Task Setup_shows_and_sets_the_evening_time_and_refuses_a_bad_one_changing_nothing()
    {
        Assert.Contains("evening=21:15", await _bot.TextAsync("/setup", admin: true), StringComparison.Ordinal);

        var bad = await _bot.TextAsync("/setup evening=25:00 time=08:00", admin: true);
        Assert.Contains("evening=\"25:00\" is not a time", bad, StringComparison.Ordinal);
        Assert.Contains("evening=", await _bot.TextAsync("/setup evening=8pm", admin: true, locale: "zh"), StringComparison.Ordinal);

        await using (var db = _bot.Db())
        {
            var chat = await db.Chats.SingleAsync(c => c.ExternalId == "group-1");
            Assert.Equal(new TimeOnly(21, 15), chat.EveningTime);
            Assert.Equal(new TimeOnly(9, 0), chat.PostTime);
        }

        Assert.Contains("evening=19:05", await _bot.TextAsync("/setup evening=19:05", admin: true), StringComparison.Ordinal);
        Assert.Contains("evening=", await _bot.TextAsync("/setup evening", admin: true), StringComparison.Ordinal);
        Assert.Contains("/remind", await _bot.TextAsync("/help"), StringComparison.Ordinal);
    }
}

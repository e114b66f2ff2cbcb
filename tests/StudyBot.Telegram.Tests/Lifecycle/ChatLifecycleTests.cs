using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Core.Commands;
using StudyBot.Core.Delivery;
using StudyBot.Core.Persistence;
using StudyBot.Telegram.Tests.Fakes;

namespace StudyBot.Telegram.Tests.Lifecycle;

/// <summary>The bot added and removed, a group upgraded to a supergroup, a user who blocks the bot.</summary>
public sealed class ChatLifecycleTests
{
    private const long Ana = 901;
    private const long OldGroup = -900;
    private const long NewGroup = -100_900;

    [Fact]
    public async Task Supergroup_migration_keeps_all_the_groups_data_under_the_new_id()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);
        await bot.SendAsync(FakeUpdates.GroupText(OldGroup, Ana, "/done"));
        await api.WaitForSentAsync(OldGroup, 1);

        await bot.SendAsync(FakeUpdates.MigrateTo(OldGroup, NewGroup, Ana));
        await bot.SendAsync(FakeUpdates.GroupText(NewGroup, Ana, "/me"));

        var me = await api.WaitForSentAsync(NewGroup, 1);
        Assert.Null(await bot.FindChatAsync(OldGroup));
        var chat = await bot.FindChatAsync(NewGroup);
        Assert.NotNull(chat);
        await using var db = bot.Db();
        Assert.Equal(1, await db.CheckIns.CountAsync(c => c.ChatId == chat.Id)); // the check-in moved with the chat
        Assert.Single(await db.Chats.Where(c => c.Platform == Platform.Telegram).ToListAsync());
        Assert.Contains("1", me[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_send_refused_because_the_group_moved_follows_it_to_the_new_id()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);
        await bot.SendAsync(FakeUpdates.GroupText(OldGroup, Ana, "/done"));
        await api.WaitForSentAsync(OldGroup, 1);
        api.FailNext("sendMessage", new InjectedFailure(400, "Bad Request: group chat was upgraded to a supergroup chat", MigrateToChatId: NewGroup));

        await bot.SendAsync(FakeUpdates.GroupText(OldGroup, Ana, "/help"));

        await api.WaitForSentAsync(NewGroup, 1);
        Assert.NotNull(await bot.FindChatAsync(NewGroup));
        Assert.Null(await bot.FindChatAsync(OldGroup));
    }

    [Fact]
    public async Task Removed_from_a_group_deactivates_it_and_being_added_again_welcomes_the_group()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);

        await bot.SendAsync(FakeUpdates.MyChatMember(FakeUpdates.GroupChat(NewGroup), Ana, "left", "member"));
        var welcome = await api.WaitForSentAsync(NewGroup, 1);
        Assert.Contains("Welcome", welcome[0].Text, StringComparison.Ordinal);
        Assert.True((await bot.FindChatAsync(NewGroup))!.Active);

        await bot.SendAsync(FakeUpdates.MyChatMember(FakeUpdates.GroupChat(NewGroup), Ana, "member", "kicked"));
        Assert.False((await bot.FindChatAsync(NewGroup))!.Active);

        var senders = bot.Services.GetRequiredService<ChatSenders>();
        var result = await senders.SendAsync(new ChatRef(Platform.Telegram, NewGroup.ToString(System.Globalization.CultureInfo.InvariantCulture), ChatKind.Group), null, Reply.Text("daily post"), CancellationToken.None);
        Assert.False(result.Delivered);
        Assert.True(result.Permanent);
        Assert.Single(api.Sent(NewGroup)); // only the welcome

        await bot.SendAsync(FakeUpdates.MyChatMember(FakeUpdates.GroupChat(NewGroup), Ana, "left", "administrator"));
        await api.WaitForSentAsync(NewGroup, 2);
        Assert.True((await bot.FindChatAsync(NewGroup))!.Active);
    }

    [Fact]
    public async Task Blocked_by_the_user_marks_them_unreachable_and_stops_sends_until_they_come_back()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);
        await bot.SendAsync(FakeUpdates.PrivateText(Ana, "/start"));
        await api.WaitForSentAsync(Ana, 1);

        // The member blocks the bot; the next send is refused with 403.
        api.BlockedChats[Ana] = true;
        var senders = bot.Services.GetRequiredService<ChatSenders>();
        var chat = new ChatRef(Platform.Telegram, "901", ChatKind.Private);
        var refused = await senders.SendAsync(chat, null, Reply.Text("grading result"), CancellationToken.None);
        Assert.False(refused.Delivered);
        Assert.True(refused.Permanent);

        await using (var db = bot.Db())
        {
            var member = await db.Members.SingleAsync(m => m.ExternalId == "901");
            Assert.NotNull(member.UnreachableSince);
        }

        var attempts = api.CallsTo("sendMessage").Count;
        var skipped = await senders.SendAsync(chat, null, Reply.Text("daily post"), CancellationToken.None);
        Assert.False(skipped.Delivered);
        Assert.Equal(attempts, api.CallsTo("sendMessage").Count); // not even tried

        // They unblock (Telegram reports it with my_chat_member) and write again: reachable.
        api.BlockedChats.TryRemove(Ana, out _);
        await bot.SendAsync(FakeUpdates.MyChatMember(FakeUpdates.PrivateChat(Ana), Ana, "kicked", "member"));
        await bot.SendAsync(FakeUpdates.PrivateText(Ana, "/me"));
        await api.WaitForSentAsync(Ana, 2);
        var delivered = await senders.SendAsync(chat, null, Reply.Text("daily post"), CancellationToken.None);
        Assert.True(delivered.Delivered);
    }

    [Fact]
    public async Task My_chat_member_kicked_in_a_private_chat_means_blocked()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);
        await bot.SendAsync(FakeUpdates.PrivateText(Ana, "/start"));
        await api.WaitForSentAsync(Ana, 1);

        await bot.SendAsync(FakeUpdates.MyChatMember(FakeUpdates.PrivateChat(Ana), Ana, "member", "kicked"));
        Assert.False((await bot.FindChatAsync(Ana))!.Active);

        await bot.SendAsync(FakeUpdates.MyChatMember(FakeUpdates.PrivateChat(Ana), Ana, "kicked", "member"));
        Assert.True((await bot.FindChatAsync(Ana))!.Active);
        await using var db = bot.Db();
        Assert.Null((await db.Members.SingleAsync(m => m.ExternalId == "901")).UnreachableSince);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Core.Commands;
using StudyBot.Core.Delivery;
using StudyBot.Core.Persistence;
using StudyBot.Telegram.Tests.Fakes;

namespace StudyBot.Telegram.Tests.Reminders;

/// <summary>/remind in a group, and the reminder as a direct message to the member's private chat on the fake Bot API.</summary>
public sealed class DirectMessageTests
{
    private const long Group = -100_700_800;
    private const long Ana = 701;

    [Fact]
    public async Task Remind_on_in_a_group_then_the_reminder_goes_to_the_members_private_chat()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);
        await bot.SendAsync(FakeUpdates.GroupText(Group, Ana, "/remind@StudyBot on"));
        var reply = (await api.WaitForSentAsync(Group, 1))[0];
        Assert.Contains("direct message", reply.Text, StringComparison.Ordinal);
        Assert.Contains("press Start", reply.Text, StringComparison.Ordinal);
        await using (var db = bot.Db())
        {
            Assert.True(await db.Memberships.AnyAsync(m => m.Member!.ExternalId == Ana.ToString(System.Globalization.CultureInfo.InvariantCulture) && m.RemindersOn));
        }

        var senders = bot.Services.GetRequiredService<ChatSenders>();
        var result = await senders.SendDirectAsync(Platform.Telegram, new SenderRef("701", "Ana", "en", false), new ReplyBuilder().Heading("⏰ Evening reminder").Paragraph("You haven't checked in <today>.").Build(), CancellationToken.None);

        Assert.True(result.Delivered);
        var dm = Assert.Single(api.Sent(Ana));
        Assert.Contains("You haven't checked in &lt;today&gt;.", dm.Text, StringComparison.Ordinal);
        Assert.Single(api.Sent(Group)); // nothing more in the group
    }

    [Fact]
    public async Task A_member_who_blocked_the_bot_is_reported_unreachable_and_marked()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);
        await bot.SendAsync(FakeUpdates.GroupText(Group, Ana, "/remind on"));
        await api.WaitForSentAsync(Group, 1);
        api.BlockedChats[Ana] = true;

        var result = await bot.Services.GetRequiredService<ChatSenders>()
            .SendDirectAsync(Platform.Telegram, new SenderRef("701", "Ana", "en", false), Reply.Text("reminder"), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.True(result.Permanent);
        Assert.True(result.RecipientUnreachable);
        Assert.Contains("403", result.Error, StringComparison.Ordinal);
        await using var db = bot.Db();
        Assert.NotNull((await db.Members.SingleAsync(m => m.ExternalId == "701")).UnreachableSince);
    }

    [Fact]
    public async Task A_transient_failure_is_not_unreachable_and_a_bad_id_is_refused_without_a_call()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.FailNext("sendMessage", new InjectedFailure(503, "Service Unavailable"), times: 10);
        await using var bot = await TelegramTestBot.StartAsync(api, settings: new Dictionary<string, string?> { ["Telegram:Limits:MaxAttempts"] = "2" });
        var senders = bot.Services.GetRequiredService<ChatSenders>();

        var failed = await senders.SendDirectAsync(Platform.Telegram, new SenderRef("701", "Ana", "en", false), Reply.Text("reminder"), CancellationToken.None);
        var bad = await senders.SendDirectAsync(Platform.Telegram, new SenderRef("not-a-user", "?", null, false), Reply.Text("reminder"), CancellationToken.None);

        Assert.False(failed.Delivered);
        Assert.False(failed.Permanent);
        Assert.False(failed.RecipientUnreachable);
        Assert.True(bad.Permanent);
        Assert.Equal(2, api.CallsTo("sendMessage").Count);
    }
}

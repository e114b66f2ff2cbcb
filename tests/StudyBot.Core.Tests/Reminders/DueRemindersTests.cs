using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Persistence;
using StudyBot.Core.Reminders;
using StudyBot.Core.Schedule;
using StudyBot.Testing;

namespace StudyBot.Core.Tests.Reminders;

/// <summary>Who is due an evening reminder, when (in the chat's zone, across DST), and the claim that makes it one a day.</summary>
public sealed class DueRemindersTests : IAsyncLifetime
{
    private BotDriver _bot = null!;

    public async Task InitializeAsync() => _bot = await BotDriver.StartAsync(utcNow: new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task<IReadOnlyList<MemberDue>> DueAsync()
    {
        await using var db = _bot.Db();
        return await DueReminders.FindAsync(db, TestContent.Catalog, _bot.Time.GetUtcNow(), CancellationToken.None);
    }

    private async Task<IReadOnlyList<MemberClaim>> ClaimAsync(IReadOnlyList<MemberDue> due)
    {
        await using var db = _bot.Db();
        return await DeliveryClaims.TryClaimForMembersAsync(db, DeliveryKind.Reminder, due.ToList(), _bot.Time.GetUtcNow(), CancellationToken.None);
    }

    private async Task<long> MemberIdAsync(string name)
    {
        await using var db = _bot.Db();
        return (await db.Members.SingleAsync(m => m.ExternalId == name)).Id;
    }

    private Task GroupAsync(string chat, string zone, string evening, params string[] remindedMembers) =>
        GroupFromAsync("2026-03-01", chat, zone, evening, remindedMembers);

    private async Task GroupFromAsync(string start, string chat, string zone, string evening, params string[] remindedMembers)
    {
        await _bot.SendAsync($"/setup start={start} tz={zone} evening={evening}", chat: chat, admin: true);
        foreach (var member in remindedMembers)
        {
            await _bot.SendAsync("/remind on", user: member, chat: chat);
        }
    }

    [Theory]
    [InlineData("Europe/Berlin", "2026-03-28T18:59:00Z", "2026-03-28T19:00:00Z", "2026-03-28")] // CET, UTC+1
    [InlineData("Europe/Berlin", "2026-03-29T17:59:00Z", "2026-03-29T18:00:00Z", "2026-03-29")] // spring forward: CEST, UTC+2
    [InlineData("Europe/Berlin", "2026-10-25T18:59:00Z", "2026-10-25T19:00:00Z", "2026-10-25")] // fall back: CET again
    [InlineData("America/New_York", "2026-03-08T23:59:00Z", "2026-03-09T00:00:00Z", "2026-03-08")] // spring forward: EDT, UTC-4
    [InlineData("America/New_York", "2026-03-07T00:59:00Z", "2026-03-07T01:00:00Z", "2026-03-06")] // EST, UTC-5, the UTC date is already tomorrow
    [InlineData("Asia/Shanghai", "2026-03-29T11:59:00Z", "2026-03-29T12:00:00Z", "2026-03-29")] // no DST
    public async Task A_reminder_is_due_from_the_local_evening_time_on_DST_days_too(string zone, string before, string at, string localDate)
    {
        _bot.Time.SetUtcNow(DateTimeOffset.Parse(before, System.Globalization.CultureInfo.InvariantCulture).AddDays(-1));
        await GroupFromAsync(localDate, "g", zone, "20:00", "alice"); // day 1 that day: the short test route runs
        _bot.Time.SetUtcNow(DateTimeOffset.Parse(before, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(await DueAsync());

        _bot.Time.SetUtcNow(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));
        var due = Assert.Single(await DueAsync());
        Assert.Equal(DateOnly.Parse(localDate, System.Globalization.CultureInfo.InvariantCulture), due.LocalDate);
        Assert.Equal(await MemberIdAsync("alice"), due.MemberId);
    }

    [Fact]
    public async Task Each_member_gets_one_claim_a_day_across_runs_and_concurrent_dispatchers()
    {
        await GroupAsync("shanghai", "Asia/Shanghai", "20:00", "alice", "bob");
        await GroupAsync("berlin", "Europe/Berlin", "20:00", "alice");
        _bot.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 12, 30, 0, TimeSpan.Zero)); // 20:30 Shanghai, 13:30 Berlin

        var due = await DueAsync();
        Assert.Equal(2, due.Count);
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ClaimAsync(due)));
        Assert.Equal(2, claims.Sum(c => c.Count)); // eight dispatchers at once: every member claimed exactly once
        Assert.Empty(await DueAsync());
        Assert.Empty(await ClaimAsync(due)); // a later run with a stale list claims nothing either

        _bot.Time.Advance(TimeSpan.FromHours(6.5)); // 20:00 in Berlin
        var berlin = Assert.Single(await DueAsync());
        Assert.Single(await ClaimAsync([berlin]));

        await using var db = _bot.Db();
        Assert.Equal(3, await db.Deliveries.CountAsync(d => d.Kind == DeliveryKind.Reminder && d.MemberId != null));
        Assert.Equal(2, await db.Deliveries.Where(d => d.Kind == DeliveryKind.Reminder).Select(d => d.MemberId).Distinct().CountAsync());
    }

    [Fact]
    public async Task Checked_in_opted_out_unreachable_and_paused_members_get_none()
    {
        await GroupAsync("g", "Asia/Shanghai", "20:00", "alice", "bob", "carol", "dave");
        await _bot.SendAsync("/remind on", user: "erin", chat: "paused");
        await _bot.SendAsync("/setup start=2026-03-01 tz=Asia/Shanghai", chat: "paused", admin: true);
        await _bot.SendAsync("/pause", chat: "paused", admin: true);
        await _bot.SendAsync("/done", user: "bob", chat: "g");
        await _bot.SendAsync("/remind off", user: "carol", chat: "g");
        await using (var db = _bot.Db())
        {
            await db.Members.Where(m => m.ExternalId == "dave").ExecuteUpdateAsync(m => m.SetProperty(x => x.UnreachableSince, _bot.Time.GetUtcNow()));
        }

        await _bot.SendAsync("/start", user: "frank", chat: "g"); // never opted in
        _bot.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));

        var due = Assert.Single(await DueAsync());
        Assert.Equal(await MemberIdAsync("alice"), due.MemberId);
    }

    [Fact]
    public async Task After_downtime_only_todays_reminder_is_due_and_no_reminders_before_the_route_starts()
    {
        await GroupAsync("g", "Asia/Shanghai", "20:00", "alice");
        await _bot.SendAsync("/setup start=2026-04-01 tz=Asia/Shanghai evening=20:00", chat: "later", admin: true);
        await _bot.SendAsync("/remind on", user: "alice", chat: "later");

        _bot.Time.SetUtcNow(new DateTimeOffset(2026, 3, 6, 13, 0, 0, TimeSpan.Zero)); // nothing ran for days

        var due = Assert.Single(await DueAsync());
        Assert.Equal(new DateOnly(2026, 3, 6), due.LocalDate);
    }
}

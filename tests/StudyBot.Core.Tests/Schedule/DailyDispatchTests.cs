using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Persistence;
using StudyBot.Core.Schedule;
using StudyBot.Testing;

namespace StudyBot.Core.Tests.Schedule;

/// <summary>Which chats are due, and the claim that makes each daily post happen once.</summary>
public sealed class DailyDispatchTests : IAsyncLifetime
{
    private BotDriver _bot = null!;

    public async Task InitializeAsync()
    {
        // 2026-03-02 06:00 UTC: 07:00 in Berlin, 14:00 in Shanghai.
        _bot = await BotDriver.StartAsync(utcNow: new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero));
        await _bot.SendAsync("/setup start=2026-03-01 tz=Europe/Berlin time=08:00", chat: "berlin", admin: true);
        await _bot.SendAsync("/setup start=2026-03-01 tz=Asia/Shanghai time=09:00", chat: "shanghai", admin: true);
        await _bot.SendAsync("/setup start=2026-03-01 tz=Asia/Shanghai time=09:00", chat: "paused", admin: true);
        await _bot.SendAsync("/pause", chat: "paused", admin: true);
        await _bot.SendAsync("/setup start=2026-04-01 tz=Asia/Shanghai time=09:00", chat: "later", admin: true);
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task<IReadOnlyList<DuePost>> DueAsync()
    {
        await using var db = _bot.Db();
        return await DueDailyPosts.FindAsync(db, TestContent.Catalog, _bot.Time.GetUtcNow(), CancellationToken.None);
    }

    private async Task<long> ChatIdAsync(string name)
    {
        await using var db = _bot.Db();
        return (await db.Chats.SingleAsync(c => c.ExternalId == name)).Id;
    }

    [Fact]
    public async Task Only_chats_past_their_local_post_time_with_a_running_route_are_due()
    {
        var due = Assert.Single(await DueAsync());

        Assert.Equal(await ChatIdAsync("shanghai"), due.ChatId);
        Assert.Equal(new DateOnly(2026, 3, 2), due.LocalDate);
        Assert.Equal(2, due.Day);
        Assert.Equal("lesson-2", due.LessonId);

        _bot.Time.Advance(TimeSpan.FromHours(1)); // 08:00 in Berlin
        Assert.Equal(2, (await DueAsync()).Count);
    }

    [Fact]
    public async Task A_claimed_post_is_no_longer_due_and_cannot_be_claimed_twice()
    {
        var due = Assert.Single(await DueAsync());
        await using var db = _bot.Db();

        var first = await DeliveryClaims.TryClaimAsync(db, due.ChatId, DeliveryKind.DailyLesson, due.LocalDate, _bot.Time.GetUtcNow(), CancellationToken.None);
        var second = await DeliveryClaims.TryClaimAsync(db, due.ChatId, DeliveryKind.DailyLesson, due.LocalDate, _bot.Time.GetUtcNow(), CancellationToken.None);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Empty(await DueAsync());
    }

    [Fact]
    public async Task Claims_in_bulk_return_only_the_new_deliveries_and_race_safely()
    {
        var shanghai = await ChatIdAsync("shanghai");
        var berlin = await ChatIdAsync("berlin");
        var today = new DateOnly(2026, 3, 2);
        await using (var db = _bot.Db())
        {
            await DeliveryClaims.TryClaimAsync(db, shanghai, DeliveryKind.DailyLesson, today, _bot.Time.GetUtcNow(), CancellationToken.None);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var db = _bot.Db();
            return await DeliveryClaims.TryClaimManyAsync(db, DeliveryKind.DailyLesson, [(shanghai, today), (berlin, today), (berlin, today.AddDays(1))], _bot.Time.GetUtcNow(), CancellationToken.None);
        }));

        Assert.Equal(2, claims.Sum(c => c.Count)); // berlin's two dates, each won once; shanghai's was taken already
        await using var check = _bot.Db();
        Assert.Equal(3, await check.Deliveries.CountAsync(d => d.Status == DeliveryStatus.Pending));
        Assert.Empty(await DeliveryClaims.TryClaimManyAsync(check, DeliveryKind.DailyLesson, [], _bot.Time.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_claims_let_exactly_one_win()
    {
        var chatId = await ChatIdAsync("shanghai");

        var claims = await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            await using var db = _bot.Db();
            return await DeliveryClaims.TryClaimAsync(db, chatId, DeliveryKind.DailyLesson, new DateOnly(2026, 3, 2), _bot.Time.GetUtcNow(), CancellationToken.None);
        }));

        Assert.Single(claims, c => c is not null);
    }

    [Fact]
    public async Task Weekly_digests_are_due_on_their_local_weekday_after_their_time_once()
    {
        await _bot.SendAsync("/setup digest=Mon@08:00", chat: "shanghai", admin: true); // Monday 14:00 there now
        await _bot.SendAsync("/setup digest=Mon@08:00", chat: "berlin", admin: true); // Monday 07:00 there now
        await using var db = _bot.Db();

        var due = Assert.Single(await DueDigests.FindAsync(db, _bot.Time.GetUtcNow(), CancellationToken.None));
        Assert.Equal(await ChatIdAsync("shanghai"), due.ChatId);
        Assert.Equal(DayOfWeek.Monday, due.LocalDate.DayOfWeek);

        Assert.NotNull(await DeliveryClaims.TryClaimAsync(db, due.ChatId, DeliveryKind.WeeklyDigest, due.LocalDate, _bot.Time.GetUtcNow(), CancellationToken.None));
        _bot.Time.Advance(TimeSpan.FromHours(2)); // 09:00 in Berlin
        Assert.Equal(await ChatIdAsync("berlin"), Assert.Single(await DueDigests.FindAsync(db, _bot.Time.GetUtcNow(), CancellationToken.None)).ChatId);

        _bot.Time.Advance(TimeSpan.FromDays(1)); // Tuesday everywhere
        Assert.Empty(await DueDigests.FindAsync(db, _bot.Time.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public async Task After_downtime_only_todays_post_is_due_not_the_missed_days()
    {
        _bot.Time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromHours(2)); // nothing ran for three days; 09:00 in Berlin

        var shanghai = await ChatIdAsync("shanghai");
        var all = await DueAsync();

        Assert.Equal(2, all.Count); // Berlin and Shanghai, once each
        Assert.All(all, d => Assert.Equal(new DateOnly(2026, 3, 5), d.LocalDate));
        Assert.Equal(5, all.Single(d => d.ChatId == shanghai).Day);
    }
}

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Commands;
using StudyBot.Core.Digests;
using StudyBot.Core.Localization;
using StudyBot.Core.Persistence;
using StudyBot.Core.Reminders;
using StudyBot.Core.Schedule;
using StudyBot.Testing;

namespace StudyBot.Benchmarks.Reminders;

/// <summary>
/// The evening dispatch at scale on a real PostgreSQL: 1,000 chats × 10 members with reminders on, all due at once,
/// every third member already checked in. Finding them (two queries) and claiming all of them in one statement
/// (inside a transaction that is rolled back, so every iteration claims the same 6,670). Plus the digest chart's PNG.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class ReminderBenchmarks
{
    private const int Chats = 1_000;
    private const int MembersPerChat = 10;
    private BotDriver _bot = null!;

    [GlobalSetup]
    public void Setup()
    {
        // 20:30 in Shanghai on day 2 of the route.
        _bot = BotDriver.StartAsync(utcNow: new DateTimeOffset(2026, 3, 2, 12, 30, 0, TimeSpan.Zero)).GetAwaiter().GetResult();
        using var db = _bot.Db();
#pragma warning disable EF1002 // only our own constants go into the SQL
        db.Database.ExecuteSqlRaw(
            $"""
            INSERT INTO studybot.chats (platform, external_id, kind, track_id, start_date, time_zone, post_time, digest_day, digest_time, evening_time, language, paused, active, created_at)
            SELECT 'Console', 'chat-' || c, 'Group', '{TestContent.Catalog.DefaultTrack.Id}', DATE '2026-03-01', 'Asia/Shanghai', TIME '09:00', 'Sunday', TIME '18:00', TIME '20:00', 'en', false, true, now()
            FROM generate_series(1, {Chats}) AS c;
            INSERT INTO studybot.members (platform, external_id, display_name, created_at)
            SELECT 'Console', 'member-' || m, 'Member ' || m, now() FROM generate_series(1, {Chats * MembersPerChat}) AS m;
            INSERT INTO studybot.memberships (chat_id, member_id, joined_at, last_seen_at, reminders_on)
            SELECT ch.id, me.id, now(), now(), true
            FROM studybot.members me JOIN studybot.chats ch ON ch.external_id = 'chat-' || ((substring(me.external_id from 8)::int - 1) / {MembersPerChat} + 1);
            INSERT INTO studybot.check_ins (chat_id, member_id, local_date, lesson_day, created_at)
            SELECT chat_id, member_id, DATE '2026-03-02', 2, now() FROM studybot.memberships WHERE member_id % 3 = 0;
            ANALYZE;
            """);
#pragma warning restore EF1002
    }

    [GlobalCleanup]
    public void Cleanup() => _bot.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public async Task<int> FindDueReminders()
    {
        await using var db = _bot.Db();
        return (await DueReminders.FindAsync(db, TestContent.Catalog, _bot.Time.GetUtcNow(), CancellationToken.None)).Count;
    }

    [Benchmark]
    public async Task<int> FindAndClaimAll()
    {
        await using var db = _bot.Db();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var due = await DueReminders.FindAsync(db, TestContent.Catalog, _bot.Time.GetUtcNow(), CancellationToken.None);
        var claimed = await DeliveryClaims.TryClaimForMembersAsync(db, DeliveryKind.Reminder, due.ToList(), _bot.Time.GetUtcNow(), CancellationToken.None);
        await transaction.RollbackAsync();
        return claimed.Count;
    }

    [Benchmark]
    public ImageBlock DigestChartPng() => CheckInChart.Render(new DateOnly(2026, 3, 2), [3, 0, 5, 12, 1, 0, 7], Language.En);

    private sealed class InProcessConfig : BenchmarkDotNet.Configs.ManualConfig
    {
        public InProcessConfig() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }
}

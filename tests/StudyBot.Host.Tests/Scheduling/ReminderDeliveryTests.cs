using System.Collections.Concurrent;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StudyBot.Core.Commands;
using StudyBot.Core.Delivery;
using StudyBot.Core.Persistence;
using StudyBot.Core.Schedule;
using StudyBot.Host.Scheduling;
using StudyBot.Testing;

namespace StudyBot.Host.Tests.Scheduling;

/// <summary>Evening reminders from the dispatcher to the member's direct messages, through real Hangfire on the real database.</summary>
public sealed class ReminderDeliveryTests : IAsyncLifetime
{
    private BotDriver _bot = null!;
    private readonly DirectSender _sender = new();

    public async Task InitializeAsync()
    {
        // 2026-03-02 06:00 UTC: 14:00 in Shanghai, before the evening everywhere.
        _bot = await BotDriver.StartAsync(utcNow: new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero));
        await _bot.SendAsync("/setup start=2026-03-01 tz=Asia/Shanghai time=09:00 evening=20:00", chat: "g", admin: true);
        foreach (var member in new[] { "alice", "bob", "carol" })
        {
            await _bot.SendAsync("/remind on", user: member, chat: "g");
        }

        await _bot.SendAsync("/lang zh", user: "bob", chat: "g");
        _bot.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 12, 5, 0, TimeSpan.Zero)); // 20:05 in Shanghai
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private SendDeliveryJob Job() =>
        new(_bot.Services.GetRequiredService<IDbContextFactory<StudyBotDbContext>>(), TestContent.Catalog, new ChatSenders([_sender]), _bot.Time, NullLogger<SendDeliveryJob>.Instance);

    private async Task<IReadOnlyList<MemberClaim>> ClaimDueAsync()
    {
        await using var db = _bot.Db();
        var due = await Core.Reminders.DueReminders.FindAsync(db, TestContent.Catalog, _bot.Time.GetUtcNow(), CancellationToken.None);
        return await DeliveryClaims.TryClaimForMembersAsync(db, DeliveryKind.Reminder, due.ToList(), _bot.Time.GetUtcNow(), CancellationToken.None);
    }

    [Fact]
    public async Task The_dispatcher_sends_one_direct_message_per_member_in_their_language_across_runs()
    {
        await _bot.SendAsync("/done", user: "carol", chat: "g");
        var options = new PostgreSqlStorageOptions { SchemaName = SchedulingSetup.Schema, PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromMilliseconds(200) };
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(_bot.ConnectionString, options, null), options);
        var services = new ServiceCollection()
            .AddSingleton(_bot.Services.GetRequiredService<IDbContextFactory<StudyBotDbContext>>())
            .AddSingleton(TestContent.Catalog)
            .AddSingleton<TimeProvider>(_bot.Time)
            .AddSingleton(new ChatSenders([_sender]))
            .AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(storage))
            .AddLogging()
            .AddTransient<DailyDispatchJob>()
            .AddTransient<SendDeliveryJob>()
            .BuildServiceProvider();
        var dispatcher = services.GetRequiredService<DailyDispatchJob>();

        using (new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = 2, Activator = new ActivatorFor(services), SchedulePollingInterval = TimeSpan.FromMilliseconds(200) }, storage))
        {
            // The daily post of "g" and the reminders of alice and bob; carol has checked in.
            Assert.Equal(3, await dispatcher.RunAsync(CancellationToken.None));
            Assert.Equal(0, await dispatcher.RunAsync(CancellationToken.None));
            await WaitUntilAsync(async () =>
            {
                await using var db = _bot.Db();
                return await db.Deliveries.CountAsync(d => d.Status == DeliveryStatus.Sent) == 3;
            });
        }

        Assert.Equal(["alice", "bob"], _sender.Direct.Select(d => d.Member).Order());
        Assert.Contains("haven't checked in today in g", _sender.Direct.Single(d => d.Member == "alice").Text, StringComparison.Ordinal);
        Assert.Contains("还没有在 g 打卡", _sender.Direct.Single(d => d.Member == "bob").Text, StringComparison.Ordinal);
        Assert.DoesNotContain("/done]", _sender.Direct.Single(d => d.Member == "alice").Text, StringComparison.Ordinal); // no button that would check in the wrong chat
        Assert.Single(_sender.ToChats);
    }

    [Fact]
    public async Task A_member_who_checked_in_after_the_claim_is_skipped_not_reminded()
    {
        var claims = await ClaimDueAsync();
        Assert.Equal(3, claims.Count);
        await _bot.SendAsync("/done", user: "alice", chat: "g");

        foreach (var claim in claims)
        {
            await Job().RunAsync(claim.DeliveryId, CancellationToken.None);
        }

        Assert.Equal(["bob", "carol"], _sender.Direct.Select(d => d.Member).Order());
        await using var db = _bot.Db();
        var alice = await db.Members.SingleAsync(m => m.ExternalId == "alice");
        var skipped = await db.Deliveries.SingleAsync(d => d.MemberId == alice.Id);
        Assert.Equal(DeliveryStatus.Skipped, skipped.Status);
        Assert.Contains("checked in", skipped.LastError, StringComparison.Ordinal);
        Assert.Null(skipped.SentAt);

        await Job().RunAsync(skipped.Id, CancellationToken.None); // a duplicate job does nothing
        Assert.Equal(2, _sender.Direct.Count);
    }

    [Fact]
    public async Task A_member_who_turned_reminders_off_after_the_claim_gets_none()
    {
        var claims = await ClaimDueAsync();
        await _bot.SendAsync("/remind off", user: "bob", chat: "g");

        foreach (var claim in claims)
        {
            await Job().RunAsync(claim.DeliveryId, CancellationToken.None);
        }

        Assert.DoesNotContain(_sender.Direct, d => d.Member == "bob");
        Assert.Empty(await ClaimDueAsync());
    }

    [Fact]
    public async Task A_blocked_member_is_marked_unreachable_and_a_transient_failure_is_retried()
    {
        var claims = await ClaimDueAsync();
        await using var db = _bot.Db();
        var carolId = (await db.Members.SingleAsync(m => m.ExternalId == "carol")).Id;
        var aliceId = (await db.Members.SingleAsync(m => m.ExternalId == "alice")).Id;
        var carol = claims.Single(c => c.MemberId == carolId);
        var alice = claims.Single(c => c.MemberId == aliceId);

        _sender.Next = new SendResult(false, "403: Forbidden: bot was blocked by the user", Permanent: true) { RecipientUnreachable = true };
        await Job().RunAsync(carol.DeliveryId, CancellationToken.None);
        _sender.Next = new SendResult(false, "500: Internal Server Error");
        await Assert.ThrowsAsync<DeliveryFailedException>(() => Job().RunAsync(alice.DeliveryId, CancellationToken.None));
        _sender.Next = null;
        await Job().RunAsync(alice.DeliveryId, CancellationToken.None);

        await using var check = _bot.Db();
        Assert.Equal(DeliveryStatus.Failed, (await check.Deliveries.SingleAsync(d => d.Id == carol.DeliveryId)).Status);
        Assert.NotNull((await check.Members.SingleAsync(m => m.Id == carolId)).UnreachableSince);
        Assert.Equal(DeliveryStatus.Sent, (await check.Deliveries.SingleAsync(d => d.Id == alice.DeliveryId)).Status);

        _bot.Time.Advance(TimeSpan.FromDays(1)); // the next evening: no reminder for the unreachable member
        var next = await ClaimDueAsync();
        Assert.Equal(2, next.Count);
        Assert.DoesNotContain(next, c => c.MemberId == carolId);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not met in time");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The console platform's sends, recorded: chat posts and direct messages apart; <see cref="Next"/> makes the next one fail.</summary>
    private sealed class DirectSender : IChatSender
    {
        public ConcurrentQueue<(string Chat, string Text)> ToChats { get; } = new();

        public ConcurrentQueue<(string Member, string Text)> Direct { get; } = new();

        public SendResult? Next { get; set; }

        public Platform Platform => Platform.Console;

        public Task<SendResult> SendAsync(ChatRef chat, SenderRef? recipient, Reply reply, CancellationToken cancellationToken)
        {
            ToChats.Enqueue((chat.ExternalId, ReplyText.Of(reply)));
            return Task.FromResult(SendResult.Ok);
        }

        public Task<SendResult> SendDirectAsync(SenderRef member, Reply reply, CancellationToken cancellationToken)
        {
            if (Next is { } failure)
            {
                return Task.FromResult(failure);
            }

            Direct.Enqueue((member.ExternalId, ReplyText.Of(reply)));
            return Task.FromResult(SendResult.Ok);
        }
    }

    private sealed class ActivatorFor(IServiceProvider services) : JobActivator
    {
        public override object ActivateJob(Type jobType) => services.GetRequiredService(jobType);
    }
}

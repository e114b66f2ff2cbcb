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
using StudyBot.Host.Scheduling;
using StudyBot.Testing;

namespace StudyBot.Host.Tests.Scheduling;

/// <summary>Daily posts through real Hangfire on the real database: each due chat gets its lesson once.</summary>
public sealed class DailyPostsWithHangfireTests : IAsyncLifetime
{
    private BotDriver _bot = null!;
    private readonly RecordingSender _sender = new();

    public async Task InitializeAsync()
    {
        _bot = await BotDriver.StartAsync(utcNow: new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero));
        for (var i = 0; i < 20; i++)
        {
            await _bot.SendAsync($"/setup start=2026-03-01 tz=Asia/Shanghai time=09:00 lang={(i % 2 == 0 ? "en" : "zh")}", chat: $"group-{i}", admin: true);
        }

        await _bot.SendAsync("/setup start=2026-03-01 tz=Europe/Berlin time=08:00", chat: "not-yet", admin: true);
        await _bot.SendAsync("/setup digest=Mon@12:00", chat: "group-3", admin: true); // Monday 14:00 in Shanghai: due
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Due_chats_get_one_post_each_even_when_the_dispatcher_runs_again()
    {
        var options = new PostgreSqlStorageOptions { SchemaName = SchedulingSetup.Schema, PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromMilliseconds(200) };
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(_bot.ConnectionString, options, null), options);
        var jobs = new BackgroundJobClient(storage);
        var services = new ServiceCollection()
            .AddSingleton(_bot.Services.GetRequiredService<IDbContextFactory<StudyBotDbContext>>())
            .AddSingleton(TestContent.Catalog)
            .AddSingleton<TimeProvider>(_bot.Time)
            .AddSingleton(new ChatSenders([_sender]))
            .AddSingleton<IBackgroundJobClient>(jobs)
            .AddLogging()
            .AddTransient<DailyDispatchJob>()
            .AddTransient<SendDeliveryJob>()
            .BuildServiceProvider();
        var dispatcher = services.GetRequiredService<DailyDispatchJob>();

        using (new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = 4, Activator = new ServiceProviderActivator(services), SchedulePollingInterval = TimeSpan.FromMilliseconds(200) }, storage))
        {
            Assert.Equal(21, await dispatcher.RunAsync(CancellationToken.None)); // 20 daily lessons and one weekly digest
            Assert.Equal(0, await dispatcher.RunAsync(CancellationToken.None)); // a second run (or a second worker) finds nothing new
            await WaitUntilAsync(() => _sender.Sent.Count >= 21, TimeSpan.FromSeconds(60));
            await Task.Delay(500);
        }

        Assert.Equal(21, _sender.Sent.Count);
        Assert.Equal(20, _sender.Sent.Select(s => s.Chat).Distinct().Count());
        Assert.Single(_sender.Sent, s => s.Chat == "group-3" && s.Text.Contains("每周简报", StringComparison.Ordinal));
        Assert.Contains(_sender.Sent, s => s.Text.Contains("Day 2 · Lesson 2 title", StringComparison.Ordinal));
        Assert.Contains(_sender.Sent, s => s.Text.Contains("第 2 天", StringComparison.Ordinal));
        await using var db = _bot.Db();
        Assert.Equal(21, await db.Deliveries.CountAsync(d => d.Status == DeliveryStatus.Sent));
    }

    [Fact]
    public async Task A_transient_failure_is_retried_and_a_permanent_one_stops()
    {
        await using var db = _bot.Db();
        var chatId = (await db.Chats.SingleAsync(c => c.ExternalId == "group-0")).Id;
        var other = (await db.Chats.SingleAsync(c => c.ExternalId == "group-1")).Id;
        var first = await Core.Schedule.DeliveryClaims.TryClaimAsync(db, chatId, DeliveryKind.DailyLesson, new DateOnly(2026, 3, 2), _bot.Time.GetUtcNow(), CancellationToken.None);
        var second = await Core.Schedule.DeliveryClaims.TryClaimAsync(db, other, DeliveryKind.DailyLesson, new DateOnly(2026, 3, 2), _bot.Time.GetUtcNow(), CancellationToken.None);
        var job = new SendDeliveryJob(_bot.Services.GetRequiredService<IDbContextFactory<StudyBotDbContext>>(), TestContent.Catalog, new ChatSenders([_sender]), _bot.Time, NullLogger<SendDeliveryJob>.Instance);

        _sender.Next = new SendResult(false, "500 Internal Server Error");
        await Assert.ThrowsAsync<DeliveryFailedException>(() => job.RunAsync(first!.Value, CancellationToken.None));
        _sender.Next = null;
        await job.RunAsync(first!.Value, CancellationToken.None);
        await job.RunAsync(first!.Value, CancellationToken.None); // a duplicate job after success sends nothing

        _sender.Next = new SendResult(false, "403 Forbidden: bot was kicked", Permanent: true);
        await job.RunAsync(second!.Value, CancellationToken.None);

        await using var check = _bot.Db();
        var sent = await check.Deliveries.SingleAsync(d => d.Id == first.Value);
        Assert.Equal(DeliveryStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
        var failed = await check.Deliveries.SingleAsync(d => d.Id == second.Value);
        Assert.Equal(DeliveryStatus.Failed, failed.Status);
        Assert.Contains("kicked", failed.LastError, StringComparison.Ordinal);
        Assert.Single(_sender.Sent);
    }

    [Fact]
    public async Task Duplicate_jobs_for_one_delivery_send_it_once()
    {
        await using var db = _bot.Db();
        var chatId = (await db.Chats.SingleAsync(c => c.ExternalId == "group-0")).Id;
        var id = await Core.Schedule.DeliveryClaims.TryClaimAsync(db, chatId, DeliveryKind.DailyLesson, new DateOnly(2026, 3, 2), _bot.Time.GetUtcNow(), CancellationToken.None);
        var job = new SendDeliveryJob(_bot.Services.GetRequiredService<IDbContextFactory<StudyBotDbContext>>(), TestContent.Catalog, new ChatSenders([_sender]), _bot.Time, NullLogger<SendDeliveryJob>.Instance);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => job.RunAsync(id!.Value, CancellationToken.None)));

        Assert.Single(_sender.Sent);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not met in time");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The console platform's side of a send, recorded; <see cref="Next"/> makes the next send fail.</summary>
    private sealed class RecordingSender : IChatSender
    {
        public ConcurrentQueue<(string Chat, string Text)> Sent { get; } = new();

        public SendResult? Next { get; set; }

        public Platform Platform => Platform.Console;

        public Task<SendResult> SendAsync(ChatRef chat, SenderRef? recipient, Reply reply, CancellationToken cancellationToken)
        {
            if (Next is { } failure)
            {
                return Task.FromResult(failure);
            }

            Sent.Enqueue((chat.ExternalId, ReplyText.Of(reply)));
            return Task.FromResult(SendResult.Ok);
        }
    }

    private sealed class ServiceProviderActivator(IServiceProvider services) : JobActivator
    {
        public override object ActivateJob(Type jobType) => services.GetRequiredService(jobType);
    }
}

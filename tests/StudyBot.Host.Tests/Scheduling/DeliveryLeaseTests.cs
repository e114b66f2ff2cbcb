using System.Collections.Concurrent;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StudyBot.Core.Commands;
using StudyBot.Core.Delivery;
using StudyBot.Core.Persistence;
using StudyBot.Core.Schedule;
using StudyBot.Host.Scheduling;
using StudyBot.Testing;

namespace StudyBot.Host.Tests.Scheduling;

/// <summary>Leases on deliveries, on the real database with a fake clock: a dead sender's delivery is taken again, a live one's is not.</summary>
public sealed class DeliveryLeaseTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 3, 2);
    private readonly CountingSender _sender = new();
    private BotDriver _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await BotDriver.StartAsync(utcNow: new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero));
        for (var i = 0; i < 3; i++)
        {
            await _bot.SendAsync("/setup start=2026-03-01 tz=Asia/Shanghai time=09:00", chat: $"group-{i}", admin: true);
        }
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_delivery_held_by_a_live_sender_is_left_alone_and_taken_again_once_its_lease_runs_out()
    {
        var id = await ClaimAsync("group-0");
        await SetSendingAsync(id, leaseUntil: _bot.Time.GetUtcNow().AddMinutes(2)); // a sender took it, then (maybe) died
        var job = Job();

        await job.RunAsync(id, CancellationToken.None);
        Assert.Empty(_sender.Sent);

        _bot.Time.Advance(TimeSpan.FromMinutes(3));
        await job.RunAsync(id, CancellationToken.None);
        await job.RunAsync(id, CancellationToken.None);

        Assert.Single(_sender.Sent);
        await using var db = _bot.Db();
        var delivery = await db.Deliveries.SingleAsync(d => d.Id == id);
        Assert.Equal(DeliveryStatus.Sent, delivery.Status);
        Assert.Null(delivery.LeaseUntil);
        Assert.Equal(2, delivery.Attempts);
    }

    [Fact]
    public async Task A_sending_delivery_without_a_lease_from_before_leases_existed_is_sent()
    {
        var id = await ClaimAsync("group-0");
        await SetSendingAsync(id, leaseUntil: null);

        await Job().RunAsync(id, CancellationToken.None);

        Assert.Single(_sender.Sent);
    }

    [Fact]
    public async Task While_sending_the_delivery_carries_a_lease_of_the_configured_length()
    {
        var id = await ClaimAsync("group-0");
        DateTimeOffset? seen = null;
        _sender.OnSend = () =>
        {
            using var db = _bot.Db();
            seen = db.Deliveries.Single(d => d.Id == id).LeaseUntil;
        };

        await Job(TimeSpan.FromSeconds(45)).RunAsync(id, CancellationToken.None);

        Assert.Equal(_bot.Time.GetUtcNow().AddSeconds(45), seen);
    }

    [Fact]
    public async Task In_a_batch_one_failing_delivery_does_not_stop_the_others_and_the_batch_is_retried()
    {
        var ids = new[] { await ClaimAsync("group-0"), await ClaimAsync("group-1"), await ClaimAsync("group-2") };
        _sender.FailFor = "group-1";

        await Assert.ThrowsAsync<DeliveryFailedException>(() => Job().RunBatchAsync(ids, CancellationToken.None));
        Assert.Equal(["group-0", "group-2"], _sender.Sent.Order().ToArray());

        _sender.FailFor = null;
        await Job().RunBatchAsync(ids, CancellationToken.None); // Hangfire's retry: only the one left goes out

        Assert.Equal(["group-0", "group-1", "group-2"], _sender.Sent.Order().ToArray());
    }

    [Fact]
    public async Task The_dispatcher_sends_again_what_a_dead_sender_held_and_batches_the_new_claims()
    {
        var orphan = await ClaimAsync("group-0");
        await SetSendingAsync(orphan, leaseUntil: _bot.Time.GetUtcNow().AddSeconds(-1));
        var options = new PostgreSqlStorageOptions { SchemaName = SchedulingSetup.Schema, PrepareSchemaIfNecessary = true };
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(_bot.ConnectionString, options, null), options);
        var dispatcher = new DailyDispatchJob(
            _bot.Services.GetRequiredService<IDbContextFactory<StudyBotDbContext>>(), TestContent.Catalog, _bot.Time, new BackgroundJobClient(storage), NullLogger<DailyDispatchJob>.Instance);

        Assert.Equal(2, await dispatcher.RunAsync(CancellationToken.None)); // group-1 and group-2, claimed now

        await using var connection = new Npgsql.NpgsqlConnection(_bot.ConnectionString);
        await connection.OpenAsync();
        await using var jobs = new Npgsql.NpgsqlCommand(
            "SELECT invocationdata ->> 'Method', invocationdata ->> 'Arguments' FROM hangfire.job ORDER BY id", connection);
        var enqueued = new List<(string Method, string Arguments)>();
        await using (var reader = await jobs.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                enqueued.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        Assert.Equal(2, enqueued.Count);
        Assert.Single(enqueued, j => j.Method == nameof(SendDeliveryJob.RunBatchAsync));
        Assert.Single(enqueued, j => j.Method == nameof(SendDeliveryJob.RunAsync) && j.Arguments.Contains($"\"{orphan}\"", StringComparison.Ordinal));
    }

    private SendDeliveryJob Job(TimeSpan? lease = null) => new(
        _bot.Services.GetRequiredService<IDbContextFactory<StudyBotDbContext>>(),
        TestContent.Catalog,
        new ChatSenders([_sender]),
        _bot.Time,
        NullLogger<SendDeliveryJob>.Instance,
        Options.Create(new SchedulingOptions { DeliveryLease = lease ?? TimeSpan.FromMinutes(2) }));

    private async Task<long> ClaimAsync(string chat)
    {
        await using var db = _bot.Db();
        var chatId = (await db.Chats.SingleAsync(c => c.ExternalId == chat)).Id;
        return (await DeliveryClaims.TryClaimAsync(db, chatId, DeliveryKind.DailyLesson, Today, _bot.Time.GetUtcNow(), CancellationToken.None))!.Value;
    }

    private async Task SetSendingAsync(long id, DateTimeOffset? leaseUntil)
    {
        await using var db = _bot.Db();
        await db.Deliveries.Where(d => d.Id == id).ExecuteUpdateAsync(d => d
            .SetProperty(x => x.Status, DeliveryStatus.Sending)
            .SetProperty(x => x.Attempts, 1)
            .SetProperty(x => x.LeaseUntil, leaseUntil));
    }

    /// <summary>The console platform's side of a send: records the chat, or fails transiently for one chat.</summary>
    private sealed class CountingSender : IChatSender
    {
        public ConcurrentQueue<string> Sent { get; } = new();

        public string? FailFor { get; set; }

        public Action? OnSend { get; set; }

        public Platform Platform => Platform.Console;

        public Task<SendResult> SendAsync(ChatRef chat, SenderRef? recipient, Reply reply, CancellationToken cancellationToken)
        {
            OnSend?.Invoke();
            if (chat.ExternalId == FailFor)
            {
                return Task.FromResult(new SendResult(false, "500 Internal Server Error"));
            }

            Sent.Enqueue(chat.ExternalId);
            return Task.FromResult(SendResult.Ok);
        }
    }
}

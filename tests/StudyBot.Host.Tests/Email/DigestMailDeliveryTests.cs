using Hangfire;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using StudyBot.Core.Email;
using StudyBot.Core.Persistence;
using StudyBot.Core.Schedule;
using StudyBot.Host.Email;
using StudyBot.Host.Scheduling;
using StudyBot.Testing;

namespace StudyBot.Host.Tests.Email;

/// <summary>How a mailed digest ends when the SMTP server says 451, 550, nonsense, or is not there at all.</summary>
public sealed class DigestMailDeliveryTests
{
    private static async Task<long> ClaimAsync(EmailRig rig)
    {
        await rig.Bot.SendAsync("/setup start=2026-03-01 tz=Asia/Shanghai digest=Mon@12:00", admin: true);
        await rig.SubscribeAsync();
        await using var db = rig.Bot.Db();
        var due = Assert.Single(await DueEmailDigests.FindAsync(db, rig.Bot.Time.GetUtcNow(), CancellationToken.None));
        MemberDue[] claim = [new(due.ChatId, due.MemberId, due.LocalDate)];
        var claimed = Assert.Single(await DeliveryClaims.TryClaimForMembersAsync(db, DeliveryKind.EmailDigest, claim, rig.Bot.Time.GetUtcNow(), CancellationToken.None));
        Assert.Empty(await DeliveryClaims.TryClaimForMembersAsync(db, DeliveryKind.EmailDigest, claim, rig.Bot.Time.GetUtcNow(), CancellationToken.None));
        Assert.Empty(await DueEmailDigests.FindAsync(db, rig.Bot.Time.GetUtcNow(), CancellationToken.None));
        return claimed.DeliveryId;
    }

    private static async Task<Delivery> DeliveryAsync(EmailRig rig, long id)
    {
        await using var db = rig.Bot.Db();
        return await db.Deliveries.SingleAsync(d => d.Id == id);
    }

    [Fact]
    public async Task A_451_is_retried_and_the_retry_mails_it_once()
    {
        await using var rig = await EmailRig.StartAsync();
        var id = await ClaimAsync(rig);
        var job = rig.SendJob();
        rig.Smtp.RcptReplies.Enqueue("451 4.7.1 Greylisted, please try again later");

        await Assert.ThrowsAsync<DeliveryFailedException>(() => job.RunAsync(id, CancellationToken.None)); // Hangfire schedules the retry
        var waiting = await DeliveryAsync(rig, id);
        Assert.Equal(DeliveryStatus.Pending, waiting.Status);
        Assert.Equal(1, waiting.Attempts);
        Assert.Contains("451", waiting.LastError, StringComparison.Ordinal);

        await job.RunAsync(id, CancellationToken.None);
        await job.RunAsync(id, CancellationToken.None); // a duplicate after success mails nothing

        var sent = await DeliveryAsync(rig, id);
        Assert.Equal(DeliveryStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
        Assert.Null(sent.LastError);
        Assert.Single(rig.Smtp.Received, m => m.IsDigest);
    }

    [Fact]
    public async Task A_550_fails_for_good_with_the_reason()
    {
        await using var rig = await EmailRig.StartAsync();
        var id = await ClaimAsync(rig);
        rig.Smtp.RcptReplies.Enqueue("550 5.1.1 Recipient address rejected: User unknown");

        await rig.SendJob().RunAsync(id, CancellationToken.None); // no exception: retrying cannot help

        var failed = await DeliveryAsync(rig, id);
        Assert.Equal(DeliveryStatus.Failed, failed.Status);
        Assert.Contains("550", failed.LastError, StringComparison.Ordinal);
        Assert.Contains("User unknown", failed.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(rig.Smtp.Received, m => m.IsDigest);
    }

    [Fact]
    public async Task Duplicate_jobs_for_one_mailed_digest_send_it_once()
    {
        await using var rig = await EmailRig.StartAsync();
        var id = await ClaimAsync(rig);
        var job = rig.SendJob();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => job.RunAsync(id, CancellationToken.None)));

        Assert.Single(rig.Smtp.Received, m => m.IsDigest);
    }

    [Fact]
    public async Task A_mail_held_by_a_live_sender_is_left_alone_and_one_whose_sender_died_is_mailed_once()
    {
        await using var rig = await EmailRig.StartAsync();
        var id = await ClaimAsync(rig);
        var now = rig.Bot.Time.GetUtcNow();
        await HoldAsync(rig, id, leaseUntil: now.AddMinutes(1)); // a sender is mid-mail

        await rig.SendJob().RunAsync(id, CancellationToken.None);
        Assert.DoesNotContain(rig.Smtp.Received, m => m.IsDigest);

        await HoldAsync(rig, id, leaseUntil: now.AddSeconds(-1)); // that sender was killed before recording anything
        await rig.SendJob().RunAsync(id, CancellationToken.None);
        await rig.SendJob().RunAsync(id, CancellationToken.None);

        var sent = await DeliveryAsync(rig, id);
        Assert.Equal(DeliveryStatus.Sent, sent.Status);
        Assert.Null(sent.LeaseUntil);
        Assert.Single(rig.Smtp.Received, m => m.IsDigest);
    }

    private static async Task HoldAsync(EmailRig rig, long id, DateTimeOffset leaseUntil)
    {
        await using var db = rig.Bot.Db();
        await db.Deliveries.Where(d => d.Id == id).ExecuteUpdateAsync(d => d.SetProperty(x => x.Status, DeliveryStatus.Sending).SetProperty(x => x.LeaseUntil, leaseUntil));
    }

    [Fact]
    public async Task A_member_who_unsubscribed_after_the_claim_gets_nothing()
    {
        await using var rig = await EmailRig.StartAsync();
        var id = await ClaimAsync(rig);
        await rig.Bot.SendAsync("/unsubscribe");

        await rig.SendJob().RunAsync(id, CancellationToken.None);

        var stopped = await DeliveryAsync(rig, id);
        Assert.Equal(DeliveryStatus.Failed, stopped.Status);
        Assert.Equal(0, stopped.Attempts);
        Assert.DoesNotContain(rig.Smtp.Received, m => m.IsDigest);
    }

    [Fact]
    public async Task Confirmation_mail_refused_or_deferred_is_told_without_details()
    {
        await using var rig = await EmailRig.StartAsync();
        rig.Smtp.RcptReplies.Enqueue("550 5.1.1 <jane.doe@example.com>: User unknown");
        var refused = await rig.Bot.TextAsync($"/subscribe {EmailRig.Address}");
        rig.Smtp.RcptReplies.Enqueue("451 4.3.0 Temporary failure");
        var deferred = await rig.Bot.TextAsync($"/subscribe {EmailRig.Address}");

        Assert.Contains("refused j***@example.com", refused, StringComparison.Ordinal);
        Assert.DoesNotContain(EmailRig.Address, refused, StringComparison.Ordinal);
        Assert.Contains("try again later", deferred, StringComparison.Ordinal);
        Assert.Empty(rig.Smtp.Received);
        Assert.Contains("/subscribe you@example.com", await rig.Bot.TextAsync("/subscribe"), StringComparison.Ordinal); // no code is said to be waiting
    }

    [Fact]
    public async Task A_server_that_speaks_nonsense_is_a_transient_failure()
    {
        await using var rig = await EmailRig.StartAsync();
        rig.Smtp.Greeting = "HTTP/1.1 400 Bad Request";

        var result = await rig.Sender.SendAsync(Message(), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.False(result.Permanent);
    }

    [Fact]
    public async Task A_server_that_is_not_there_is_a_transient_failure()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var sender = new SmtpEmailSender(
            Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None, From = "bot@studybot.test", TimeoutSeconds = 5 }),
            Options.Create(new WebOptions { PublicBaseUrl = new Uri("http://127.0.0.1/") }),
            NullLogger<SmtpEmailSender>.Instance);

        var result = await sender.SendAsync(Message(), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.False(result.Permanent);
    }

    [Fact]
    public async Task Without_an_smtp_host_email_is_off_everywhere()
    {
        await using var bot = await BotDriver.StartAsync();
        Assert.Contains("not configured", await bot.TextAsync($"/subscribe {EmailRig.Address}"), StringComparison.Ordinal);
        Assert.Contains("not configured", await bot.TextAsync("/subscribe 123456"), StringComparison.Ordinal);

        var sender = new SmtpEmailSender(Options.Create(new SmtpOptions()), Options.Create(new WebOptions()), NullLogger<SmtpEmailSender>.Instance);
        Assert.False(sender.IsConfigured);
        Assert.True((await sender.SendAsync(Message(), CancellationToken.None)).Permanent);
        var dispatcher = new EmailDigestDispatchJob(
            bot.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<StudyBotDbContext>>(), sender, bot.Time, new Hangfire.BackgroundJobClient(new UnusableStorage()), NullLogger<EmailDigestDispatchJob>.Instance);
        Assert.Equal(0, await dispatcher.RunAsync(CancellationToken.None)); // never touches the queue
    }

    [Fact]
    public async Task An_orphaned_claim_is_mailed_by_the_email_dispatcher_and_left_alone_by_the_daily_one()
    {
        await using var rig = await EmailRig.StartAsync();
        var id = await ClaimAsync(rig); // claimed, but the dispatcher "died" before enqueueing the send
        await rig.Bot.SendAsync("/setup time=23:00", admin: true); // no daily post due
        rig.Bot.Time.Advance(TimeSpan.FromMinutes(11));

        var options = new Hangfire.PostgreSql.PostgreSqlStorageOptions { SchemaName = SchedulingSetup.Schema, PrepareSchemaIfNecessary = true };
        var storage = new Hangfire.PostgreSql.PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(rig.Bot.ConnectionString, options, null), options);
        var daily = new DailyDispatchJob(rig.DbFactory, TestContent.Catalog, rig.Bot.Time, new Hangfire.BackgroundJobClient(storage), NullLogger<DailyDispatchJob>.Instance);
        Assert.Equal(1, await daily.RunAsync(CancellationToken.None)); // the chat's own weekly digest
        var queued = storage.GetMonitoringApi().EnqueuedJobs("default", 0, 10);
        Assert.DoesNotContain(id, queued.Select(j => (long)j.Value.Job.Args[0])); // SendDeliveryJob would fail it as "nothing to post"
        foreach (var job in queued)
        {
            new Hangfire.BackgroundJobClient(storage).Delete(job.Key); // not this test's business
        }

        Assert.Equal(0, await rig.DispatchWithHangfireAsync(() => rig.Smtp.Received.Any(m => m.IsDigest))); // nothing new, the orphan re-enqueued

        await EmailRig.WaitUntilAsync(() => DeliveryAsync(rig, id).Result.Status == DeliveryStatus.Sent);
        Assert.Single(rig.Smtp.Received, m => m.IsDigest);
    }

    private static MimeMessage Message()
    {
        var message = new MimeMessage { Subject = "test" };
        message.To.Add(MailboxAddress.Parse(EmailRig.Address));
        message.Body = new TextPart("plain") { Text = "hello" };
        return message;
    }

    /// <summary>Job storage that fails if anything touches it: proves email-off dispatch enqueues nothing.</summary>
    private sealed class UnusableStorage : Hangfire.JobStorage
    {
        public override Hangfire.Storage.IMonitoringApi GetMonitoringApi() => throw new InvalidOperationException("no storage");

        public override Hangfire.Storage.IStorageConnection GetConnection() => throw new InvalidOperationException("no storage");
    }
}

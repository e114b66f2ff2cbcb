using System.Diagnostics;
using System.Globalization;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StudyBot.Core.Email;
using StudyBot.Core.Persistence;
using StudyBot.Host.Email;
using StudyBot.Host.Scheduling;
using StudyBot.Host.Tests.Email;
using StudyBot.Testing;

namespace StudyBot.Benchmarks.Email;

/// <summary>
/// A loopback load run: N confirmed subscribers of one chat whose digest is due; the real dispatcher claims N
/// deliveries and real Hangfire workers compose and mail each digest with MailKit to the tests' SMTP server.
/// Reports the time from dispatch to the last mail, mails per second, and the process's peak working set.
/// dotnet run -c Release --project tests/StudyBot.Benchmarks -- email-digest [subscribers=500] [workers=4]
/// </summary>
public static class EmailDigestLoadRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var subscribers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
        var workers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
        await using var smtp = new FakeSmtpServer();
        var sender = new SmtpEmailSender(
            Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, Security = SmtpSecurity.None, From = "bot@studybot.test" }),
            Options.Create(new WebOptions { PublicBaseUrl = new Uri("https://bot.example.com") }),
            NullLogger<SmtpEmailSender>.Instance);
        await using var bot = await BotDriver.StartAsync(utcNow: new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero));
        await bot.SendAsync("/setup start=2026-03-01 tz=Asia/Shanghai digest=Mon@12:00", admin: true); // due now
        await SubscribeManyAsync(bot, subscribers);

        var options = new PostgreSqlStorageOptions { SchemaName = SchedulingSetup.Schema, PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromMilliseconds(200) };
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(bot.ConnectionString, options, null), options);
        await using var services = new ServiceCollection()
            .AddSingleton(bot.Services.GetRequiredService<IDbContextFactory<StudyBotDbContext>>())
            .AddSingleton(TestContent.Catalog)
            .AddSingleton<TimeProvider>(bot.Time)
            .AddSingleton<IEmailSender>(sender)
            .AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(storage))
            .AddLogging()
            .AddTransient<EmailDigestDispatchJob>()
            .AddTransient<SendEmailDigestJob>()
            .BuildServiceProvider();
        var peak = 0L;
        using var sampler = new Timer(_ => peak = Math.Max(peak, Process.GetCurrentProcess().WorkingSet64), null, 0, 100);
        using (new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = workers, Activator = new Activator(services), SchedulePollingInterval = TimeSpan.FromMilliseconds(200) }, storage))
        {
            var clock = Stopwatch.StartNew();
            var enqueued = await services.GetRequiredService<EmailDigestDispatchJob>().RunAsync(CancellationToken.None);
            var dispatched = clock.Elapsed;
            await smtp.WaitForAsync(subscribers, TimeSpan.FromMinutes(30));
            var all = clock.Elapsed;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"email-digest: {subscribers} subscribers, {workers} Hangfire workers: {enqueued} claimed+enqueued in {dispatched.TotalMilliseconds:F0} ms; " +
                $"all {smtp.Received.Count} mails received in {all.TotalSeconds:F1} s = {subscribers / all.TotalSeconds:F1} mails/s; " +
                $"{smtp.Connections} SMTP connections; peak working set {peak / (1024 * 1024)} MiB"));
        }

        await using var db = bot.Db();
        var sent = await db.Deliveries.CountAsync(d => d.Kind == DeliveryKind.EmailDigest && d.Status == DeliveryStatus.Sent);
        Console.WriteLine($"email-digest: {sent} deliveries Sent, {smtp.Received.Select(m => m.To[0]).Distinct().Count()} distinct recipients");
        return sent == subscribers ? 0 : 1;
    }

    /// <summary>Confirmed subscribers written straight to the database (the /subscribe flow is covered by tests).</summary>
    private static async Task SubscribeManyAsync(BotDriver bot, int count)
    {
        await using var db = bot.Db();
        var chat = await db.Chats.SingleAsync();
        var now = bot.Time.GetUtcNow();
        var members = Enumerable.Range(0, count).Select(i => new Member { Platform = Platform.Console, ExternalId = $"m{i}", DisplayName = $"M{i}", CreatedAt = now }).ToList();
        db.Members.AddRange(members);
        await db.SaveChangesAsync();
        db.EmailSubscriptions.AddRange(members.Select(m => new EmailSubscription
        {
            ChatId = chat.Id,
            MemberId = m.Id,
            Email = $"{m.ExternalId}@example.com",
            ConfirmationCodeHash = ConfirmationCodes.Hash("000000"),
            CodeExpiresAt = now,
            ConfirmedAt = now,
            UnsubscribeToken = ConfirmationCodes.NewUnsubscribeToken(),
            CreatedAt = now,
        }));
        await db.SaveChangesAsync();
    }

    private sealed class Activator(IServiceProvider services) : JobActivator
    {
        public override object ActivateJob(Type jobType) => services.GetRequiredService(jobType);
    }
}

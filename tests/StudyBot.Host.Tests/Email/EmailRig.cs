using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
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
using StudyBot.Testing;

namespace StudyBot.Host.Tests.Email;

/// <summary>
/// The real core on a real database, the real SMTP sender (MailKit) talking to <see cref="FakeSmtpServer"/>, and
/// the unsubscribe page served by Kestrel on 127.0.0.1, whose address the digest mails link to.
/// </summary>
public sealed class EmailRig : IAsyncDisposable
{
    public const string Address = "jane.doe@example.com";

    private readonly WebOptions _web = new();

    private EmailRig(FakeSmtpServer smtp) => Smtp = smtp;

    public FakeSmtpServer Smtp { get; }

    public BotDriver Bot { get; private set; } = null!;

    public WebApplication Web { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    public IEmailSender Sender => Bot.Services.GetRequiredService<IEmailSender>();

    public IDbContextFactory<StudyBotDbContext> DbFactory => Bot.Services.GetRequiredService<IDbContextFactory<StudyBotDbContext>>();

    /// <summary>Monday 2026-03-02 06:00 UTC (14:00 in Shanghai) unless told otherwise.</summary>
    public static async Task<EmailRig> StartAsync(DateTimeOffset? utcNow = null, string? smtpUsername = null)
    {
        var rig = new EmailRig(new FakeSmtpServer());
        var smtp = new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = rig.Smtp.Port,
            Security = SmtpSecurity.None,
            From = "StudyBot <bot@studybot.test>",
            Username = smtpUsername,
            Password = smtpUsername is null ? null : "s3cret",
            TimeoutSeconds = 20,
        };
        rig.Bot = await BotDriver.StartAsync(utcNow: utcNow ?? new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero), configure: services => services
            .AddSingleton<IEmailSender>(new SmtpEmailSender(Options.Create(smtp), Options.Create(rig._web), NullLogger<SmtpEmailSender>.Instance)));

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(rig.DbFactory);
        builder.Services.AddSingleton<TimeProvider>(rig.Bot.Time);
        rig.Web = builder.Build();
        rig.Web.MapEmailUnsubscribe();
        await rig.Web.StartAsync();
        rig._web.PublicBaseUrl = new Uri(rig.Web.Urls.First() + "/");
        return rig;
    }

    /// <summary>/subscribe ADDRESS, the mailed code read back, /subscribe CODE: a confirmed subscriber.</summary>
    public async Task<string> SubscribeAsync(string user = "alice", string chat = "group-1", string address = Address)
    {
        var before = Smtp.Received.Count;
        await Bot.SendAsync($"/subscribe {address}", user: user, chat: chat);
        var mails = await Smtp.WaitForAsync(before + 1);
        var code = CodeIn(mails[^1]);
        var confirmed = await Bot.TextAsync($"/subscribe {code}", user: user, chat: chat);
        Assert.Contains("✅", confirmed, StringComparison.Ordinal);
        return code;
    }

    public static string CodeIn(ReceivedMail mail)
    {
        var text = mail.Text;
        var match = System.Text.RegularExpressions.Regex.Match(text, @"\b(\d{6})\b");
        Assert.True(match.Success, "no code in: " + text);
        return match.Groups[1].Value;
    }

    /// <summary>Runs the email jobs through a real Hangfire server on the test database until <paramref name="until"/> holds.</summary>
    public async Task<int> DispatchWithHangfireAsync(Func<bool> until)
    {
        var options = new PostgreSqlStorageOptions { SchemaName = SchedulingSetup.Schema, PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromMilliseconds(200) };
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(Bot.ConnectionString, options, null), options);
        await using var services = new ServiceCollection()
            .AddSingleton(DbFactory)
            .AddSingleton(TestContent.Catalog)
            .AddSingleton<TimeProvider>(Bot.Time)
            .AddSingleton(Sender)
            .AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(storage))
            .AddLogging()
            .AddTransient<EmailDigestDispatchJob>()
            .AddTransient<SendEmailDigestJob>()
            .BuildServiceProvider();
        using var server = new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = 2, Activator = new ServiceProviderActivator(services), SchedulePollingInterval = TimeSpan.FromMilliseconds(200) }, storage);
        var enqueued = await services.GetRequiredService<EmailDigestDispatchJob>().RunAsync(CancellationToken.None);
        await WaitUntilAsync(until);
        return enqueued;
    }

    public EmailDigestDispatchJob Dispatcher(IBackgroundJobClient jobs) =>
        new(DbFactory, Sender, Bot.Time, jobs, NullLogger<EmailDigestDispatchJob>.Instance);

    public SendEmailDigestJob SendJob() => new(DbFactory, TestContent.Catalog, Sender, Bot.Time, NullLogger<SendEmailDigestJob>.Instance);

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not met in time");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (Web is not null)
        {
            await Web.StopAsync();
            await Web.DisposeAsync();
        }

        if (Bot is not null)
        {
            await Bot.DisposeAsync();
        }

        await Smtp.DisposeAsync();
    }

    private sealed class ServiceProviderActivator(IServiceProvider services) : JobActivator
    {
        public override object ActivateJob(Type jobType) => services.GetRequiredService(jobType);
    }
}

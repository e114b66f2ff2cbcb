using Hangfire;
using Microsoft.Extensions.Options;
using MimeKit;
using StudyBot.Core.Email;

namespace StudyBot.Host.Email;

/// <summary>Wiring of the email newsletter: SMTP settings and sender, the digest-mail jobs, the unsubscribe page.</summary>
public static class EmailSetup
{
    /// <summary>Smtp:* and Web:PublicBaseUrl, validated at start; the SMTP sender replaces the core's "email off".</summary>
    public static IServiceCollection AddStudyBotEmail(this IServiceCollection services)
    {
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations()
            .Validate(o => !o.Enabled || IsMailbox(o.From), "Smtp:From must be a mail address (e.g. StudyBot <bot@example.com>) when Smtp:Host is set.")
            .Validate(o => string.IsNullOrEmpty(o.Password) || !string.IsNullOrEmpty(o.Username), "Smtp:Password needs Smtp:Username.")
            .ValidateOnStart();
        services.AddOptions<WebOptions>().BindConfiguration(WebOptions.Section)
            .Validate(o => o.PublicBaseUrl is null || (o.PublicBaseUrl.IsAbsoluteUri && o.PublicBaseUrl.Scheme is "https" or "http"), "Web:PublicBaseUrl must be an absolute http(s) URL.")
            .ValidateOnStart();
        services.AddOptions<SmtpOptions>()
            .Validate<IOptions<WebOptions>>((o, web) => !o.Enabled || web.Value.PublicBaseUrl is not null, "Web:PublicBaseUrl is required when Smtp:Host is set (digest mails link to the unsubscribe page).");
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        return services;
    }

    /// <summary>The digest-mail dispatcher (every minute) and its send job; for hosts that run Hangfire.</summary>
    public static IServiceCollection AddStudyBotEmailDigests(this IServiceCollection services)
    {
        services.AddTransient<EmailDigestDispatchJob>();
        services.AddTransient<SendEmailDigestJob>();
        services.AddHostedService<EmailJobsRegistration>();
        return services;
    }

    public static WebApplication MapStudyBotEmail(this WebApplication app)
    {
        app.MapEmailUnsubscribe();
        return app;
    }

    private static bool IsMailbox(string? from) => MailboxAddress.TryParse(from, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal);

    private sealed class EmailJobsRegistration(IRecurringJobManager recurring) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            recurring.AddOrUpdate<EmailDigestDispatchJob>(EmailDigestDispatchJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

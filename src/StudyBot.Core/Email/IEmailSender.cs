using MimeKit;
using StudyBot.Core.Delivery;

namespace StudyBot.Core.Email;

/// <summary>
/// Sends one mail. The transport sets the From address; a 4xx answer is a transient failure, a refused
/// recipient (5xx) a permanent one. <see cref="IsConfigured"/> is false when no mail server is set up.
/// </summary>
public interface IEmailSender
{
    bool IsConfigured { get; }

    /// <summary>Where the unsubscribe page lives (e.g. https://bot.example.com), or null when unknown.</summary>
    Uri? PublicBaseUrl { get; }

    Task<SendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>Email switched off: /subscribe says so, and nothing is ever mailed.</summary>
public sealed class NoEmailSender : IEmailSender
{
    public bool IsConfigured => false;

    public Uri? PublicBaseUrl => null;

    public Task<SendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken) =>
        Task.FromResult(new SendResult(false, "email is not configured", Permanent: true));
}

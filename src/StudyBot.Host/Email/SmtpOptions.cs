using System.ComponentModel.DataAnnotations;

namespace StudyBot.Host.Email;

/// <summary>How the SMTP connection is secured (MailKit's SecureSocketOptions, by name).</summary>
public enum SmtpSecurity
{
    /// <summary>STARTTLS when the server offers it, plain otherwise.</summary>
    StartTlsWhenAvailable,
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>The mail server ("Smtp" section). Without a Host, email is off and /subscribe says so.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    /// <summary>0 picks the usual port for <see cref="Security"/> (465 for SslOnConnect, else 587).</summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    public string? Username { get; set; }

    /// <summary>Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>The sender, e.g. "StudyBot &lt;bot@example.com&gt;".</summary>
    public string? From { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTlsWhenAvailable;

    /// <summary>How long one SMTP step may take before the send counts as failed (and is retried).</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    public int EffectivePort => Port != 0 ? Port : Security == SmtpSecurity.SslOnConnect ? 465 : 587;
}

/// <summary>The host as the outside world reaches it ("Web" section): links in mails point here.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>e.g. https://bot.example.com; required when email is on (the unsubscribe link).</summary>
    public Uri? PublicBaseUrl { get; set; }
}

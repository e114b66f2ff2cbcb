using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using StudyBot.Core.Delivery;
using StudyBot.Core.Email;

namespace StudyBot.Host.Email;

/// <summary>
/// Sends through the configured SMTP server with MailKit, one connection per mail (a handful of mails a week
/// per subscriber needs no pool). A 4xx answer or a broken connection is transient; a 5xx refusal is permanent.
/// </summary>
public sealed partial class SmtpEmailSender(IOptions<SmtpOptions> smtp, IOptions<WebOptions> web, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    private readonly SmtpOptions _options = smtp.Value;

    public bool IsConfigured => _options.Enabled;

    public Uri? PublicBaseUrl => web.Value.PublicBaseUrl;

    public async Task<SendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!IsConfigured)
        {
            return new SendResult(false, "email is not configured", Permanent: true);
        }

        message.From.Clear();
        message.From.Add(MailboxAddress.Parse(_options.From!)); // validated at start when Host is set
        using var client = new SmtpClient { Timeout = _options.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(_options.Host!, _options.EffectivePort, Secure(_options.Security), cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(_options.Username))
            {
                await client.AuthenticateAsync(_options.Username, _options.Password ?? "", cancellationToken).ConfigureAwait(false);
            }

            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
            return SendResult.Ok;
        }
        catch (SmtpCommandException ex)
        {
            // 5xx: the server will never take this mail (unknown mailbox, refused sender); 4xx: try again later.
            var code = (int)ex.StatusCode;
            LogRefused(logger, code, ex.ErrorCode);
            return new SendResult(false, $"SMTP {code} {ex.ErrorCode}: {ex.Message}", Permanent: code >= 500);
        }
        catch (AuthenticationException)
        {
            LogAuthenticationFailed(logger, _options.Host!);
            return new SendResult(false, "SMTP authentication failed");
        }
        catch (Exception ex) when (ex is SmtpProtocolException or IOException or SocketException or SslHandshakeException or ServiceNotConnectedException or TimeoutException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnavailable(logger, _options.Host!, ex.GetType().Name);
            return new SendResult(false, $"SMTP server unavailable ({ex.GetType().Name})");
        }
    }

    private static SecureSocketOptions Secure(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMTP server answered {StatusCode} ({ErrorCode})")]
    private static partial void LogRefused(ILogger logger, int statusCode, SmtpErrorCode errorCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "SMTP authentication at {Host} failed: check Smtp:Username and Smtp:Password")]
    private static partial void LogAuthenticationFailed(ILogger logger, string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMTP server {Host} unavailable ({ExceptionType})")]
    private static partial void LogUnavailable(ILogger logger, string host, string exceptionType);
}

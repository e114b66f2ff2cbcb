using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace StudyBot.Host.Tests.Email;

/// <summary>A mail that reached the fake server, parsed with MimeKit.</summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> To, MimeMessage Message, string? AuthPlain)
{
    public string Subject => Message.Subject ?? "";

    public string Text => Message.TextBody ?? "";

    public string Html => Message.HtmlBody ?? "";

    public bool IsDigest => Message.Headers.Contains("List-Unsubscribe");
}

/// <summary>
/// A small SMTP server on 127.0.0.1 for tests: EHLO/HELO, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT. It
/// offers no 8BITMIME, SMTPUTF8 or PIPELINING, so the client sends plain 7-bit lines one command at a time.
/// <see cref="RcptReplies"/> scripts the answers to the next RCPT commands (451, 550 …).
/// </summary>
public sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly SemaphoreSlim _arrived = new(0);

    public FakeSmtpServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public ConcurrentQueue<ReceivedMail> Received { get; } = new();

    /// <summary>Answers for the next RCPT TO commands, in order; "250 OK" once empty.</summary>
    public ConcurrentQueue<string> RcptReplies { get; } = new();

    /// <summary>When set, the greeting is this line instead of a 220 (a server that speaks nonsense).</summary>
    public string? Greeting { get; set; }

    private int _connections;

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Waits until <paramref name="count"/> mails have arrived in total (generous timeout, no fixed sleeps).</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (Received.Count < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left).ConfigureAwait(false))
            {
                throw new TimeoutException($"expected {count} mail(s), got {Received.Count}");
            }
        }

        return Received.ToList();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.Latin1, false, 4096, leaveOpen: true);
            await using var writer = new StreamWriter(stream, Encoding.Latin1, 4096, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync(Greeting ?? "220 fake.test ESMTP ready").ConfigureAwait(false);
            string? from = null;
            string? auth = null;
            var to = new List<string>();
            while (await reader.ReadLineAsync(_stop.Token).ConfigureAwait(false) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteAsync("250-fake.test\r\n250-AUTH PLAIN\r\n250 SIZE 10485760\r\n").ConfigureAwait(false);
                        break;
                    case "HELO":
                    case "NOOP":
                        await writer.WriteLineAsync("250 OK").ConfigureAwait(false);
                        break;
                    case "AUTH":
                        auth = Encoding.UTF8.GetString(Convert.FromBase64String(line.Split(' ')[2]));
                        await writer.WriteLineAsync("235 2.7.0 Authentication successful").ConfigureAwait(false);
                        break;
                    case "RSET":
                        from = null;
                        to.Clear();
                        await writer.WriteLineAsync("250 OK").ConfigureAwait(false);
                        break;
                    case "MAIL":
                        from = Address(line);
                        await writer.WriteLineAsync("250 2.1.0 OK").ConfigureAwait(false);
                        break;
                    case "RCPT":
                        var reply = RcptReplies.TryDequeue(out var scripted) ? scripted : "250 2.1.5 OK";
                        if (reply.StartsWith('2'))
                        {
                            to.Add(Address(line));
                        }

                        await writer.WriteLineAsync(reply).ConfigureAwait(false);
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>").ConfigureAwait(false);
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token).ConfigureAwait(false) is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith('.') ? dataLine[1..] : dataLine).Append("\r\n"); // undo dot-stuffing
                        }

                        using (var raw = new MemoryStream(Encoding.Latin1.GetBytes(data.ToString())))
                        {
                            Received.Enqueue(new ReceivedMail(from ?? "", to.ToList(), await MimeMessage.LoadAsync(raw).ConfigureAwait(false), auth));
                        }

                        _arrived.Release();
                        from = null;
                        to.Clear();
                        await writer.WriteLineAsync("250 2.0.0 queued").ConfigureAwait(false);
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 bye").ConfigureAwait(false);
                        return;
                    default:
                        await writer.WriteLineAsync("502 5.5.2 command not recognized").ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // the client went away, or the test ended
        }
    }

    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? line[(start + 1)..end] : "";
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
        _stop.Dispose();
        _arrived.Dispose();
    }
}

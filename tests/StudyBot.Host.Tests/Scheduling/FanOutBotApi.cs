using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StudyBot.Host.Tests.Scheduling;

/// <summary>
/// A Bot API stand-in on 127.0.0.1 (real Kestrel, /bot{token}/{method}) for fan-outs: it counts the messages each
/// chat got, can enforce a rate limit as Telegram does (429 with retry_after, counted), and can hold sends after
/// the first N without processing them, so a test can crash or cut things at an exact point. Held sends are later
/// either dropped unrecorded (as if the platform never saw them) or processed.
/// </summary>
public sealed class FanOutBotApi : IAsyncDisposable
{
    public const string Token = "7000001:TEST_fanout-abcdefghijklmnopqrstuvwxyz";

    private static readonly byte[] True = Encoding.UTF8.GetBytes("""{"ok":true,"result":true}""");
    private static readonly byte[] Me = Encoding.UTF8.GetBytes("""{"ok":true,"result":{"id":7000001,"is_bot":true,"first_name":"Study Bot","username":"StudyBot"}}""");

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<long, int> _perChat = new();
    private readonly ConcurrentQueue<(long Chat, string Text)> _texts = new();
    private readonly Lock _gate = new();
    private readonly bool _keepTexts;
    private readonly double _ratePerSecond;
    private double _tokens;
    private long _refilledAt;
    private int? _holdAfter;
    private int _admitted;
    private int _held;
    private long _recorded;
    private long _tooManyRequests;
    private long _firstAt;
    private long _lastAt;
    private TaskCompletionSource<bool> _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FanOutBotApi(WebApplication app, double ratePerSecond, bool keepTexts)
    {
        _app = app;
        _ratePerSecond = ratePerSecond;
        _tokens = Math.Max(1, ratePerSecond); // Telegram tolerates about a second's worth of burst
        _refilledAt = Stopwatch.GetTimestamp();
        _keepTexts = keepTexts;
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Messages accepted (and so delivered) so far.</summary>
    public long Recorded => Interlocked.Read(ref _recorded);

    /// <summary>Sends waiting, unprocessed, since the hold began.</summary>
    public int Held => Volatile.Read(ref _held);

    public long TooManyRequests => Interlocked.Read(ref _tooManyRequests);

    public IReadOnlyDictionary<long, int> PerChat => _perChat;

    public IReadOnlyList<(long Chat, string Text)> Texts => [.. _texts];

    /// <summary>Seconds from the first accepted message to the last.</summary>
    public double Span => Stopwatch.GetElapsedTime(Interlocked.Read(ref _firstAt), Interlocked.Read(ref _lastAt)).TotalSeconds;

    /// <param name="ratePerSecond">0: no limit; otherwise a token bucket of this rate and a second's burst.</param>
    /// <param name="holdAfter">After this many accepted messages, further sends are held unprocessed.</param>
    public static async Task<FanOutBotApi> StartAsync(double ratePerSecond = 0, int? holdAfter = null, bool keepTexts = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxConcurrentConnections = null);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FanOutBotApi(app, ratePerSecond, keepTexts) { _holdAfter = holdAfter };
        app.Map("/bot{token}/{method}", fake.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        fake.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return fake;
    }

    /// <summary>Ends the hold: the held sends are dropped unrecorded (<paramref name="process"/> false) or processed; later sends go through.</summary>
    public void ReleaseHeld(bool process)
    {
        TaskCompletionSource<bool> release;
        lock (_gate)
        {
            _holdAfter = null;
            release = _release;
            _release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        release.TrySetResult(process);
    }

    private async Task HandleAsync(HttpContext http, string token, string method)
    {
        if (token != Token)
        {
            http.Response.StatusCode = 401;
            await http.Response.WriteAsync("""{"ok":false,"error_code":401,"description":"Unauthorized"}""").ConfigureAwait(false);
            return;
        }

        http.Response.ContentType = "application/json";
        if (!method.StartsWith("send", StringComparison.Ordinal))
        {
            await http.Response.Body.WriteAsync(method == "getMe" ? Me : True).ConfigureAwait(false);
            return;
        }

        using var body = await JsonDocument.ParseAsync(http.Request.Body).ConfigureAwait(false);
        var chat = body.RootElement.GetProperty("chat_id").GetInt64();
        var (admitted, hold, release) = Admit();
        if (!admitted)
        {
            Interlocked.Increment(ref _tooManyRequests);
            http.Response.StatusCode = 429;
            await http.Response.WriteAsync("""{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}""").ConfigureAwait(false);
            return;
        }

        if (hold)
        {
            Interlocked.Increment(ref _held);
            var process = await release.ConfigureAwait(false);
            Interlocked.Decrement(ref _held);
            if (!process)
            {
                http.Abort(); // never processed: the sender sees a broken connection, if it is still alive
                return;
            }
        }

        Record(chat, body.RootElement.TryGetProperty("text", out var text) ? text.GetString() ?? string.Empty : string.Empty);
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $$$"""{"ok":true,"result":{"message_id":{{{Interlocked.Read(ref _recorded)}}},"date":{{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}},"chat":{"id":{{{chat}}},"type":"{{{(chat > 0 ? "private" : "supergroup")}}}"},"text":"ok"}}""");
        await http.Response.WriteAsync(message).ConfigureAwait(false);
    }

    /// <summary>Whether the rate limit lets this send through, and whether it must be held.</summary>
    private (bool Admitted, bool Hold, Task<bool> Release) Admit()
    {
        lock (_gate)
        {
            if (_ratePerSecond > 0)
            {
                var now = Stopwatch.GetTimestamp();
                _tokens = Math.Min(Math.Max(1, _ratePerSecond), _tokens + (Stopwatch.GetElapsedTime(_refilledAt, now).TotalSeconds * _ratePerSecond));
                _refilledAt = now;
                if (_tokens < 1)
                {
                    return (false, false, Task.FromResult(false));
                }

                _tokens -= 1;
            }

            _admitted++;
            return (true, _holdAfter is { } after && _admitted > after, _release.Task);
        }
    }

    private void Record(long chat, string text)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.CompareExchange(ref _firstAt, now, 0);
        Interlocked.Exchange(ref _lastAt, now);
        _perChat.AddOrUpdate(chat, 1, (_, n) => n + 1);
        if (_keepTexts)
        {
            _texts.Enqueue((chat, text));
        }

        Interlocked.Increment(ref _recorded);
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseHeld(process: false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

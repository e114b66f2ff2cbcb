using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StudyBot.Discord.Tests.Fakes;

/// <summary>A request the fake Discord received.</summary>
public sealed record RecordedRequest(string Method, string Path, string Body, IReadOnlyDictionary<string, string> Headers, DateTimeOffset At)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    /// <summary>The body's bytes as sent (a multipart upload is binary).</summary>
    public byte[] RawBody { get; init; } = [];
}

/// <summary>A scripted answer for the next request whose path contains <see cref="PathContains"/>.</summary>
public sealed record ScriptedResponse(string PathContains, int Status, string Body = "{}", IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// Discord's REST API v10 as far as StudyBot uses it, on a real Kestrel at 127.0.0.1 (a free port): records
/// every request and answers as Discord would, or with a scripted 429/5xx/401 and rate-limit headers.
/// </summary>
public sealed class FakeDiscordServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly List<ScriptedResponse> _script = [];
    private readonly Lock _scriptLock = new();

    private FakeDiscordServer(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public Uri ApiBaseUrl => new(BaseUrl, "/api/v10/");

    /// <summary>What GET /gateway/bot returns as the gateway URL.</summary>
    public Uri? GatewayUrl { get; set; }

    /// <summary>Headers added to every default (unscripted) answer, e.g. X-RateLimit-* for bucket tests.</summary>
    public Func<RecordedRequest, IReadOnlyDictionary<string, string>?>? DefaultHeaders { get; set; }

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public static async Task<FakeDiscordServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeDiscordServer(app);
        app.Map("/api/v10/{**path}", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseUrl = new Uri(address);
        return server;
    }

    public void Script(params ScriptedResponse[] responses)
    {
        lock (_scriptLock)
        {
            _script.AddRange(responses);
        }
    }

    public IReadOnlyList<RecordedRequest> RequestsTo(string pathContains) =>
        Requests.Where(r => r.Path.Contains(pathContains, StringComparison.Ordinal)).ToList();

    /// <summary>Waits (at most <paramref name="timeout"/>) until <paramref name="count"/> requests match.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForAsync(Func<RecordedRequest, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var found = Requests.Where(match).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"expected {count} matching request(s), saw: {string.Join(", ", Requests.Select(r => r.Method + " " + r.Path))}");
            }

            await Task.Delay(20);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var raw = new MemoryStream();
        await request.Body.CopyToAsync(raw, context.RequestAborted);
        var body = Encoding.UTF8.GetString(raw.ToArray());
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(request.Method, request.Path.Value!["/api/v10/".Length..], body, headers, DateTimeOffset.UtcNow) { RawBody = raw.ToArray() };
        _requests.Enqueue(recorded);

        ScriptedResponse? scripted = null;
        lock (_scriptLock)
        {
            var index = _script.FindIndex(s => recorded.Path.Contains(s.PathContains, StringComparison.Ordinal));
            if (index >= 0)
            {
                scripted = _script[index];
                _script.RemoveAt(index);
            }
        }

        var (status, json, extra) = scripted is null ? Default(recorded) : (scripted.Status, scripted.Body, scripted.Headers);
        foreach (var (name, value) in extra ?? DefaultHeaders?.Invoke(recorded) ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        context.Response.StatusCode = status;
        if (status != StatusCodes.Status204NoContent)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json, context.RequestAborted);
        }
    }

    private (int Status, string Body, IReadOnlyDictionary<string, string>? Headers) Default(RecordedRequest request)
    {
        var path = request.Path;
        return (request.Method, path) switch
        {
            ("POST", _) when path.StartsWith("interactions/", StringComparison.Ordinal) => (204, "", null),
            ("DELETE", _) => (204, "", null),
            ("PATCH", _) when path.EndsWith("/messages/@original", StringComparison.Ordinal) => (200, """{"id":"900"}""", null),
            ("POST", _) when path.StartsWith("webhooks/", StringComparison.Ordinal) => (200, """{"id":"901"}""", null),
            ("POST", _) when path.StartsWith("channels/", StringComparison.Ordinal) => (200, $$"""{"id":"902","channel_id":"{{path.Split('/')[1]}}"}""", null),
            ("POST", "users/@me/channels") => (200, $$"""{"id":"{{DirectMessageChannelFor(request.Json?["recipient_id"]?.GetValue<string>() ?? "")}}","type":1}""", null),
            ("PUT", _) when path.EndsWith("/commands", StringComparison.Ordinal) => (200, Registered(request.Body), null),
            ("GET", "gateway/bot") => (200, $$$"""{"url":"{{{GatewayUrl}}}","shards":1,"session_start_limit":{"total":1000,"remaining":999,"reset_after":0,"max_concurrency":1}}""", null),
            _ => (404, """{"message":"Unknown route","code":0}""", null),
        };
    }

    /// <summary>The id of the DM channel the fake opens for a user (a recognisable function of the user id).</summary>
    public static string DirectMessageChannelFor(string userId) => "7" + userId;

    private static string Registered(string body)
    {
        var commands = JsonNode.Parse(body)!.AsArray();
        var result = new JsonArray();
        var id = 1000;
        foreach (var command in commands)
        {
            result.Add(new JsonObject { ["id"] = (id++).ToString(System.Globalization.CultureInfo.InvariantCulture), ["name"] = command!["name"]!.GetValue<string>() });
        }

        return result.ToJsonString(new JsonSerializerOptions());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StudyBot.Grading.OpenAI.Tests.Fakes;

/// <summary>One chat completion request as the fake server saw it.</summary>
public sealed partial record FakeChatRequest(int Number, DateTimeOffset ReceivedAt, JsonObject Body, string? Authorization)
{
    public string? Model => Body["model"]?.GetValue<string>();

    /// <summary>"json_schema", "json_object", or null.</summary>
    public string? ResponseFormat => Body["response_format"]?["type"]?.GetValue<string>();

    public JsonNode? Schema => Body["response_format"]?["json_schema"]?["schema"];

    public IReadOnlyList<(string Role, string Content)> Messages =>
        Body["messages"]!.AsArray().Select(m => (m!["role"]!.GetValue<string>(), Content(m["content"]))).ToList();

    public string System => Messages.First(m => m.Role == "system").Content;

    public string User => Messages.First(m => m.Role == "user").Content;

    /// <summary>The learner's answer between the nonce markers of the first user message.</summary>
    public string Answer
    {
        get
        {
            var match = AnswerFence().Match(User);
            return match.Success ? match.Groups["answer"].Value : throw new InvalidOperationException("No fenced answer in the prompt.");
        }
    }

    public IReadOnlyList<string> KeyPointIds => KeyPointLine().Matches(User).Select(m => m.Groups["id"].Value).ToList();

    private static string Content(JsonNode? content) => content switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>())),
        _ => string.Empty,
    };

    [GeneratedRegex(@"<<<ANSWER (?<nonce>[0-9a-f]+)>>>\n(?<answer>.*)\n<<<END \k<nonce>>>>", RegexOptions.Singleline)]
    private static partial Regex AnswerFence();

    [GeneratedRegex(@"^- (?<id>[A-Za-z0-9_-]+): ", RegexOptions.Multiline)]
    private static partial Regex KeyPointLine();
}

/// <summary>What the fake server answers: a status, a body, headers, after a delay.</summary>
public sealed record FakeReply(int Status, string Body, TimeSpan Delay = default, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static FakeReply Completion(string content, TimeSpan delay = default, int promptTokens = 321, int completionTokens = 45)
    {
        var body = new JsonObject
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion",
            ["created"] = 1_772_409_600,
            ["model"] = "fake-model",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                ["finish_reason"] = "stop",
                ["logprobs"] = null,
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = promptTokens,
                ["completion_tokens"] = completionTokens,
                ["total_tokens"] = promptTokens + completionTokens,
            },
        };
        return new FakeReply(200, body.ToJsonString(), delay);
    }

    /// <summary>A well-formed verdict per key point, as a structured-output model returns it.</summary>
    public static FakeReply Verdicts(IEnumerable<(string Id, bool Met, string Quote)> verdicts, TimeSpan delay = default) =>
        Completion(VerdictJson(verdicts), delay);

    public static string VerdictJson(IEnumerable<(string Id, bool Met, string Quote)> verdicts, JsonObject? extra = null)
    {
        var root = extra ?? [];
        root["key_points"] = new JsonArray(verdicts.Select(v => (JsonNode)new JsonObject { ["id"] = v.Id, ["met"] = v.Met, ["quote"] = v.Quote }).ToArray());
        return root.ToJsonString();
    }

    public static FakeReply Error(int status, string message, TimeSpan? retryAfter = null) => new(
        status,
        new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = "invalid_request_error", ["param"] = null, ["code"] = null } }.ToJsonString(),
        Headers: retryAfter is { } wait ? new Dictionary<string, string> { ["Retry-After"] = ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture) } : null);
}

/// <summary>
/// An OpenAI-compatible endpoint (POST /v1/chat/completions) on a real Kestrel at 127.0.0.1 and a free port, whose
/// answers the test scripts. It records every request and the most requests it ever had in flight at once.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeChatRequest> _requests = new();
    private int _count;
    private int _inFlight;
    private int _maxInFlight;

    private FakeOpenAiServer(WebApplication app, Func<FakeChatRequest, FakeReply> respond)
    {
        _app = app;
        Respond = respond;
    }

    /// <summary>The model's behaviour; tests may swap it between calls.</summary>
    public Func<FakeChatRequest, FakeReply> Respond { get; set; }

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<FakeChatRequest> Requests => _requests.OrderBy(r => r.Number).ToList();

    public int RequestCount => Volatile.Read(ref _count);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public static async Task<FakeOpenAiServer> StartAsync(Func<FakeChatRequest, FakeReply> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeOpenAiServer(app, respond);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/v1");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        try
        {
            int max;
            while (inFlight > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, inFlight, max) != max)
            {
            }

            var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false))!;
            var request = new FakeChatRequest(Interlocked.Increment(ref _count), DateTimeOffset.UtcNow, body, context.Request.Headers.Authorization.ToString());
            _requests.Enqueue(request);
            var reply = Respond(request);
            if (reply.Delay > TimeSpan.Zero)
            {
                await Task.Delay(reply.Delay, context.RequestAborted).ConfigureAwait(false);
            }

            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/json";
            foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            await context.Response.WriteAsync(reply.Body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (its timeout): nothing to answer.
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}

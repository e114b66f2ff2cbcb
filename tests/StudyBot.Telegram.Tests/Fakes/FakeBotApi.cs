using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StudyBot.Telegram.Tests.Fakes;

/// <summary>A failure the fake answers with instead of success.</summary>
public sealed record InjectedFailure(int Status, string Description, int? RetryAfter = null, long? MigrateToChatId = null, bool NotJson = false);

/// <summary>A file the bot uploaded in a multipart request.</summary>
public sealed record UploadedFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// A small Bot API server on 127.0.0.1 (real Kestrel, /bot{token}/{method}) that the real Telegram.Bot client talks
/// to. It records every call, answers like Telegram does, serves queued updates to getUpdates (long polling), and
/// has switches for 429, 5xx, 403 "blocked", refused start-up methods and chat administrators.
/// </summary>
public sealed class FakeBotApi : IAsyncDisposable
{
    public const long BotId = 7000001;
    public const string BotUsername = "StudyBot";
    public const string Token = "7000001:TEST_token-abcdefghijklmnopqrstuvwxyz";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ApiCall> _calls = new();
    private readonly ConcurrentQueue<(string Method, JsonObject Fields, IReadOnlyDictionary<string, UploadedFile> Files)> _uploads = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<InjectedFailure>> _failures = new(StringComparer.Ordinal);
    private readonly Lock _updatesGate = new();
    private readonly List<JsonObject> _pendingUpdates = [];
    private readonly SemaphoreSlim _updateArrived = new(0);
    private int _nextMessageId = 500;
    private int _nextPollId = 1;
    private int _getUpdatesInFlight;

    private FakeBotApi(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentDictionary<long, bool> BlockedChats { get; } = new();

    /// <summary>Chats whose sends are answered 429 with this retry_after (seconds) for as long as they are listed.</summary>
    public ConcurrentDictionary<long, int> RateLimitedChats { get; } = new();

    /// <summary>(chat, user) → "creator", "administrator", "member", …; unknown pairs are members.</summary>
    public ConcurrentDictionary<(long Chat, long User), string> MemberStatus { get; } = new();

    /// <summary>Methods answered 404 "method not found", as an emulated Bot API server might.</summary>
    public ConcurrentDictionary<string, bool> RefusedMethods { get; } = new(StringComparer.Ordinal);

    /// <summary>True if two getUpdates were ever in flight at once (Telegram answers that with 409).</summary>
    public bool ConcurrentPollingSeen { get; private set; }

    public IReadOnlyList<ApiCall> Calls => [.. _calls];

    public IReadOnlyList<ApiCall> CallsTo(string method) => _calls.Where(c => c.Method == method).ToList();

    /// <summary>Every multipart request (a file upload): method, form fields, files by field name.</summary>
    public IReadOnlyList<(string Method, JsonObject Fields, IReadOnlyDictionary<string, UploadedFile> Files)> Uploads => [.. _uploads];

    public IReadOnlyList<ApiCall> Sent(long chatId) => _calls.Where(c => c.Succeeded && c.Method is "sendMessage" or "sendPoll" && c.ChatId == chatId).ToList();

    public static async Task<FakeBotApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeBotApi(app);
        app.Map("/bot{token}/{method}", fake.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = new Uri(address);
        return fake;
    }

    public void FailNext(string method, InjectedFailure failure, int times = 1)
    {
        var queue = _failures.GetOrAdd(method, _ => new ConcurrentQueue<InjectedFailure>());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue(failure);
        }
    }

    /// <summary>Queues an update for getUpdates; Telegram drops it once a poller confirms a later offset.</summary>
    public void QueueUpdate(string updateJson)
    {
        var update = JsonNode.Parse(updateJson)!.AsObject();
        lock (_updatesGate)
        {
            _pendingUpdates.Add(update);
            _updateArrived.Release();
        }
    }

    /// <summary>Waits until the calls satisfy <paramref name="condition"/>; fails the test after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<ApiCall>> WaitForAsync(Func<IReadOnlyList<ApiCall>, bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var calls = Calls;
            if (condition(calls))
            {
                return calls;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Fake Bot API: timed out waiting for {what ?? "calls"}; saw: {string.Join(", ", calls.Select(c => c.Method + "(" + c.ChatId + ")"))}");
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for <paramref name="count"/> sends (messages and polls) to a chat and returns them.</summary>
    public async Task<IReadOnlyList<ApiCall>> WaitForSentAsync(long chatId, int count, TimeSpan? timeout = null)
    {
        await WaitForAsync(_ => Sent(chatId).Count >= count, timeout, $"{count} sends to {chatId}").ConfigureAwait(false);
        return Sent(chatId);
    }

    private async Task HandleAsync(HttpContext http, string token, string method)
    {
        var body = new JsonObject();
        var files = new Dictionary<string, UploadedFile>(StringComparer.Ordinal);
        if (http.Request.HasFormContentType)
        {
            // A file upload (sendPhoto): multipart form fields, JSON-valued ones (reply_markup) parsed, ids as numbers.
            var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
            foreach (var (name, value) in form)
            {
                var text = value.ToString();
                body[name] = text.StartsWith('{') || text.StartsWith('[') ? JsonNode.Parse(text)
                    : name.EndsWith("_id", StringComparison.Ordinal) && long.TryParse(text, out var number) ? JsonValue.Create(number)
                    : JsonValue.Create(text);
            }

            foreach (var file in form.Files)
            {
                using var content = new MemoryStream();
                await file.CopyToAsync(content, http.RequestAborted).ConfigureAwait(false);
                files[file.Name] = new UploadedFile(file.FileName, file.ContentType, content.ToArray());
            }

            _uploads.Enqueue((method, body, files));
        }
        else if (http.Request.ContentLength is null or > 0)
        {
            using var reader = new StreamReader(http.Request.Body);
            var text = await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
            if (text.Length > 0)
            {
                body = JsonNode.Parse(text)!.AsObject();
            }
        }

        if (token != Token)
        {
            await WriteAsync(http, method, body, 401, Error(401, "Unauthorized")).ConfigureAwait(false);
            return;
        }

        if (RefusedMethods.ContainsKey(method))
        {
            await WriteAsync(http, method, body, 404, Error(404, "Not Found: method not found")).ConfigureAwait(false);
            return;
        }

        if (_failures.TryGetValue(method, out var queue) && queue.TryDequeue(out var failure))
        {
            if (failure.NotJson)
            {
                _calls.Enqueue(new ApiCall(method, body, DateTimeOffset.UtcNow, failure.Status));
                http.Response.StatusCode = failure.Status;
                http.Response.ContentType = "text/html";
                await http.Response.WriteAsync("<html><body>" + failure.Description + "</body></html>", http.RequestAborted).ConfigureAwait(false);
                return;
            }

            var error = Error(failure.Status, failure.Description);
            if (failure.RetryAfter is not null || failure.MigrateToChatId is not null)
            {
                error["parameters"] = new JsonObject { ["retry_after"] = failure.RetryAfter, ["migrate_to_chat_id"] = failure.MigrateToChatId };
            }

            await WriteAsync(http, method, body, failure.Status, error).ConfigureAwait(false);
            return;
        }

        if (method is "sendMessage" or "sendPoll" or "sendPhoto" && body["chat_id"]?.GetValue<long>() is { } limited && RateLimitedChats.TryGetValue(limited, out var retryAfter))
        {
            var tooMany = Error(429, $"Too Many Requests: retry after {retryAfter}");
            tooMany["parameters"] = new JsonObject { ["retry_after"] = retryAfter };
            await WriteAsync(http, method, body, 429, tooMany).ConfigureAwait(false);
            return;
        }

        if (method is "sendMessage" or "sendPoll" or "sendPhoto" && body["chat_id"]?.GetValue<long>() is { } chat && BlockedChats.ContainsKey(chat))
        {
            await WriteAsync(http, method, body, 403, Error(403, chat > 0 ? "Forbidden: bot was blocked by the user" : "Forbidden: bot was kicked from the supergroup chat")).ConfigureAwait(false);
            return;
        }

        if (method == "getUpdates")
        {
            await GetUpdatesAsync(http, body).ConfigureAwait(false);
            return;
        }

        JsonNode result = method switch
        {
            "getMe" => new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "Study Bot", ["username"] = BotUsername },
            "sendMessage" => NewMessage(body, poll: null),
            "sendPoll" => NewMessage(body, poll: NewPoll(body)),
            "sendPhoto" => NewPhotoMessage(body),
            "getChatMember" => ChatMember(body),
            _ => JsonValue.Create(true),
        };
        await WriteAsync(http, method, body, 200, new JsonObject { ["ok"] = true, ["result"] = result }).ConfigureAwait(false);
    }

    private async Task GetUpdatesAsync(HttpContext http, JsonObject body)
    {
        if (Interlocked.Increment(ref _getUpdatesInFlight) > 1)
        {
            ConcurrentPollingSeen = true;
        }

        try
        {
            var offset = body["offset"]?.GetValue<long>() ?? 0;
            var limit = body["limit"]?.GetValue<int>() ?? 100;
            var timeout = TimeSpan.FromSeconds(Math.Min(body["timeout"]?.GetValue<int>() ?? 0, 5));
            var deadline = DateTime.UtcNow + timeout;
            JsonArray batch;
            while (true)
            {
                SemaphoreSlim arrived;
                lock (_updatesGate)
                {
                    _pendingUpdates.RemoveAll(u => u["update_id"]!.GetValue<long>() < offset); // confirmed
                    batch = [.. _pendingUpdates.OrderBy(u => u["update_id"]!.GetValue<long>()).Take(limit).Select(u => u.DeepClone())];
                    arrived = _updateArrived;
                }

                var left = deadline - DateTime.UtcNow;
                if (batch.Count > 0 || left <= TimeSpan.Zero)
                {
                    break;
                }

                try
                {
                    await arrived.WaitAsync(left, http.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            await WriteAsync(http, "getUpdates", body, 200, new JsonObject { ["ok"] = true, ["result"] = batch }).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _getUpdatesInFlight);
        }
    }

    private JsonObject NewMessage(JsonObject body, JsonObject? poll)
    {
        var chatId = body["chat_id"]!.GetValue<long>();
        var message = new JsonObject
        {
            ["message_id"] = Interlocked.Increment(ref _nextMessageId),
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = chatId > 0 ? "private" : "supergroup" },
            ["from"] = new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "Study Bot", ["username"] = BotUsername },
        };
        if (poll is null)
        {
            message["text"] = body["text"]?.DeepClone();
        }
        else
        {
            message["poll"] = poll;
        }

        return message;
    }

    private JsonObject NewPhotoMessage(JsonObject body)
    {
        var message = NewMessage(body, poll: null);
        message.Remove("text");
        message["caption"] = body["caption"]?.DeepClone();
        message["photo"] = new JsonArray(new JsonObject { ["file_id"] = "photo-" + message["message_id"], ["file_unique_id"] = "u" + message["message_id"], ["width"] = 800, ["height"] = 400 });
        return message;
    }

    private JsonObject NewPoll(JsonObject body) => new()
    {
        ["id"] = "poll-" + Interlocked.Increment(ref _nextPollId),
        ["question"] = body["question"]?.DeepClone(),
        ["options"] = new JsonArray([.. body["options"]!.AsArray().Select(o => (JsonNode)new JsonObject { ["text"] = o!["text"]!.DeepClone(), ["voter_count"] = 0 })]),
        ["total_voter_count"] = 0,
        ["is_closed"] = false,
        ["is_anonymous"] = body["is_anonymous"]?.GetValue<bool>() ?? true,
        ["type"] = body["type"]?.DeepClone() ?? "regular",
        ["allows_multiple_answers"] = false,
    };

    private JsonObject ChatMember(JsonObject body)
    {
        var chat = body["chat_id"]!.GetValue<long>();
        var user = body["user_id"]!.GetValue<long>();
        return new JsonObject
        {
            ["status"] = MemberStatus.GetValueOrDefault((chat, user), "member"),
            ["user"] = new JsonObject { ["id"] = user, ["is_bot"] = false, ["first_name"] = "User" + user },
        };
    }

    private static JsonObject Error(int code, string description) => new() { ["ok"] = false, ["error_code"] = code, ["description"] = description };

    private async Task WriteAsync(HttpContext http, string method, JsonObject body, int status, JsonObject response)
    {
        _calls.Enqueue(new ApiCall(method, body, DateTimeOffset.UtcNow, status, response["result"]?.DeepClone()));
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(response.ToJsonString(), http.RequestAborted).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _updateArrived.Dispose();
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Discord.Api.RateLimits;

namespace StudyBot.Discord.Api;

/// <summary>
/// Our own small client over Discord's HTTP API v10: typed requests with source-generated JSON, the rate
/// limit gate in front of every request, 429 and 5xx retries, and the invalid-request guard.
/// </summary>
public sealed partial class DiscordRestClient(
    IHttpClientFactory httpClientFactory,
    IOptions<DiscordOptions> options,
    RateLimitGate gate,
    InvalidRequestGuard guard,
    RestLimits limits,
    TimeProvider time,
    ILogger<DiscordRestClient> logger) : IDiscordRestClient
{
    public const string HttpClientName = "discord";

    private static DiscordJsonContext Json => DiscordJsonContext.Default;

    private string ApplicationId => options.Value.ApplicationId ?? throw new InvalidOperationException("Discord:ApplicationId is not set.");

    public Task CreateInteractionResponseAsync(string interactionId, string interactionToken, InteractionResponse response, CancellationToken cancellationToken) =>
        SendAsync(ApiRoute.InteractionCallback(interactionId, interactionToken), Body(response, Json.InteractionResponse), cancellationToken);

    public Task EditOriginalResponseAsync(string interactionToken, MessagePayload message, CancellationToken cancellationToken) =>
        SendAsync(ApiRoute.EditOriginal(ApplicationId, interactionToken), MessageBody(message), cancellationToken);

    public Task DeleteOriginalResponseAsync(string interactionToken, CancellationToken cancellationToken) =>
        SendAsync(ApiRoute.DeleteOriginal(ApplicationId, interactionToken), body: null, cancellationToken);

    public Task CreateFollowupAsync(string interactionToken, MessagePayload message, CancellationToken cancellationToken) =>
        SendAsync(ApiRoute.Followup(ApplicationId, interactionToken), MessageBody(message), cancellationToken);

    public Task<DiscordMessage> CreateMessageAsync(string channelId, MessagePayload message, CancellationToken cancellationToken) =>
        SendAsync(ApiRoute.CreateMessage(channelId), MessageBody(message), Json.DiscordMessage, cancellationToken);

    public async Task<IReadOnlyList<RegisteredCommand>> BulkOverwriteCommandsAsync(string? guildId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken) =>
        await SendAsync(ApiRoute.BulkOverwrite(ApplicationId, guildId), Body(commands.ToList(), Json.ListApplicationCommand), Json.ListRegisteredCommand, cancellationToken).ConfigureAwait(false);

    public Task<DiscordChannel> CreateDirectMessageChannelAsync(string recipientId, CancellationToken cancellationToken) =>
        SendAsync(ApiRoute.CreateDirectMessageChannel(), Body(new CreateDirectMessageRequest { RecipientId = recipientId }, Json.CreateDirectMessageRequest), Json.DiscordChannel, cancellationToken);

    public Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken) =>
        SendAsync(ApiRoute.GatewayBot(), body: null, Json.GatewayBotInfo, cancellationToken);

    private async Task SendAsync(ApiRoute route, RequestBody? body, CancellationToken cancellationToken)
    {
        using var response = await SendWithRetriesAsync(route, body, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> SendAsync<T>(ApiRoute route, RequestBody? body, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var response = await SendWithRetriesAsync(route, body, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync(typeInfo, cancellationToken).ConfigureAwait(false)
            ?? throw new DiscordApiException($"Discord {route}: empty response body");
    }

    private async Task<HttpResponseMessage> SendWithRetriesAsync(ApiRoute route, RequestBody? body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (guard.Blocked() is { } blockedFor)
            {
                LogInvalidRequestGuard(logger, route.ToString(), guard.Count);
                throw new DiscordRateLimitedException(route.ToString(), blockedFor, global: true);
            }

            HttpResponseMessage response;
            using (await gate.AcquireAsync(route, cancellationToken).ConfigureAwait(false))
            {
                response = await SendOnceAsync(route, body, cancellationToken).ConfigureAwait(false);
                gate.Observe(route, response.Headers);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var (retryAfter, global, shared) = await ReadRateLimitAsync(response, cancellationToken).ConfigureAwait(false);
                    if (!shared)
                    {
                        guard.Record(); // shared-resource limits do not count towards the ban
                    }

                    gate.TooManyRequests(route, retryAfter, global);
                    response.Dispose();
                    LogRateLimited(logger, route.ToString(), retryAfter.TotalMilliseconds, global, attempt);
                    if (attempt >= limits.MaxAttempts || retryAfter > limits.MaxRetryAfter)
                    {
                        throw new DiscordRateLimitedException(route.ToString(), retryAfter, global);
                    }

                    continue; // the gate holds the next attempt until the limit has passed
                }
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    guard.Record();
                }

                if ((int)response.StatusCode >= 500 && route.Idempotent && attempt < limits.MaxAttempts)
                {
                    LogServerError(logger, route.ToString(), (int)response.StatusCode, attempt);
                    await Task.Delay(limits.ServerErrorBackoff * Math.Pow(2, attempt - 1), time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
                throw new DiscordApiException(route.ToString(), response.StatusCode, error?.Code, error?.Message);
            }
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(ApiRoute route, RequestBody? body, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(route.Method, new Uri(BaseUrl(settings.ApiBaseUrl), route.Path));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body.Bytes); // the same bytes on every attempt
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(body.ContentType);
        }

        if (route.Authorized)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", settings.BotToken);
        }

        var http = httpClientFactory.CreateClient(HttpClientName);
        return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }

    private static RequestBody Body<T>(T value, JsonTypeInfo<T> typeInfo) => new(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), "application/json");

    /// <summary>
    /// A message as JSON, or, with files, as multipart/form-data: the JSON as payload_json and each file as files[n]
    /// (Discord's upload format). Built once into bytes, so every retry sends exactly the same request.
    /// </summary>
    private static RequestBody MessageBody(MessagePayload message)
    {
        if (message.Files is not { Count: > 0 } files)
        {
            return Body(message, Json.MessagePayload);
        }

        using var form = new MultipartFormDataContent("studybot-" + Guid.NewGuid().ToString("N"));
        var json = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(message, Json.MessagePayload));
        json.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(json, "payload_json");
        for (var i = 0; i < files.Count; i++)
        {
            var file = new ByteArrayContent(files[i].Content);
            file.Headers.ContentType = new MediaTypeHeaderValue(files[i].ContentType);
            form.Add(file, $"files[{i}]", files[i].FileName);
        }

        using var bytes = new MemoryStream();
        form.CopyTo(bytes, context: null, CancellationToken.None);
        return new RequestBody(bytes.ToArray(), form.Headers.ContentType!.ToString());
    }

    /// <summary>A request body and its content type.</summary>
    private sealed record RequestBody(byte[] Bytes, string ContentType);

    private static Uri BaseUrl(Uri configured) =>
        configured.AbsoluteUri.EndsWith('/') ? configured : new Uri(configured.AbsoluteUri + "/");

    private static async Task<(TimeSpan RetryAfter, bool Global, bool Shared)> ReadRateLimitAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var headers = response.Headers;
        var global = headers.TryGetValues("X-RateLimit-Global", out var g) && g.Any(v => v.Equals("true", StringComparison.OrdinalIgnoreCase));
        var shared = headers.TryGetValues("X-RateLimit-Scope", out var s) && s.Any(v => v.Equals("shared", StringComparison.OrdinalIgnoreCase));
        double? seconds = null;
        try
        {
            var body = await response.Content.ReadFromJsonAsync(Json.RateLimitedBody, cancellationToken).ConfigureAwait(false);
            if (body is not null)
            {
                seconds = body.RetryAfter;
                global |= body.Global;
            }
        }
        catch (JsonException)
        {
            // Cloudflare's own 429 has no JSON body; the Retry-After header still applies.
        }

        if (seconds is null or <= 0 && headers.TryGetValues("Retry-After", out var retry)
            && double.TryParse(retry.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var headerSeconds))
        {
            seconds = headerSeconds;
        }

        return (TimeSpan.FromSeconds(Math.Clamp(seconds ?? 1, 0, 3600)), global, shared);
    }

    private static async Task<ErrorBody?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(Json.ErrorBody, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null; // not JSON at all
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord {Route}: 429, retry after {RetryAfterMs} ms (global {Global}, attempt {Attempt})")]
    private static partial void LogRateLimited(ILogger logger, string route, double retryAfterMs, bool global, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord {Route}: {Status}, retrying (attempt {Attempt})")]
    private static partial void LogServerError(ILogger logger, string route, int status, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord {Route}: not sent, {Count} invalid requests (401/403/429) in the last 10 minutes")]
    private static partial void LogInvalidRequestGuard(ILogger logger, string route, int count);
}

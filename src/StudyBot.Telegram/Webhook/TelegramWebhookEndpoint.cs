using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Telegram.Inbox;
using StudyBot.Telegram.Updates;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace StudyBot.Telegram.Webhook;

/// <summary>
/// POST /telegram/webhook. A wrong or missing secret is 401 before the body is read; a body that is too large is
/// 413, one that is not an update is 400 (never 500). A valid update is stored in the inbox and answered 200 only
/// once its row is committed; the inbox handles it right after. An update stored before is not stored again (so it
/// is handled once); a database that cannot store it is 503, so Telegram delivers it again later.
/// </summary>
public static partial class TelegramWebhookEndpoint
{
    public const string Path = "/telegram/webhook";
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>Maps the endpoint when the adapter is on and in Webhook mode; otherwise nothing.</summary>
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetService<IOptions<TelegramOptions>>();
        if (endpoints.ServiceProvider.GetService<TelegramUpdateProcessor>() is null || options?.Value.Mode != TelegramMode.Webhook)
        {
            return endpoints; // adapter off, or polling
        }

        endpoints.MapPost(Path, HandleAsync).DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        InboxWriter inbox,
        WebhookSecret secret,
        IOptions<TelegramOptions> options,
        ILoggerFactory loggers)
    {
        if (!secret.Matches(http.Request.Headers[SecretHeader].FirstOrDefault()))
        {
            return Results.Unauthorized();
        }

        var maxBytes = options.Value.MaxUpdateBytes;
        if (http.Request.ContentLength > maxBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var body = await ReadAtMostAsync(http.Request.Body, maxBytes + 1, http.RequestAborted).ConfigureAwait(false);
        if (body.Length > maxBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (Parse(body) is not { } update)
        {
            return Results.BadRequest();
        }

        try
        {
            await inbox.StoreAsync(update.Id, Encoding.UTF8.GetString(body), http.RequestAborted).ConfigureAwait(false);
            return Results.Ok();
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable); // Telegram hung up; it will retry
        }
#pragma warning disable CA1031 // whatever kept the update from being stored, Telegram must send it again: never 200
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRetryLater(loggers.CreateLogger(typeof(TelegramWebhookEndpoint)), update.Id, ex.GetType().Name);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>The update, or null for anything that is not one (broken JSON, wrong shapes, no update_id).</summary>
    public static Update? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<Update>(json, JsonBotAPI.Options) is { Id: > 0 } update ? update : null;
        }
#pragma warning disable CA1031 // whatever the serializer throws on a bad body, the sender is at fault: 400
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <summary>A stored update's JSON as an update, or null (as <see cref="Parse(ReadOnlySpan{byte})"/>).</summary>
    public static Update? Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    private static async Task<byte[]> ReadAtMostAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit, 64 * 1024));
        try
        {
            using var collected = new MemoryStream();
            int read;
            while (collected.Length < limit && (read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - collected.Length)), cancellationToken).ConfigureAwait(false)) > 0)
            {
                collected.Write(buffer, 0, read);
            }

            return collected.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: update {UpdateId} not stored ({Reason}); answering 503 so Telegram retries")]
    private static partial void LogRetryLater(ILogger logger, int updateId, string reason);
}

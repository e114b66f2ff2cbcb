using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StudyBot.Discord.Api;

namespace StudyBot.Discord.Interactions;

/// <summary>
/// POST /discord/interactions: verifies the signature over the raw bytes before anything is parsed, then
/// answers. Bad signatures and stale timestamps are 401; malformed or unknown interactions 400; never 500.
/// </summary>
public static partial class InteractionEndpoint
{
    public const string Path = "/discord/interactions";

    /// <summary>Interactions are a few KiB; a larger body is refused before it is verified.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static IEndpointConventionBuilder MapDiscordInteractionEndpoint(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPost(Path, HandleAsync).DisableAntiforgery();
    }

    private static async Task<IResult> HandleAsync(HttpContext context, InteractionSignature signature, InteractionProcessor processor, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(InteractionEndpoint).FullName!);
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var body = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (!signature.IsValid(request.Headers["X-Signature-Ed25519"], request.Headers["X-Signature-Timestamp"], body))
        {
            LogRejected(logger);
            return Results.Unauthorized();
        }

        Interaction? interaction;
        try
        {
            interaction = JsonSerializer.Deserialize(body, DiscordJsonContext.Default.Interaction);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        if (interaction is null)
        {
            return Results.BadRequest();
        }

        // Deferred work may only edit the response once Discord has it.
        var acknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        context.Response.OnCompleted(() =>
        {
            acknowledged.TrySetResult();
            return Task.CompletedTask;
        });

        try
        {
            var response = await processor.RespondAsync(interaction, acknowledged.Task, context.RequestAborted).ConfigureAwait(false);
            return TypedResults.Json(response, DiscordJsonContext.Default.InteractionResponse);
        }
        catch (UnsupportedInteractionException ex)
        {
            LogUnsupported(logger, ex.Message);
            return Results.BadRequest();
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(request.ContentLength is { } length and > 0 ? (int)length : 4096);
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord interaction refused: missing or bad signature, or stale timestamp")]
    private static partial void LogRejected(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord interaction refused: {Reason}")]
    private static partial void LogUnsupported(ILogger logger, string reason);
}

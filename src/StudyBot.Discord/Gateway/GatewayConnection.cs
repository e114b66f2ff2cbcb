using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StudyBot.Discord.Api;

namespace StudyBot.Discord.Gateway;

/// <summary>
/// One gateway WebSocket from Hello to its end: Identify or Resume, heartbeats at Discord's interval (the
/// first one jittered), dispatches, and the reason it ended. A missing heartbeat ACK marks the connection
/// as a zombie: it is aborted and the session resumed on a new one.
/// </summary>
public sealed partial class GatewayConnection(
    WebSocket socket,
    GatewaySessionState state,
    string token,
    Func<Interaction, Task> onInteraction,
    ILogger logger) : IDisposable
{
    private const int MaxMessageBytes = 8 * 1024 * 1024;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private volatile bool _acknowledged = true;
    private volatile bool _zombie;

    /// <summary>READY or RESUMED arrived: the connection was healthy.</summary>
    public bool Ready { get; private set; }

    public async Task<GatewayOutcome> RunAsync(bool resume, CancellationToken cancellationToken)
    {
        var hello = await ReceiveAsync(cancellationToken).ConfigureAwait(false);
        if (hello is not { Op: GatewayOpcode.Hello })
        {
            return Closed();
        }

        var interval = TimeSpan.FromMilliseconds(hello.Data.GetProperty("heartbeat_interval").GetDouble());
        if (resume && state.SessionId is { } sessionId)
        {
            await SendAsync(GatewayMessages.Resume(token, sessionId, state.Sequence), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await SendAsync(GatewayMessages.Identify(token), cancellationToken).ConfigureAwait(false);
        }

        using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = HeartbeatAsync(interval, heartbeatStop.Token);
        try
        {
            while (true)
            {
                var payload = await ReceiveAsync(cancellationToken).ConfigureAwait(false);
                if (payload is null)
                {
                    return Closed();
                }

                switch (payload.Op)
                {
                    case GatewayOpcode.Dispatch:
                        Dispatch(payload);
                        break;
                    case GatewayOpcode.Heartbeat:
                        await SendAsync(GatewayMessages.Heartbeat(state.Sequence), cancellationToken).ConfigureAwait(false);
                        break;
                    case GatewayOpcode.HeartbeatAck:
                        _acknowledged = true;
                        break;
                    case GatewayOpcode.Reconnect:
                        LogReconnectRequested(logger);
                        await CloseForResumeAsync().ConfigureAwait(false);
                        return GatewayOutcome.Resume;
                    case GatewayOpcode.InvalidSession:
                        var resumable = payload.Data.ValueKind == JsonValueKind.True;
                        LogInvalidSession(logger, resumable);
                        await CloseForResumeAsync().ConfigureAwait(false);
                        return resumable ? GatewayOutcome.Resume : GatewayOutcome.Identify;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException || (ex is OperationCanceledException && _zombie && !cancellationToken.IsCancellationRequested))
        {
            LogDropped(logger, _zombie ? "no heartbeat ACK" : ex.GetType().Name);
            return GatewayOutcome.Resume;
        }
        finally
        {
            await heartbeatStop.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void Dispatch(GatewayPayload payload)
    {
        if (payload.Sequence is { } sequence)
        {
            state.Sequence = sequence;
        }

        switch (payload.EventName)
        {
            case "READY":
                state.SessionId = payload.Data.GetProperty("session_id").GetString();
                state.ResumeUrl = new Uri(payload.Data.GetProperty("resume_gateway_url").GetString()!);
                Ready = true;
                LogReady(logger);
                break;
            case "RESUMED":
                Ready = true;
                LogResumed(logger, state.Sequence ?? 0);
                break;
            case "INTERACTION_CREATE":
                Interaction? interaction;
                try
                {
                    interaction = payload.Data.Deserialize(DiscordJsonContext.Default.Interaction);
                }
                catch (JsonException)
                {
                    interaction = null;
                }

                if (interaction is not null)
                {
                    _ = onInteraction(interaction); // tracked and answered by the handler; the loop keeps reading
                }

                break;
        }
    }

    private async Task HeartbeatAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        // The first heartbeat is jittered so many clients reconnecting at once do not beat in step.
        await Task.Delay(interval * Random.Shared.NextDouble(), cancellationToken).ConfigureAwait(false);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!_acknowledged)
            {
                _zombie = true;
                socket.Abort(); // the receive loop ends with an exception and the session is resumed
                return;
            }

            _acknowledged = false;
            await SendAsync(GatewayMessages.Heartbeat(state.Sequence), cancellationToken).ConfigureAwait(false);
            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
        }
    }

    private GatewayOutcome Closed()
    {
        var code = (int?)socket.CloseStatus;
        LogClosed(logger, code ?? 0, socket.CloseStatusDescription ?? "");
        switch (code)
        {
            case 4004 or 4010 or 4011 or 4012 or 4013 or 4014:
                return GatewayOutcome.Fatal; // authentication failed, bad shard, API version or intents
            case 4007 or 4009:
                return GatewayOutcome.Identify; // invalid sequence, session timed out
            default:
                return GatewayOutcome.Resume;
        }
    }

    /// <summary>Closes with a non-1000 code: a normal close would end the session and prevent resuming.</summary>
    private async Task CloseForResumeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync((WebSocketCloseStatus)4900, "reconnecting", timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            socket.Abort();
        }
    }

    private async Task SendAsync(byte[] message, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task<GatewayPayload?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var message = new MemoryStream();
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                message.Write(buffer, 0, result.Count);
                if (message.Length > MaxMessageBytes)
                {
                    throw new WebSocketException(WebSocketError.Faulted, "gateway message too large");
                }

                if (result.EndOfMessage)
                {
                    break;
                }
            }

            try
            {
                return GatewayPayload.Parse(message.GetBuffer().AsSpan(0, (int)message.Length));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new WebSocketException(WebSocketError.InvalidMessageType, "malformed gateway payload", ex);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose() => _sendLock.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway: ready")]
    private static partial void LogReady(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway: resumed at sequence {Sequence}")]
    private static partial void LogResumed(ILogger logger, long sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway: reconnect requested")]
    private static partial void LogReconnectRequested(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway: invalid session (resumable {Resumable})")]
    private static partial void LogInvalidSession(ILogger logger, bool resumable);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway: connection dropped ({Reason})")]
    private static partial void LogDropped(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway: closed by Discord ({Code} {Description})")]
    private static partial void LogClosed(ILogger logger, int code, string description);
}

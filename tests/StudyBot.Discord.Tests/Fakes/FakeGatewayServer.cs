using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StudyBot.Discord.Tests.Fakes;

/// <summary>
/// Discord's gateway on a real Kestrel WebSocket at 127.0.0.1: Hello, heartbeat ACKs (switchable), READY on
/// Identify, RESUMED on Resume of a known session; the test can dispatch events, drop the connection,
/// invalidate the session or close with a code.
/// </summary>
public sealed class FakeGatewayServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<GatewaySocket> _connections = new();
    private readonly ConcurrentDictionary<string, byte> _sessions = new();
    private int _sessionCount;

    private FakeGatewayServer(WebApplication app)
    {
        _app = app;
    }

    public Uri Url { get; private set; } = null!;

    public int HeartbeatIntervalMs { get; set; } = 300;

    public bool AckHeartbeats { get; set; } = true;

    public IReadOnlyList<GatewaySocket> Connections => _connections.ToArray();

    public GatewaySocket Current => _connections.Last();

    public static async Task<FakeGatewayServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeGatewayServer(app);
        app.UseWebSockets();
        app.Map("/gateway", server.AcceptAsync);
        app.Map("/resume", server.AcceptAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.Url = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/gateway");
        return server;
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> connections have been made.</summary>
    public async Task<GatewaySocket> WaitForConnectionAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (_connections.Count < count)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"expected {count} gateway connection(s), saw {_connections.Count}");
            await Task.Delay(20);
        }

        return _connections.ToArray()[count - 1];
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var connection = new GatewaySocket(socket, context.Request.Path + context.Request.QueryString);
        _connections.Enqueue(connection);
        await connection.SendAsync(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = HeartbeatIntervalMs } });
        await foreach (var payload in connection.ReadAllAsync(context.RequestAborted))
        {
            switch (payload["op"]!.GetValue<int>())
            {
                case 1 when AckHeartbeats:
                    await connection.SendAsync(new JsonObject { ["op"] = 11 });
                    break;
                case 2:
                    var session = "session-" + Interlocked.Increment(ref _sessionCount);
                    _sessions[session] = 0;
                    await connection.DispatchAsync("READY", new JsonObject
                    {
                        ["v"] = 10,
                        ["session_id"] = session,
                        ["resume_gateway_url"] = Url.ToString().Replace("/gateway", "/resume", StringComparison.Ordinal),
                        ["user"] = new JsonObject { ["id"] = "1", ["username"] = "studybot", ["bot"] = true },
                        ["guilds"] = new JsonArray(),
                    });
                    break;
                case 6 when _sessions.ContainsKey(payload["d"]!["session_id"]!.GetValue<string>()):
                    connection.Sequence = payload["d"]!["seq"]?.GetValue<long>() ?? 0;
                    await connection.DispatchAsync("RESUMED", new JsonObject());
                    break;
                case 6:
                    await connection.SendAsync(new JsonObject { ["op"] = 9, ["d"] = false });
                    break;
            }
        }
    }

    /// <summary>Forgets every session, so a Resume fails (as after Discord's session timeout).</summary>
    public void ForgetSessions() => _sessions.Clear();

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            connection.Drop();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One accepted gateway connection: what the bot sent, and the test's controls.</summary>
public sealed class GatewaySocket(WebSocket socket, string path) : IDisposable
{
    private readonly ConcurrentQueue<JsonNode> _received = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    public string Path => path;

    public long Sequence { get; set; }

    public IReadOnlyList<JsonNode> Received => _received.ToArray();

    public IReadOnlyList<JsonNode> ReceivedOp(int op) => Received.Where(p => p["op"]!.GetValue<int>() == op).ToList();

    public async Task<JsonNode> WaitForOpAsync(int op, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (ReceivedOp(op).Count < count)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"expected op {op} x{count}; got ops {string.Join(",", Received.Select(p => p["op"]))}");
            await Task.Delay(20);
        }

        return ReceivedOp(op)[count - 1];
    }

    public Task DispatchAsync(string name, JsonNode data) =>
        SendAsync(new JsonObject { ["op"] = 0, ["t"] = name, ["s"] = ++Sequence, ["d"] = data });

    public async Task SendAsync(JsonNode payload)
    {
        await _sendLock.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(payload.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public void Dispose() => _sendLock.Dispose();

    /// <summary>Ends the TCP connection without a close frame (a network drop).</summary>
    public void Drop() => socket.Abort();

    public Task CloseAsync(int code) => socket.CloseOutputAsync((WebSocketCloseStatus)code, "closed by test", CancellationToken.None);

    internal async IAsyncEnumerable<JsonNode> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            try
            {
                do
                {
                    result = await socket.ReceiveAsync(buffer, cancellationToken);
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                yield break;
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                yield break;
            }

            var payload = JsonNode.Parse(message.ToArray())!;
            _received.Enqueue(payload);
            yield return payload;
        }
    }
}

using System.Buffers;
using System.Text.Json;

namespace StudyBot.Discord.Gateway;

/// <summary>Gateway opcodes (Discord API v10) that StudyBot sends or handles.</summary>
public static class GatewayOpcode
{
    public const int Dispatch = 0;
    public const int Heartbeat = 1;
    public const int Identify = 2;
    public const int Resume = 6;
    public const int Reconnect = 7;
    public const int InvalidSession = 9;
    public const int Hello = 10;
    public const int HeartbeatAck = 11;
}

/// <summary>One received gateway payload: op, data, sequence number and event name.</summary>
public sealed record GatewayPayload(int Op, JsonElement Data, long? Sequence, string? EventName)
{
    public static GatewayPayload Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var op = root.GetProperty("op").GetInt32();
        var data = root.TryGetProperty("d", out var d) ? d.Clone() : default;
        long? sequence = root.TryGetProperty("s", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : null;
        var name = root.TryGetProperty("t", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return new GatewayPayload(op, data, sequence, name);
    }
}

/// <summary>The payloads we send, written by hand: "d" must be able to be null (heartbeat before any event).</summary>
public static class GatewayMessages
{
    /// <summary>
    /// No intents: interactions reach the bot whatever the intents, and StudyBot reads no other gateway events,
    /// so it asks for nothing (certainly no privileged intent).
    /// </summary>
    public const int Intents = 0;

    public static byte[] Heartbeat(long? sequence) => Write(GatewayOpcode.Heartbeat, writer =>
    {
        if (sequence is { } s)
        {
            writer.WriteNumberValue(s);
        }
        else
        {
            writer.WriteNullValue();
        }
    });

    public static byte[] Identify(string token) => Write(GatewayOpcode.Identify, writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("token", token);
        writer.WriteNumber("intents", Intents);
        writer.WriteStartObject("properties");
        writer.WriteString("os", Environment.OSVersion.Platform.ToString().ToLowerInvariant());
        writer.WriteString("browser", "studybot");
        writer.WriteString("device", "studybot");
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    public static byte[] Resume(string token, string sessionId, long? sequence) => Write(GatewayOpcode.Resume, writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("token", token);
        writer.WriteString("session_id", sessionId);
        if (sequence is { } s)
        {
            writer.WriteNumber("seq", s);
        }
        else
        {
            writer.WriteNull("seq");
        }

        writer.WriteEndObject();
    });

    private static byte[] Write(int op, Action<Utf8JsonWriter> data)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("op", op);
            writer.WritePropertyName("d");
            data(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>What survives a reconnect: enough to resume the session.</summary>
public sealed class GatewaySessionState
{
    public string? SessionId { get; set; }

    public Uri? ResumeUrl { get; set; }

    public long? Sequence { get; set; }

    public bool CanResume => SessionId is not null && ResumeUrl is not null;

    public void Reset()
    {
        SessionId = null;
        ResumeUrl = null;
        Sequence = null;
    }
}

/// <summary>How a connection ended, and so what the next one does.</summary>
public enum GatewayOutcome
{
    /// <summary>Reconnect and resume (a drop, op 7, a zombie connection, a resumable invalid session).</summary>
    Resume,

    /// <summary>Reconnect with a fresh Identify (the session is gone).</summary>
    Identify,

    /// <summary>Discord refused us for good (bad token, disallowed intents): stop.</summary>
    Fatal,
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using NSec.Cryptography;
using StudyBot.Testing;

namespace StudyBot.Host.Tests;

/// <summary>The Discord adapter inside the real program: settings checked at start, signed interactions answered, the register verb.</summary>
public sealed class DiscordProcessTests : IAsyncLifetime
{
    private const string Token = "discord-token-never-shown";
    private TestDatabase _database = null!;
    private string _content = null!;

    public async Task InitializeAsync()
    {
        _database = await TestCluster.CreateDatabaseAsync();
        _content = TestContent.Write(3);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private Dictionary<string, string?> Environment() => new()
    {
        ["ConnectionStrings__StudyBot"] = _database.ConnectionString,
        ["Discord__BotToken"] = Token,
        ["Discord__ApplicationId"] = "800000000000000001",
        ["Discord__ApiBaseUrl"] = $"http://127.0.0.1:{HostProcess.ClosedPort()}/api/v10", // nothing here: no test reaches Discord
    };

    [Fact]
    public async Task Run_verifies_signatures_and_answers_slash_commands()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var env = Environment();
        env["Discord__PublicKey"] = Convert.ToHexString(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        var port = HostProcess.ClosedPort();
        using var host = HostProcess.Start(["run", "--content", _content, "--urls", $"http://127.0.0.1:{port}"], env);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(20) };
        await host.WaitForLiveAsync(http);

        var (pingStatus, pong) = await PostAsync(http, key, """{"id":"1","type":1,"token":"t","version":1}""");
        var (forgedStatus, _) = await PostAsync(http, key, """{"id":"2","type":1,"token":"t","version":1}""", forge: true);
        var (todayStatus, today) = await PostAsync(http, key,
            """{"id":"3","type":2,"token":"t3","version":1,"channel_id":"55","guild_id":"66","member":{"user":{"id":"77","username":"ana"},"permissions":"0"},"locale":"en-US","data":{"name":"today","type":1}}""");

        host.Terminate();
        Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(HttpStatusCode.OK, pingStatus);
        Assert.Equal(1, pong!["type"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Unauthorized, forgedStatus);
        Assert.Equal(HttpStatusCode.OK, todayStatus);
        Assert.Equal(4, today!["type"]!.GetValue<int>());
        Assert.Contains("Lesson 1 title", today["data"]!["embeds"]![0]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, host.Stdout + host.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bot_token_without_a_public_key_is_one_clear_line_and_exit_one()
    {
        var (exit, stdout, stderr) = await HostProcess.RunAsync(["run", "--content", _content, "--urls", $"http://127.0.0.1:{HostProcess.ClosedPort()}"], Environment());

        Assert.Equal(1, exit);
        Assert.Contains("studybot: invalid configuration: Discord:PublicKey is required in Http mode", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_register_says_in_one_line_what_is_missing_or_what_failed()
    {
        var (noToken, _, noTokenErr) = await HostProcess.RunAsync(["commands", "register"], new Dictionary<string, string?> { ["Discord__BotToken"] = null });
        var (unreachable, _, unreachableErr) = await HostProcess.RunAsync(["commands", "register", "--guild", "700000000000000001"], Environment());

        Assert.Equal(1, noToken);
        Assert.Equal("commands register: Discord:BotToken (Discord__BotToken) is not set.", noTokenErr.Trim());
        Assert.Equal(1, unreachable);
        Assert.StartsWith("commands register: ", unreachableErr.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, unreachableErr, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(HttpClient http, Key key, string json, bool forge = false)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = SignatureAlgorithm.Ed25519.Sign(key, [.. Encoding.ASCII.GetBytes(timestamp), .. body]);
        if (forge)
        {
            signature[0] ^= 1;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Signature-Ed25519", Convert.ToHexStringLower(signature));
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}

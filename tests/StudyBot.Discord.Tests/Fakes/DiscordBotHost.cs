using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StudyBot.Core;
using StudyBot.Discord.Interactions;
using StudyBot.Testing;

namespace StudyBot.Discord.Tests.Fakes;

/// <summary>
/// The bot as the host runs it: the real core on a fresh test database, the Discord adapter and its endpoint
/// on a real Kestrel at 127.0.0.1, talking to a <see cref="FakeDiscordServer"/>; Discord's side signs requests.
/// </summary>
public sealed class DiscordBotHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TestDatabase? _database;

    private DiscordBotHost(WebApplication app, TestDatabase? database, string connectionString, FakeDiscordServer discord, InteractionSigner signer, Uri baseUrl)
    {
        _app = app;
        _database = database;
        ConnectionString = connectionString;
        Discord = discord;
        Signer = signer;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public FakeDiscordServer Discord { get; }

    public string ConnectionString { get; }

    public InteractionSigner Signer { get; }

    public Uri BaseUrl { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public Uri InteractionsUrl => new(BaseUrl, InteractionEndpoint.Path);

    /// <summary>Starts the bot (<paramref name="gatewayUrl"/>: what the fake's GET /gateway/bot names); with <paramref name="connectionString"/>, on another bot's database (a restart or a second replica).</summary>
    public static async Task<DiscordBotHost> StartAsync(Action<IServiceCollection>? services = null, IDictionary<string, string?>? settings = null, string? connectionString = null, Uri? gatewayUrl = null)
    {
        var database = connectionString is null ? await TestCluster.CreateDatabaseAsync() : null;
        connectionString ??= database!.ConnectionString;
        var discord = await FakeDiscordServer.StartAsync();
        discord.GatewayUrl = gatewayUrl;
        var signer = new InteractionSigner();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var configuration = new Dictionary<string, string?>
        {
            ["Discord:BotToken"] = "test-bot-token",
            ["Discord:ApplicationId"] = InteractionJson.ApplicationId,
            ["Discord:PublicKey"] = signer.PublicKeyHex,
            ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl.ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddStudyBotCore(TestContent.Catalog, connectionString);
        builder.Services.AddStudyBotDiscord(builder.Configuration);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapDiscordInteractions();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new DiscordBotHost(app, database, connectionString, discord, signer, new Uri(address));
    }

    /// <summary>Posts a signed interaction; returns the status and the parsed JSON body (null when empty).</summary>
    public async Task<(int Status, JsonNode? Body)> PostAsync(string json, DateTimeOffset? at = null, Func<string, string>? tamperSignature = null)
    {
        using var request = Signer.Request(InteractionsUrl, json, at, tamperSignature);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>
    /// Posts a signed interaction and returns what the member ends up seeing: the immediate message, or, when a
    /// busy machine made the bot defer, the edit of the original response (with the deferral's flags).
    /// </summary>
    public async Task<JsonNode> ReplyAsync(string json)
    {
        var (status, body) = await PostAsync(json);
        Assert.Equal(200, status);
        if (body!["type"]!.GetValue<int>() != 5)
        {
            return body;
        }

        var token = JsonNode.Parse(json)!["token"]!.GetValue<string>();
        var edit = (await Discord.WaitForAsync(r => r.Method == "PATCH" && r.Path.Contains("/" + token + "/", StringComparison.Ordinal)))[0];
        var message = edit.Json!.AsObject();
        message["flags"] = body["data"]?["flags"]?.DeepClone();
        return new JsonObject { ["type"] = 4, ["data"] = message.DeepClone() };
    }

    /// <summary>Posts raw bytes with headers as given (no signing).</summary>
    public async Task<int> PostRawAsync(string body, string? signature, string? timestamp)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, InteractionsUrl) { Content = new StringContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.Add("X-Signature-Ed25519", signature);
        }

        if (timestamp is not null)
        {
            request.Headers.Add("X-Signature-Timestamp", timestamp);
        }

        using var response = await Http.SendAsync(request);
        return (int)response.StatusCode;
    }

    /// <summary>Waits until deferred replies have been delivered to the fake Discord.</summary>
    public Task<bool> IdleAsync() => Services.GetRequiredService<InteractionWork>().WhenIdleAsync(TimeSpan.FromSeconds(20));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Discord.DisposeAsync();
        Signer.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

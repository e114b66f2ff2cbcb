using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StudyBot.Core;
using StudyBot.Discord;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Tests.Fakes;
using StudyBot.Testing;

namespace StudyBot.Benchmarks.Discord;

/// <summary>
/// The bot with its Discord endpoint on a real Kestrel at 127.0.0.1, the real core on a throwaway PostgreSQL,
/// and the tests' fake Discord REST API for deferred edits. Requests are signed like Discord signs them.
/// </summary>
public sealed class DiscordBenchHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TestDatabase _database;

    private DiscordBenchHost(WebApplication app, TestDatabase database, FakeDiscordServer discord, InteractionSigner signer, Uri url)
    {
        _app = app;
        _database = database;
        Discord = discord;
        Signer = signer;
        InteractionsUrl = url;
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public FakeDiscordServer Discord { get; }

    public InteractionSigner Signer { get; }

    public Uri InteractionsUrl { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<DiscordBenchHost> StartAsync(Action<IServiceCollection>? services = null)
    {
        var database = await TestCluster.CreateDatabaseAsync();
        var discord = await FakeDiscordServer.StartAsync();
        var signer = new InteractionSigner();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:BotToken"] = "bench-token",
            ["Discord:ApplicationId"] = InteractionJson.ApplicationId,
            ["Discord:PublicKey"] = signer.PublicKeyHex,
            ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl.ToString(),
        });
        builder.Services.AddStudyBotCore(TestContent.Catalog, database.ConnectionString);
        builder.Services.AddStudyBotDiscord(builder.Configuration);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapDiscordInteractions();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new DiscordBenchHost(app, database, discord, signer, new Uri(new Uri(address), InteractionEndpoint.Path));
    }

    /// <summary>One signed POST; returns the HTTP status and the interaction response type (0 when none).</summary>
    public async Task<(int Status, int Type)> PostAsync(string json)
    {
        using var request = Signer.Request(InteractionsUrl, json);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var type = body.Length > 0 && System.Text.Json.Nodes.JsonNode.Parse(body)?["type"] is { } t ? t.GetValue<int>() : 0;
        return ((int)response.StatusCode, type);
    }

    /// <summary>A request signed ahead of time (the signature stays valid for five minutes).</summary>
    public HttpRequestMessage Presigned(string json) => Signer.Request(InteractionsUrl, json);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Discord.DisposeAsync();
        Signer.Dispose();
        await _database.DisposeAsync();
    }
}

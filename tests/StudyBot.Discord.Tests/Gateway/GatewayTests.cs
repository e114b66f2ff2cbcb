using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Discord.Gateway;
using StudyBot.Discord.Tests.Fakes;

namespace StudyBot.Discord.Tests.Gateway;

/// <summary>Gateway mode against a fake gateway WebSocket and a fake REST API, both on 127.0.0.1.</summary>
public sealed class GatewayTests : IAsyncLifetime
{
    private FakeGatewayServer _gateway = null!;
    private DiscordBotHost? _bot;

    private static Dictionary<string, string?> GatewaySettings => new()
    {
        ["Discord:Mode"] = "Gateway",
        ["Discord:GatewayReconnectDelay"] = "00:00:00.050",
        ["Discord:GatewayLeaderRetry"] = "00:00:00.200",
    };

    public async Task InitializeAsync() => _gateway = await FakeGatewayServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }

        await _gateway.DisposeAsync();
    }

    private async Task<DiscordBotHost> StartBotAsync(string? connectionString = null) =>
        await DiscordBotHost.StartAsync(settings: GatewaySettings, connectionString: connectionString, gatewayUrl: _gateway.Url);

    [Fact]
    public async Task Connects_to_the_url_from_gateway_bot_identifies_without_intents_and_heartbeats()
    {
        _bot = await StartBotAsync();

        var connection = await _gateway.WaitForConnectionAsync(1);
        var identify = await connection.WaitForOpAsync(2);
        await connection.WaitForOpAsync(1, count: 2);

        Assert.Single(_bot.Discord.RequestsTo("gateway/bot"));
        Assert.Equal("/gateway?v=10&encoding=json", connection.Path);
        Assert.Equal("test-bot-token", identify["d"]!["token"]!.GetValue<string>());
        Assert.Equal(0, identify["d"]!["intents"]!.GetValue<int>());
        Assert.True(_bot.Services.GetRequiredService<DiscordGatewayService>().IsLeader);
    }

    [Fact]
    public async Task An_interaction_from_the_gateway_is_answered_through_the_callback_endpoint()
    {
        _bot = await StartBotAsync();
        var connection = await _gateway.WaitForConnectionAsync(1);
        await connection.WaitForOpAsync(2);

        var interaction = JsonNode.Parse(InteractionJson.Command("today"))!;
        await connection.DispatchAsync("INTERACTION_CREATE", interaction);

        var callback = (await _bot.Discord.WaitForAsync(r => r.Path.StartsWith("interactions/", StringComparison.Ordinal)))[0];
        Assert.Equal($"interactions/{interaction["id"]}/{interaction["token"]}/callback", callback.Path);
        Assert.Equal(4, callback.Json!["type"]!.GetValue<int>());
        Assert.Contains("Lesson 1 title", ResponseText.Of(callback.Json), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dropped_connection_is_resumed_with_session_and_sequence()
    {
        _bot = await StartBotAsync();
        var first = await _gateway.WaitForConnectionAsync(1);
        await first.WaitForOpAsync(2);
        await first.DispatchAsync("GUILD_CREATE", new JsonObject { ["id"] = "1" });
        await first.DispatchAsync("INTERACTION_CREATE", JsonNode.Parse(InteractionJson.Command("help"))!);
        await _bot.Discord.WaitForAsync(r => r.Path.StartsWith("interactions/", StringComparison.Ordinal));

        first.Drop();

        var second = await _gateway.WaitForConnectionAsync(2);
        var resume = await second.WaitForOpAsync(6);
        Assert.StartsWith("/resume?v=10", second.Path, StringComparison.Ordinal);
        Assert.Equal("session-1", resume["d"]!["session_id"]!.GetValue<string>());
        Assert.Equal(3, resume["d"]!["seq"]!.GetValue<long>()); // READY, GUILD_CREATE, INTERACTION_CREATE
        Assert.Empty(second.ReceivedOp(2));
    }

    [Fact]
    public async Task An_invalid_session_leads_to_a_fresh_identify()
    {
        _bot = await StartBotAsync();
        var first = await _gateway.WaitForConnectionAsync(1);
        await first.WaitForOpAsync(2);

        await first.SendAsync(new JsonObject { ["op"] = 9, ["d"] = false });

        var second = await _gateway.WaitForConnectionAsync(2);
        await second.WaitForOpAsync(2);
        Assert.Empty(second.ReceivedOp(6));
        Assert.Equal("/gateway?v=10&encoding=json", second.Path);
    }

    [Fact]
    public async Task A_failed_resume_falls_back_to_identify()
    {
        _bot = await StartBotAsync();
        var first = await _gateway.WaitForConnectionAsync(1);
        await first.WaitForOpAsync(2);
        _gateway.ForgetSessions();

        first.Drop();

        var second = await _gateway.WaitForConnectionAsync(2);
        await second.WaitForOpAsync(6); // tries to resume, is told the session is invalid
        var third = await _gateway.WaitForConnectionAsync(3);
        await third.WaitForOpAsync(2);
    }

    [Fact]
    public async Task Missing_heartbeat_acks_make_the_bot_reconnect_and_resume()
    {
        _gateway.HeartbeatIntervalMs = 150;
        _bot = await StartBotAsync();
        var first = await _gateway.WaitForConnectionAsync(1);
        await first.WaitForOpAsync(2);
        await first.WaitForOpAsync(1);

        _gateway.AckHeartbeats = false;

        var second = await _gateway.WaitForConnectionAsync(2);
        _gateway.AckHeartbeats = true;
        await second.WaitForOpAsync(6);
    }

    [Fact]
    public async Task Op_7_reconnect_is_followed_by_a_resume()
    {
        _bot = await StartBotAsync();
        var first = await _gateway.WaitForConnectionAsync(1);
        await first.WaitForOpAsync(2);

        await first.SendAsync(new JsonObject { ["op"] = 7, ["d"] = null });

        var second = await _gateway.WaitForConnectionAsync(2);
        await second.WaitForOpAsync(6);
    }

    [Fact]
    public async Task Authentication_failed_stops_the_gateway_instead_of_reconnecting()
    {
        _bot = await StartBotAsync();
        var first = await _gateway.WaitForConnectionAsync(1);
        await first.WaitForOpAsync(2);

        await first.CloseAsync(4004);

        var service = _bot.Services.GetRequiredService<DiscordGatewayService>();
        for (var i = 0; i < 100 && service.IsLeader; i++)
        {
            await Task.Delay(20);
        }

        Assert.False(service.IsLeader);
        await Task.Delay(300); // several reconnect delays: none may happen
        Assert.Single(_gateway.Connections);
    }

    [Fact]
    public async Task Only_one_host_holds_the_gateway_and_another_takes_over_when_it_stops()
    {
        await using var database = await StudyBot.Testing.TestCluster.CreateDatabaseAsync();
        _bot = await StartBotAsync(database.ConnectionString);
        await (await _gateway.WaitForConnectionAsync(1)).WaitForOpAsync(2);
        var standby = await StartBotAsync(database.ConnectionString);
        try
        {
            await Task.Delay(600); // three leader checks of the standby
            Assert.Single(_gateway.Connections);
            Assert.False(standby.Services.GetRequiredService<DiscordGatewayService>().IsLeader);

            await _bot.DisposeAsync(); // a host stopping (the database is the test's, so it stays)
            _bot = null;

            var takeover = await _gateway.WaitForConnectionAsync(2);
            await takeover.WaitForOpAsync(2);
            Assert.True(standby.Services.GetRequiredService<DiscordGatewayService>().IsLeader);
        }
        finally
        {
            await standby.DisposeAsync();
        }
    }
}

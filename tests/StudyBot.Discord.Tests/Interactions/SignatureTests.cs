using System.Globalization;
using StudyBot.Discord.Tests.Fakes;

namespace StudyBot.Discord.Tests.Interactions;

/// <summary>POST /discord/interactions refuses anything Discord did not sign, or signed too long ago.</summary>
public sealed class SignatureTests : IAsyncLifetime
{
    private DiscordBotHost _bot = null!;

    public async Task InitializeAsync() => _bot = await DiscordBotHost.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_signed_ping_gets_a_pong()
    {
        var (status, body) = await _bot.PostAsync(InteractionJson.Ping());

        Assert.Equal(200, status);
        Assert.Equal(1, body!["type"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_forged_signature_is_401()
    {
        // One flipped hex digit: same length, wrong signature.
        var (status, _) = await _bot.PostAsync(InteractionJson.Ping(), tamperSignature: s => (s[0] == 'a' ? "b" : "a") + s[1..]);

        Assert.Equal(401, status);
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_401()
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = _bot.Signer.Sign(timestamp, System.Text.Encoding.UTF8.GetBytes(InteractionJson.Ping()));

        Assert.Equal(401, await _bot.PostRawAsync(InteractionJson.Command("today"), signature, timestamp));
    }

    [Fact]
    public async Task A_signature_from_another_key_is_401()
    {
        using var stranger = new InteractionSigner();
        using var request = stranger.Request(_bot.InteractionsUrl, InteractionJson.Ping());
        using var response = await _bot.Http.SendAsync(request);

        Assert.Equal(401, (int)response.StatusCode);
    }

    [Theory]
    [InlineData(null, "1700000000")]
    [InlineData("00", null)]
    [InlineData(null, null)]
    [InlineData("not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hexx", "1700000000")]
    public async Task Missing_or_malformed_signature_headers_are_401(string? signature, string? timestamp)
    {
        Assert.Equal(401, await _bot.PostRawAsync(InteractionJson.Ping(), signature, timestamp));
    }

    [Fact]
    public async Task A_timestamp_older_than_five_minutes_is_401_even_when_correctly_signed()
    {
        var (stale, _) = await _bot.PostAsync(InteractionJson.Ping(), at: DateTimeOffset.UtcNow.AddMinutes(-6));
        var (recent, _) = await _bot.PostAsync(InteractionJson.Ping(), at: DateTimeOffset.UtcNow.AddMinutes(-4));

        Assert.Equal(401, stale);
        Assert.Equal(200, recent);
    }

    [Fact]
    public async Task Malformed_json_with_a_valid_signature_is_400()
    {
        var (status, _) = await _bot.PostAsync("{\"type\": 1, \"id\": ");
        var (wrongType, _) = await _bot.PostAsync("{\"type\": \"ping\"}");
        var (array, _) = await _bot.PostAsync("[1,2,3]");

        Assert.Equal(400, status);
        Assert.Equal(400, wrongType);
        Assert.Equal(400, array);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(99)]
    public async Task Unknown_interaction_types_are_400(int type)
    {
        var json = $$$"""{"id":"1","application_id":"{{{InteractionJson.ApplicationId}}}","type":{{{type}}},"token":"t","version":1,"channel_id":"1","user":{"id":"2","username":"x"}}""";

        var (status, _) = await _bot.PostAsync(json);

        Assert.Equal(400, status);
    }

    [Fact]
    public async Task A_command_without_user_or_channel_is_400_not_500()
    {
        var (status, _) = await _bot.PostAsync("""{"id":"1","type":2,"token":"t","data":{"name":"today"}}""");

        Assert.Equal(400, status);
    }
}

using StudyBot.Discord.Api;
using StudyBot.Discord.Api.RateLimits;
using StudyBot.Discord.Tests.Fakes;

namespace StudyBot.Discord.Tests.Api;

/// <summary>The REST client against a fake Discord that answers 429s and rate-limit headers.</summary>
public sealed class RateLimitTests
{
    private static readonly MessagePayload Hello = new() { Content = "hello" };

    private static Dictionary<string, string> TooMany(bool global, string scope = "user") => new()
    {
        ["X-RateLimit-Global"] = global ? "true" : "false",
        ["X-RateLimit-Scope"] = global ? "global" : scope,
        ["Retry-After"] = "1",
    };

    [Fact]
    public async Task A_per_route_429_is_retried_after_retry_after_and_other_routes_are_not_held()
    {
        await using var fixture = await RestClientFixture.StartAsync();
        fixture.Discord.Script(new ScriptedResponse("channels/1/messages", 429, """{"message":"You are being rate limited.","retry_after":2,"global":false}""", TooMany(false)));

        var limited = fixture.Client.CreateMessageAsync("1", Hello, CancellationToken.None);
        await fixture.Discord.WaitForAsync(r => r.Path == "channels/1/messages");
        await fixture.Client.CreateMessageAsync("2", Hello, CancellationToken.None); // another channel: another bucket
        var message = await limited;

        Assert.Equal("902", message.Id);
        var first = fixture.Discord.RequestsTo("channels/1/messages");
        Assert.Equal(2, first.Count);
        // A long retry_after leaves room for a loaded machine: channel 2 must still go long before it ends.
        Assert.True(first[1].At - first[0].At >= TimeSpan.FromMilliseconds(1900), $"retried after {(first[1].At - first[0].At).TotalMilliseconds} ms");
        var other = Assert.Single(fixture.Discord.RequestsTo("channels/2/messages"));
        Assert.True(other.At < first[1].At, "channel 2 must not wait for channel 1's limit");
    }

    [Fact]
    public async Task A_global_429_holds_every_route_until_it_has_passed()
    {
        await using var fixture = await RestClientFixture.StartAsync();
        fixture.Discord.Script(new ScriptedResponse("channels/1/messages", 429, """{"message":"You are being rate limited.","retry_after":0.5,"global":true}""", TooMany(true)));

        await fixture.Client.CreateMessageAsync("1", Hello, CancellationToken.None);
        var limitedAt = fixture.Discord.RequestsTo("channels/1/messages")[0].At;
        await fixture.Client.CreateMessageAsync("2", Hello, CancellationToken.None);

        var other = Assert.Single(fixture.Discord.RequestsTo("channels/2/messages"));
        Assert.True(other.At - limitedAt >= TimeSpan.FromMilliseconds(450), $"channel 2 went after {(other.At - limitedAt).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Interaction_routes_are_not_held_by_the_global_limit()
    {
        await using var fixture = await RestClientFixture.StartAsync();
        fixture.Discord.Script(new ScriptedResponse("channels/1/messages", 429, """{"message":"limited","retry_after":2,"global":true}""", TooMany(true)));

        var held = fixture.Client.CreateMessageAsync("1", Hello, CancellationToken.None);
        await fixture.Discord.WaitForAsync(r => r.Path == "channels/1/messages");
        await fixture.Client.EditOriginalResponseAsync("tok", Hello, CancellationToken.None);

        Assert.False(held.IsCompleted);
        Assert.Single(fixture.Discord.RequestsTo("messages/@original"));
        await held;
    }

    [Fact]
    public async Task An_exhausted_bucket_waits_for_its_reset_before_the_next_request()
    {
        await using var fixture = await RestClientFixture.StartAsync();
        fixture.Discord.DefaultHeaders = _ => new Dictionary<string, string>
        {
            ["X-RateLimit-Bucket"] = "abcd1234",
            ["X-RateLimit-Limit"] = "5",
            ["X-RateLimit-Remaining"] = "0",
            ["X-RateLimit-Reset-After"] = "0.4",
        };

        await fixture.Client.CreateMessageAsync("1", Hello, CancellationToken.None);
        await fixture.Client.CreateMessageAsync("1", Hello, CancellationToken.None);

        var sent = fixture.Discord.RequestsTo("channels/1/messages");
        Assert.Equal(2, sent.Count);
        Assert.True(sent[1].At - sent[0].At >= TimeSpan.FromMilliseconds(350), $"second request after {(sent[1].At - sent[0].At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Concurrent_sends_to_one_channel_do_not_storm_a_limited_route()
    {
        await using var fixture = await RestClientFixture.StartAsync();
        fixture.Discord.Script(new ScriptedResponse("channels/1/messages", 429, """{"message":"limited","retry_after":0.3,"global":false}""", TooMany(false)));

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => fixture.Client.CreateMessageAsync("1", Hello, CancellationToken.None)));

        // One 429, then ten successes: nobody hammered the route while it was limited.
        Assert.Equal(11, fixture.Discord.RequestsTo("channels/1/messages").Count);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_client_will_wait_fails_at_once()
    {
        await using var fixture = await RestClientFixture.StartAsync(new RestLimits { MaxRetryAfter = TimeSpan.FromSeconds(1) });
        fixture.Discord.Script(new ScriptedResponse("channels/1/messages", 429, """{"message":"limited","retry_after":120,"global":false}""", TooMany(false)));

        var error = await Assert.ThrowsAsync<DiscordRateLimitedException>(() => fixture.Client.CreateMessageAsync("1", Hello, CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.False(error.Permanent);
        Assert.Single(fixture.Discord.RequestsTo("channels/1/messages"));
    }

    [Fact]
    public async Task Server_errors_are_retried_for_idempotent_requests_only()
    {
        await using var fixture = await RestClientFixture.StartAsync(new RestLimits { ServerErrorBackoff = TimeSpan.FromMilliseconds(50) });
        fixture.Discord.Script(
            new ScriptedResponse("/commands", 502, "bad gateway"),
            new ScriptedResponse("channels/1/messages", 500, """{"message":"oops","code":0}"""));

        var registered = await fixture.Client.BulkOverwriteCommandsAsync(null, [new ApplicationCommand { Name = "today", Description = "d" }], CancellationToken.None);
        var error = await Assert.ThrowsAsync<DiscordApiException>(() => fixture.Client.CreateMessageAsync("1", Hello, CancellationToken.None));

        Assert.Equal("today", Assert.Single(registered).Name);
        Assert.Equal(2, fixture.Discord.RequestsTo("/commands").Count);
        Assert.Single(fixture.Discord.RequestsTo("channels/1/messages")); // a POST might have been applied: never repeated
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, error.Status);
    }

    [Fact]
    public async Task The_invalid_request_guard_stops_sending_before_a_ban()
    {
        await using var fixture = await RestClientFixture.StartAsync(new RestLimits { InvalidRequestLimit = 3 });
        for (var i = 0; i < 6; i++)
        {
            fixture.Discord.Script(new ScriptedResponse("channels/", 401, """{"message":"401: Unauthorized","code":0}"""));
        }

        for (var i = 0; i < 6; i++)
        {
            await Assert.ThrowsAnyAsync<DiscordApiException>(() => fixture.Client.CreateMessageAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Hello, CancellationToken.None));
        }

        Assert.Equal(3, fixture.Discord.RequestsTo("channels/").Count);
    }

    [Fact]
    public async Task The_bot_token_goes_only_to_routes_that_need_it()
    {
        await using var fixture = await RestClientFixture.StartAsync();

        await fixture.Client.CreateMessageAsync("1", Hello, CancellationToken.None);
        await fixture.Client.CreateFollowupAsync("tok", Hello, CancellationToken.None);
        await fixture.Client.CreateInteractionResponseAsync("5", "tok", InteractionResponse.Pong, CancellationToken.None);

        var requests = fixture.Discord.Requests;
        Assert.Equal("Bot test-bot-token", requests[0].Headers["Authorization"]);
        Assert.StartsWith("DiscordBot (", requests[0].Headers["User-Agent"], StringComparison.Ordinal);
        Assert.False(requests[1].Headers.ContainsKey("Authorization"));
        Assert.False(requests[2].Headers.ContainsKey("Authorization"));
        Assert.Equal("""{"content":"hello","allowed_mentions":{"parse":[]}}""", requests[0].Body);
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using StudyBot.Telegram.Tests.Fakes;
using StudyBot.Telegram.Webhook;

namespace StudyBot.Telegram.Tests.Webhook;

/// <summary>The webhook: only Telegram (the secret) gets in, bad bodies are 400/413 and never 500, retries are handled once.</summary>
public sealed class WebhookSecurityTests
{
    private const long Ana = 1001;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("test-webhook-secret-012345678")] // one character short
    [InlineData("test-webhook-secret-0123456789x")]
    [InlineData("TEST-WEBHOOK-SECRET-0123456789")]
    public async Task A_forged_or_missing_secret_is_401_and_nothing_is_processed(string? secret)
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);
        await bot.StartupDone;
        var callsBefore = api.Calls.Count;

        using var response = await bot.PostAsync(FakeUpdates.PrivateText(Ana, "/done"), secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await Task.Delay(200);
        Assert.Equal(callsBefore, api.Calls.Count);
        await using var db = bot.Db();
        Assert.False(await db.Chats.AnyAsync());
        Assert.False(await db.Set<Core.Persistence.TelegramState.TelegramProcessedUpdate>().AnyAsync());
    }

    [Theory]
    [InlineData("{")]
    [InlineData("not json at all")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"update_id\":\"abc\"}")]
    [InlineData("{\"update_id\":5,\"message\":{\"message_id\":\"x\",\"chat\":7}}")]
    [InlineData("")]
    public async Task Malformed_updates_are_400_never_500(string body)
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);

        using var response = await bot.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_oversized_update_is_413()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api, settings: new Dictionary<string, string?> { ["Telegram:MaxUpdateBytes"] = "4096" });

        using var response = await bot.PostAsync(FakeUpdates.PrivateText(Ana, "/answer " + new string('x', 5000)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(api.Sent(Ana));
    }

    [Fact]
    public async Task Text_longer_than_the_core_accepts_gets_a_clear_reply()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);

        await bot.SendAsync(FakeUpdates.PrivateText(Ana, "/answer " + new string('x', 4090)));

        var sent = await api.WaitForSentAsync(Ana, 1);
        Assert.Contains("4,000", sent[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_update_delivered_twice_is_handled_once()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);
        var update = FakeUpdates.PrivateText(Ana, "/done");

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => bot.PostAsync(update)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await api.WaitForSentAsync(Ana, 1);
        await Task.Delay(300);
        Assert.Single(api.Sent(Ana));
        await using var db = bot.Db();
        Assert.Equal(1, await db.CheckIns.CountAsync());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public void The_secret_check_compares_whole_secrets()
    {
        var secret = new WebhookSecret("abcdefghijklmnop");
        Assert.True(secret.Matches("abcdefghijklmnop"));
        Assert.False(secret.Matches("abcdefghijklmno"));
        Assert.False(secret.Matches("abcdefghijklmnopq"));
        Assert.False(secret.Matches(null));
    }
}

using Microsoft.Extensions.DependencyInjection;
using StudyBot.Core.Commands;
using StudyBot.Core.Delivery;
using StudyBot.Core.Persistence;
using StudyBot.Telegram.Rendering;
using StudyBot.Telegram.Sending;
using StudyBot.Telegram.Tests.Fakes;

namespace StudyBot.Telegram.Tests.Sending;

/// <summary>The one sender: 429 retry_after obeyed, 5xx and network errors retried with backoff, failures reported.</summary>
public sealed class OutboxTests
{
    private const long Ana = 1101;
    private static readonly ChatRef AnaChat = new(Platform.Telegram, "1101", ChatKind.Private);

    [Fact]
    public async Task Too_many_requests_waits_retry_after_then_delivers()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.FailNext("sendMessage", new InjectedFailure(429, "Too Many Requests: retry after 1", RetryAfter: 1));
        await using var bot = await TelegramTestBot.StartAsync(api);
        var sender = bot.Services.GetRequiredService<ChatSenders>();

        var result = await sender.SendAsync(AnaChat, null, Reply.Text("hello"), CancellationToken.None);

        Assert.True(result.Delivered);
        var attempts = api.CallsTo("sendMessage");
        Assert.Equal([429, 200], attempts.Select(a => a.Status));
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromMilliseconds(950), $"retried after {(attempts[1].At - attempts[0].At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Server_errors_and_non_json_gateway_pages_are_retried_with_backoff()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.FailNext("sendMessage", new InjectedFailure(500, "Internal Server Error"));
        api.FailNext("sendMessage", new InjectedFailure(502, "Bad Gateway", NotJson: true));
        await using var bot = await TelegramTestBot.StartAsync(api);
        var sender = bot.Services.GetRequiredService<ChatSenders>();

        var result = await sender.SendAsync(AnaChat, null, Reply.Text("hello"), CancellationToken.None);

        Assert.True(result.Delivered);
        var attempts = api.CallsTo("sendMessage");
        Assert.Equal([500, 502, 200], attempts.Select(a => a.Status));
        Assert.True(attempts[2].At - attempts[1].At > attempts[1].At - attempts[0].At - TimeSpan.FromMilliseconds(20), "backoff grows");
    }

    [Fact]
    public async Task Giving_up_is_reported_and_logged()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.FailNext("sendMessage", new InjectedFailure(503, "Service Unavailable"), times: 10);
        await using var bot = await TelegramTestBot.StartAsync(api, settings: new Dictionary<string, string?> { ["Telegram:Limits:MaxAttempts"] = "3" });
        var sender = bot.Services.GetRequiredService<ChatSenders>();

        var result = await sender.SendAsync(AnaChat, null, Reply.Text("hello"), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.False(result.Permanent);
        Assert.Contains("503", result.Error, StringComparison.Ordinal);
        Assert.Equal(3, api.CallsTo("sendMessage").Count);
        Assert.Contains(bot.Logs.Warnings, w => w.Contains("could not deliver to chat 1101", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Html_the_server_cannot_parse_is_sent_as_plain_text_rather_than_lost()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.FailNext("sendMessage", new InjectedFailure(400, "Bad Request: can't parse entities: unsupported start tag"));
        await using var bot = await TelegramTestBot.StartAsync(api);
        var sender = bot.Services.GetRequiredService<ChatSenders>();

        var result = await sender.SendAsync(AnaChat, null, new ReplyBuilder().Paragraph(new Span("a < b & c", SpanStyle.Bold)).Build(), CancellationToken.None);

        Assert.True(result.Delivered);
        var retry = api.CallsTo("sendMessage")[1];
        Assert.Equal("a < b & c", retry.Text);
        Assert.Null(retry.Body["parse_mode"]);
    }

    [Fact]
    public async Task Other_client_errors_are_permanent()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.FailNext("sendMessage", new InjectedFailure(400, "Bad Request: chat not found"));
        await using var bot = await TelegramTestBot.StartAsync(api);
        var sender = bot.Services.GetRequiredService<ChatSenders>();

        var result = await sender.SendAsync(AnaChat, null, Reply.Text("hello"), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.True(result.Permanent);
        Assert.Single(api.CallsTo("sendMessage"));
    }

    [Fact]
    public async Task A_personal_message_to_a_group_mentions_the_member()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);
        var sender = bot.Services.GetRequiredService<ChatSenders>();
        var reply = new ReplyBuilder().Paragraph("Your open answer scored 80%.").Personal().Build();

        var result = await sender.SendAsync(new ChatRef(Platform.Telegram, "-1001100", ChatKind.Group), new SenderRef("1101", "Ana <3", "en", false), reply, CancellationToken.None);

        Assert.True(result.Delivered);
        Assert.StartsWith("<a href=\"tg://user?id=1101\">Ana &lt;3</a>", api.Sent(-1001100)[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_to_one_chat_keep_their_order_under_retries()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.FailNext("sendMessage", new InjectedFailure(500, "Internal Server Error"));
        await using var bot = await TelegramTestBot.StartAsync(api, settings: new Dictionary<string, string?> { ["Telegram:Limits:PrivateChatPerSecond"] = "1000" });
        var outbox = bot.Services.GetRequiredService<TelegramOutbox>();

        // Replies are queued as updates are handled; each waits for the ones queued before it for the same chat.
        var sends = Enumerable.Range(1, 6).Select(i => outbox.Enqueue(Ana, [OutgoingMessage.Text("message " + i)])).ToList();
        await Task.WhenAll(sends);

        Assert.Equal(Enumerable.Range(1, 6).Select(i => "message " + i), api.Sent(Ana).Select(s => s.Text));
    }
}

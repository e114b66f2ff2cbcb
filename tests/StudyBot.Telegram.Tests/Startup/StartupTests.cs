using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StudyBot.Core;
using StudyBot.Core.Delivery;
using StudyBot.Telegram.Tests.Fakes;
using StudyBot.Testing;

namespace StudyBot.Telegram.Tests.Startup;

/// <summary>What the bot tells Telegram at start, what it does when refused, and configuration.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Command_menus_are_set_in_english_and_chinese_for_private_chats_and_group_admins()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);
        await bot.StartupDone;

        var menus = api.CallsTo("setMyCommands");
        Assert.Equal(6, menus.Count);
        var zhPrivate = Assert.Single(menus, m => m.Body["language_code"]?.GetValue<string>() == "zh" && m.Body["scope"]!["type"]!.GetValue<string>() == "all_private_chats");
        Assert.Contains(zhPrivate.Body["commands"]!.AsArray(), c => c!["command"]!.GetValue<string>() == "setup");
        var enDefault = Assert.Single(menus, m => m.Body["language_code"] is null && m.Body["scope"]!["type"]!.GetValue<string>() == "default");
        Assert.DoesNotContain(enDefault.Body["commands"]!.AsArray(), c => c!["command"]!.GetValue<string>() == "setup");
        Assert.Contains(enDefault.Body["commands"]!.AsArray(), c => c!["command"]!.GetValue<string>() == "today");
        Assert.Contains(menus, m => m.Body["scope"]!["type"]!.GetValue<string>() == "all_chat_administrators");
    }

    [Fact]
    public async Task Set_webhook_carries_the_secret_and_the_update_types()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await TelegramTestBot.StartAsync(api);
        await bot.StartupDone;

        var call = Assert.Single(api.CallsTo("setWebhook"));
        Assert.Equal("https://studybot.invalid/telegram/webhook", call.Body["url"]!.GetValue<string>());
        Assert.Equal(TelegramTestBot.Secret, call.Body["secret_token"]!.GetValue<string>());
        Assert.Equal(["message", "callback_query", "poll_answer", "my_chat_member"], call.Body["allowed_updates"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task Start_up_calls_the_server_refuses_are_warnings_and_the_bot_keeps_serving()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.RefusedMethods["setMyCommands"] = true;
        api.RefusedMethods["setWebhook"] = true;
        api.RefusedMethods["getMe"] = true;
        await using var bot = await TelegramTestBot.StartAsync(api);
        await bot.StartupDone;

        Assert.Contains(bot.Logs.Warnings, w => w.Contains("setMyCommands failed at start (Not Found: method not found)", StringComparison.Ordinal));
        Assert.Contains(bot.Logs.Warnings, w => w.Contains("setWebhook failed", StringComparison.Ordinal));
        Assert.Contains(bot.Logs.Warnings, w => w.Contains("getMe failed", StringComparison.Ordinal));

        await bot.SendAsync(FakeUpdates.GroupText(-100_1700, 1701, "/today@StudyBot")); // no username known: still ours
        await api.WaitForSentAsync(-100_1700, 1);
    }

    [Fact]
    public async Task Secrets_never_reach_the_logs()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.RefusedMethods["setWebhook"] = true;
        api.FailNext("sendMessage", new InjectedFailure(502, "Bad Gateway", NotJson: true));
        await using var bot = await TelegramTestBot.StartAsync(api);
        await bot.StartupDone;
        await bot.SendAsync(FakeUpdates.PrivateText(1702, "/start"));
        await api.WaitForSentAsync(1702, 1);
        using var forged = await bot.PostAsync(FakeUpdates.PrivateText(1702, "/start"), "forged-secret-forged-secret");

        var everything = string.Join('\n', bot.Logs.Lines.Select(l => l.Message));
        Assert.DoesNotContain("TEST_token", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(TelegramTestBot.Secret, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_the_adapter_is_off()
    {
        await using var database = await TestCluster.CreateDatabaseAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Telegram:Mode"] = "Webhook" });
        builder.Services.AddStudyBotCore(TestContent.Catalog, database.ConnectionString);
        builder.Services.AddStudyBotTelegram(builder.Configuration);
        await using var app = builder.Build();
        app.MapTelegramWebhook();
        await app.StartAsync();

        Assert.False(app.Services.GetRequiredService<ChatSenders>().Supports(Core.Persistence.Platform.Telegram));
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var response = await http.PostAsync("/telegram/webhook", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await app.StopAsync();
    }

    [Theory]
    [InlineData("Telegram:BotToken", "not-a-token", "Telegram:BotToken")]
    [InlineData("Telegram:WebhookSecret", "short", "Telegram:WebhookSecret")]
    [InlineData("Telegram:WebhookSecret", "", "Telegram:WebhookSecret")]
    [InlineData("Telegram:WebhookUrl", "", "Telegram:WebhookUrl")]
    [InlineData("Telegram:Limits:GlobalPerSecond", "0", "Telegram:Limits")]
    public async Task Bad_configuration_stops_start_up_naming_the_setting(string key, string value, string named)
    {
        await using var api = await FakeBotApi.StartAsync();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TelegramTestBot.StartAsync(api, settings: new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(named, string.Join("; ", error.Failures), StringComparison.Ordinal);
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StudyBot.Core.Delivery;
using StudyBot.Telegram.Inbox;
using StudyBot.Telegram.Polling;
using StudyBot.Telegram.Rendering;
using StudyBot.Telegram.Rights;
using StudyBot.Telegram.Sending;
using StudyBot.Telegram.Startup;
using StudyBot.Telegram.State;
using StudyBot.Telegram.Updates;
using StudyBot.Telegram.Webhook;
using Telegram.Bot;

namespace StudyBot.Telegram;

public static class TelegramServiceCollectionExtensions
{
    /// <summary>
    /// The Telegram adapter, when Telegram:BotToken is set (otherwise nothing is registered and the adapter is off):
    /// the sender, plus receiving updates by long polling or (Mode=Webhook) by <see cref="MapTelegramWebhook"/>.
    /// Needs the core (AddStudyBotCore).
    /// </summary>
    public static IServiceCollection AddStudyBotTelegram(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!IsConfigured(configuration))
        {
            return services;
        }

        services.AddStudyBotTelegramSender(configuration);
        services.AddSingleton<UpdateClaims>();
        services.AddSingleton<PollingOffsets>();
        services.AddSingleton<CurrentQuestions>();
        services.AddSingleton<AdminRights>();
        services.AddSingleton<TelegramUpdateProcessor>();
        services.AddSingleton<TelegramStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<TelegramStartup>());
        if (configuration[$"{TelegramOptions.Section}:Mode"] is not { } mode || !mode.Equals(nameof(TelegramMode.Webhook), StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<TelegramPoller>();
            services.AddHostedService(sp => sp.GetRequiredService<TelegramPoller>());
        }
        else
        {
            // Registered after the outbox, so they stop before it: the replies of updates in hand can still go out.
            services.AddSingleton<InboxSignal>();
            services.AddSingleton<InboxWriter>();
            services.AddHostedService(sp => sp.GetRequiredService<InboxWriter>());
            services.AddSingleton<InboxProcessor>();
            services.AddHostedService(sp => sp.GetRequiredService<InboxProcessor>());
        }

        return services;
    }

    /// <summary>
    /// Only the Telegram sender (an <see cref="IChatSender"/>), for processes that post but do not receive updates,
    /// such as background workers. Nothing when Telegram:BotToken is unset.
    /// </summary>
    public static IServiceCollection AddStudyBotTelegramSender(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (!IsConfigured(configuration) || services.Any(d => d.ServiceType == typeof(TelegramOutbox)))
        {
            return services;
        }

        services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.ApiBaseUrl.IsAbsoluteUri && (o.ApiBaseUrl.Scheme == Uri.UriSchemeHttps || o.ApiBaseUrl.Scheme == Uri.UriSchemeHttp), "Telegram:ApiBaseUrl must be an absolute http(s) URL such as https://api.telegram.org.")
            .Validate(o => o.Mode != TelegramMode.Webhook || o.WebhookUrl is { IsAbsoluteUri: true }, "Telegram:WebhookUrl must be an absolute URL (ending in /telegram/webhook) when Telegram:Mode is Webhook.")
            .Validate(o => o.Mode != TelegramMode.Webhook || !string.IsNullOrEmpty(o.WebhookSecret), "Telegram:WebhookSecret must be set when Telegram:Mode is Webhook.")
            .Validate(o => Validator.TryValidateObject(o.Limits, new ValidationContext(o.Limits), null, validateAllProperties: true), "Telegram:Limits has a value out of range.")
            .Validate(o => Validator.TryValidateObject(o.Inbox, new ValidationContext(o.Inbox), null, validateAllProperties: true), "Telegram:Inbox has a value out of range.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ITelegramBotClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;

            // Long polls wait PollingTimeoutSeconds on the server; the HTTP timeout must outlast them.
            var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(3) })
            {
                Timeout = TimeSpan.FromSeconds(options.PollingTimeoutSeconds + 30),
            };

            // 429s are the outbox's to handle (it knows the chat and the queue), so the library does not retry them.
            return new TelegramBotClient(new TelegramBotClientOptions(options.BotToken, options.ApiBaseUrl.GetLeftPart(UriPartial.Authority)) { RetryThreshold = 0, RetryCount = 0 }, http);
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
            return new TelegramBotIdentity(sp.GetRequiredService<ITelegramBotClient>().BotId, options.BotUsername?.TrimStart('@'));
        });
        services.AddSingleton(sp => new WebhookSecret(sp.GetRequiredService<IOptions<TelegramOptions>>().Value.WebhookSecret ?? string.Empty));
        services.AddSingleton<QuestionMessages>();
        services.AddSingleton<ChatStates>();
        services.AddSingleton<ReplyRendering>();
        services.AddSingleton<SharedSendPaces>();
        services.AddSingleton<SendRateLimiter>();
        services.AddSingleton<TelegramOutbox>();
        services.AddSingleton<IChatSender>(sp => sp.GetRequiredService<TelegramOutbox>());
        services.AddHostedService(sp => sp.GetRequiredService<TelegramOutbox>());
        return services;
    }

    private static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{TelegramOptions.Section}:BotToken"]);

    /// <summary>POST /telegram/webhook when the adapter is on in Webhook mode; nothing otherwise.</summary>
    public static IEndpointRouteBuilder MapTelegramWebhook(this IEndpointRouteBuilder endpoints) => TelegramWebhookEndpoint.Map(endpoints);
}

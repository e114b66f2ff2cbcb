using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StudyBot.Core.Delivery;
using StudyBot.Discord.Api;
using StudyBot.Discord.Api.RateLimits;
using StudyBot.Discord.Delivery;
using StudyBot.Discord.Gateway;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.SlashCommands;

namespace StudyBot.Discord;

public static class DiscordServiceCollectionExtensions
{
    /// <summary>
    /// The Discord adapter when Discord:BotToken is set (else nothing): REST client, interaction processing,
    /// the channel sender, command registration on start (Discord:RegisterCommands) and, in Gateway mode, the gateway.
    /// </summary>
    public static IServiceCollection AddStudyBotDiscord(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = configuration.GetSection(DiscordOptions.Section).Get<DiscordOptions>() ?? new DiscordOptions();
        if (!settings.Enabled)
        {
            return services;
        }

        // Refuse bad settings now, as one line, before anything starts (ValidateOnStart checks again at start).
        var problems = new List<ValidationResult>();
        Validator.TryValidateObject(settings, new ValidationContext(settings), problems, validateAllProperties: true);
        if (settings.Mode == DiscordMode.Http && string.IsNullOrWhiteSpace(settings.PublicKey))
        {
            problems.Add(new ValidationResult("Discord:PublicKey is required in Http mode (it verifies every interaction)."));
        }

        if (problems.Count > 0)
        {
            throw new OptionsValidationException(DiscordOptions.Section, typeof(DiscordOptions), problems.Select(p => p.ErrorMessage ?? "invalid Discord setting"));
        }

        services.AddStudyBotDiscordClient();
        services.TryAddSingleton<InteractionWork>();
        services.AddHostedService(sp => sp.GetRequiredService<InteractionWork>());
        services.TryAddSingleton<InteractionProcessor>();
        services.AddSingleton<IChatSender, DiscordChatSender>();
        if (!string.IsNullOrWhiteSpace(settings.PublicKey))
        {
            services.TryAddSingleton(sp => new InteractionSignature(sp.GetRequiredService<IOptions<DiscordOptions>>().Value.PublicKey!, sp.GetRequiredService<TimeProvider>()));
        }

        if (settings.RegisterCommands)
        {
            services.AddHostedService<CommandRegistrationService>();
        }

        if (settings.Mode == DiscordMode.Gateway)
        {
            services.AddDiscordGateway();
        }

        return services;
    }

    /// <summary>
    /// Only posting to channels (daily lessons, digests), for hosts that take no interactions, such as
    /// Hangfire workers; nothing when Discord:BotToken is unset.
    /// </summary>
    public static IServiceCollection AddStudyBotDiscordSender(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration.GetSection(DiscordOptions.Section).Get<DiscordOptions>() is { Enabled: true })
        {
            services.AddStudyBotDiscordClient();
            services.AddSingleton<IChatSender, DiscordChatSender>();
        }

        return services;
    }

    /// <summary>The typed REST client alone (the `commands register` verb needs no more).</summary>
    public static IServiceCollection AddStudyBotDiscordClient(this IServiceCollection services)
    {
        services.AddOptions<DiscordOptions>().BindConfiguration(DiscordOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new RestLimits());
        services.TryAddSingleton<RateLimitGate>();
        services.TryAddSingleton<InvalidRequestGuard>();
        services.AddHttpClient(DiscordRestClient.HttpClientName, client =>
            {
                client.DefaultRequestHeaders.UserAgent.ParseAdd("DiscordBot (https://github.com/studybot/studybot, 1.0)");
                client.Timeout = TimeSpan.FromSeconds(30);
            })
            .RemoveAllLoggers(); // the default logs full URLs, and interaction URLs hold tokens
        services.TryAddSingleton<IDiscordRestClient, DiscordRestClient>();
        services.TryAddSingleton<CommandRegistrar>();
        services.TryAddSingleton<RecentInteractions>();
        return services;
    }

    /// <summary>POST /discord/interactions, when the adapter is on and a public key is configured.</summary>
    public static IEndpointRouteBuilder MapDiscordInteractions(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<InteractionSignature>() is not null)
        {
            endpoints.MapDiscordInteractionEndpoint();
        }

        return endpoints;
    }
}

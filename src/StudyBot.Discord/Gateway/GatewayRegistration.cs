using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace StudyBot.Discord.Gateway;

public static class GatewayRegistration
{
    /// <summary>The gateway connection (one per deployment, by advisory lock) as a hosted service.</summary>
    public static IServiceCollection AddDiscordGateway(this IServiceCollection services)
    {
        services.TryAddSingleton<GatewayLeaderLock>();
        services.TryAddSingleton<DiscordGatewayService>();
        services.AddHostedService(sp => sp.GetRequiredService<DiscordGatewayService>());
        return services;
    }
}

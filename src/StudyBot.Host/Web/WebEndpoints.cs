using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using StudyBot.Core.Persistence;

namespace StudyBot.Host.Web;

/// <summary>HTTP surface of the host. Platform webhooks join here in their own issues.</summary>
public static class WebEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddStudyBotHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddDbContextCheck<StudyBotDbContext>("database", tags: [ReadyTag]);
        return services;
    }

    public static WebApplication MapStudyBotEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Live: the process answers. Ready: it can also reach its database.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }
}

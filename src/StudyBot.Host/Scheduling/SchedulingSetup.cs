using Hangfire;
using Hangfire.PostgreSql;

namespace StudyBot.Host.Scheduling;

/// <summary>Hangfire on the bot's own PostgreSQL database, in its own schema.</summary>
public static class SchedulingSetup
{
    public const string Schema = "hangfire";

    public static IServiceCollection AddStudyBotScheduling(this IServiceCollection services, IConfiguration configuration, string connectionString, bool runWorkers)
    {
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.InvisibilityTimeout > o.DeliveryLease, "Hangfire:InvisibilityTimeout must be longer than Hangfire:DeliveryLease.")
            .ValidateOnStart();
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section)
            .Validate(o => string.IsNullOrEmpty(o.Username) == string.IsNullOrEmpty(o.Password), "Dashboard:Username and Dashboard:Password go together.")
            .ValidateOnStart();
        var scheduling = configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions();
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                storage => storage.UseNpgsqlConnection(connectionString),
                new PostgreSqlStorageOptions
                {
                    SchemaName = Schema,
                    PrepareSchemaIfNecessary = true,
                    QueuePollInterval = TimeSpan.FromSeconds(1),

                    // A job fetched by a worker that died returns to the queue after this; live workers keep theirs hidden.
                    UseSlidingInvisibilityTimeout = true,
                    InvisibilityTimeout = scheduling.InvisibilityTimeout,
                }));
        services.AddTransient<DailyDispatchJob>();
        services.AddTransient<SendDeliveryJob>();

        if (runWorkers && scheduling.WorkerCount > 0)
        {
            services.AddHangfireServer(server => server.WorkerCount = scheduling.WorkerCount);
        }

        services.AddHostedService<RecurringJobsRegistration>();
        return services;
    }

    public static WebApplication MapStudyBotDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DashboardOptions>>().Value;
        app.UseHangfireDashboard("/hangfire", new Hangfire.DashboardOptions { Authorization = [new DashboardAccess(options)], DisplayStorageConnectionString = false });
        return app;
    }
}

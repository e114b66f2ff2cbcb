using Microsoft.EntityFrameworkCore;
using StudyBot.Core;
using StudyBot.Core.Content;
using StudyBot.Core.Delivery;
using StudyBot.Core.Persistence;
using StudyBot.Core.Sources;
using StudyBot.Host.ConsoleChat;
using StudyBot.Host.Email;

namespace StudyBot.Host.Startup;

/// <summary>Wiring shared by every verb that runs the bot.</summary>
public static class StudyBotServices
{
    public static IServiceCollection AddStudyBot(this IServiceCollection services, ContentCatalog catalog, string connectionString)
    {
        services.AddStudyBotCore(catalog, connectionString);
        services.AddSingleton<IChatSender, ConsoleChatSender>(); // background grading feedback reaches the console chat
        services.AddStudyBotEmail(); // Smtp:* (email off without Smtp:Host)
        return services;
    }

    /// <summary>Logs go to stderr so stdout carries only chat replies (the console chat is pipeable).</summary>
    public static ILoggingBuilder AddStudyBotLogging(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.ClearProviders();
        logging.AddSimpleConsole(options => options.SingleLine = true);
        logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        return logging;
    }

    /// <summary>Mirrors the source catalogue into the database once the schema is there.</summary>
    public static async Task SyncSourcesAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var factory = services.GetRequiredService<IDbContextFactory<StudyBotDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await SourceCatalogSync.SyncAsync(db, services.GetRequiredService<ContentCatalog>(), services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }
}

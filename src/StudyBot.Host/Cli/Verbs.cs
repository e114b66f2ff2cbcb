using Microsoft.Extensions.Options;
using StudyBot.Core;
using StudyBot.Core.Commands;
using StudyBot.Core.Content;
using StudyBot.Host.ConsoleChat;
using StudyBot.Host.Startup;
using StudyBot.Host.Web;

namespace StudyBot.Host.Cli;

/// <summary>What each CLI verb does. Start-up problems end as one line on stderr and exit code 1.</summary>
public static class Verbs
{
    /// <summary>`run`: the web host (health endpoints, later webhooks and the dashboard), plus the console chat at a terminal.</summary>
    public static Task<int> RunAsync(string[] webArgs, string? contentRoot, ConsoleIdentity identity, CancellationToken cancellationToken) =>
        Guarded(async () =>
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = webArgs, ContentRootPath = AppContext.BaseDirectory });
            builder.Logging.AddStudyBotLogging();
            var root = ContentBootstrap.LocateRoot(contentRoot ?? builder.Configuration["StudyBot:ContentPath"]);
            var catalog = ContentBootstrap.Load(root, Console.Error);
            await using var database = await DatabaseBootstrap.StartAsync(builder.Configuration, root, Console.Error, cancellationToken).ConfigureAwait(false);

            builder.Services.AddStudyBot(catalog, database.ConnectionString);
            builder.Services.AddStudyBotHealthChecks();
            builder.Services.AddSingleton(identity);
            if (!Console.IsInputRedirected)
            {
                builder.Services.AddHostedService<ConsoleChatService>();
            }

            await using var app = builder.Build();
            await StudyBotServices.SyncSourcesAsync(app.Services, cancellationToken).ConfigureAwait(false);
            app.MapStudyBotEndpoints();
            await app.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });

    /// <summary>`chat`: the console chat alone; reads stdin to its end, so it works in a pipe.</summary>
    public static Task<int> ChatAsync(string? contentRoot, ConsoleIdentity identity, CancellationToken cancellationToken) =>
        Guarded(async () =>
        {
            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
            builder.Logging.AddStudyBotLogging();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            var root = ContentBootstrap.LocateRoot(contentRoot ?? builder.Configuration["StudyBot:ContentPath"]);
            var catalog = ContentBootstrap.Load(root, Console.Error);
            await using var database = await DatabaseBootstrap.StartAsync(builder.Configuration, root, TextWriter.Null, cancellationToken).ConfigureAwait(false);
            builder.Services.AddStudyBot(catalog, database.ConnectionString);

            using var host = builder.Build();
            _ = host.Services.GetRequiredService<IOptions<StudyBotOptions>>().Value; // validate before the first message
            await StudyBotServices.SyncSourcesAsync(host.Services, cancellationToken).ConfigureAwait(false);
            var engine = host.Services.GetRequiredService<StudyBotEngine>();
            var loop = new ConsoleChatLoop(engine, identity, Console.In, Console.Out, interactive: !Console.IsInputRedirected);
            await loop.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });

    /// <summary>`migrate`: applies migrations and exits.</summary>
    public static Task<int> MigrateAsync(string? contentRoot, CancellationToken cancellationToken) =>
        Guarded(async () =>
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            var root = ContentBootstrap.LocateRoot(contentRoot ?? configuration["StudyBot:ContentPath"]);
            await using var database = await DatabaseBootstrap.StartAsync(configuration, root, Console.Error, cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"Migrations applied ({DatabaseBootstrap.Describe(database.ConnectionString)}).").ConfigureAwait(false);
            return 0;
        });

    /// <summary>`content validate`: every problem as file:line: field: problem; exit 1 when there is any.</summary>
    public static Task<int> ValidateContentAsync(string? contentRoot) =>
        Guarded(() =>
        {
            var root = ContentBootstrap.LocateRoot(contentRoot);
            var result = ContentLoader.Load(root);
            foreach (var error in result.Errors)
            {
                Console.Out.WriteLine(error.ToString());
            }

            if (!result.IsValid)
            {
                Console.Error.WriteLine($"content validate: {result.Errors.Count} error(s) in {root}");
                return Task.FromResult(1);
            }

            var catalog = result.Catalog!;
            Console.Out.WriteLine($"content OK: {catalog.Lessons.Count} lessons, {catalog.Sources.Count} sources, {catalog.Stages.Count} stages, {catalog.Tracks.Count} tracks ({root})");
            return Task.FromResult(0);
        });

    /// <summary>`content stats`: coverage figures; the last line is JSON for scripts.</summary>
    public static Task<int> ContentStatsAsync(string? contentRoot) =>
        Guarded(() =>
        {
            var catalog = ContentBootstrap.Load(contentRoot, Console.Error);
            Console.Out.WriteLine(ContentStats.Of(catalog).Render());
            return Task.FromResult(0);
        });

    private static async Task<int> Guarded(Func<Task<int>> verb)
    {
        try
        {
            return await verb().ConfigureAwait(false);
        }
        catch (StartupException ex)
        {
            await Console.Error.WriteLineAsync("studybot: " + ex.Message).ConfigureAwait(false);
            return 1;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync("studybot: invalid configuration: " + string.Join("; ", ex.Failures)).ConfigureAwait(false);
            return 1;
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync("studybot: invalid configuration: " + ex.Message).ConfigureAwait(false);
            return 1;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
    }
}

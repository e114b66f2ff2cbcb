using Microsoft.Extensions.Options;
using StudyBot.Core;
using StudyBot.Core.Commands;
using StudyBot.Core.Content;
using StudyBot.Core.Quizzes.BackgroundGrading;
using StudyBot.Discord;
using StudyBot.Discord.SlashCommands;
using StudyBot.Grading.OpenAI;
using StudyBot.Host.ConsoleChat;
using StudyBot.Host.Email;
using StudyBot.Host.Grading;
using StudyBot.Host.Scheduling;
using StudyBot.Host.Startup;
using StudyBot.Host.Web;
using StudyBot.Telegram;

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
            builder.Services.AddStudyBotLlmGrading(builder.Configuration);
            builder.Services.AddStudyBotHealthChecks();
            builder.Services.AddStudyBotScheduling(builder.Configuration, database.ConnectionString, runWorkers: true);
            builder.Services.AddStudyBotEmailDigests();
            builder.Services.AddStudyBotHangfireGrading(builder.Configuration, runWorkers: true);
            builder.Services.AddStudyBotDiscord(builder.Configuration);
            builder.Services.AddStudyBotTelegram(builder.Configuration);
            builder.Services.AddSingleton(identity);
            if (!Console.IsInputRedirected)
            {
                builder.Services.AddHostedService<ConsoleChatService>();
            }

            await using var app = builder.Build();
            await StudyBotServices.SyncSourcesAsync(app.Services, cancellationToken).ConfigureAwait(false);
            app.MapStudyBotEndpoints();
            app.MapStudyBotDashboard();
            app.MapDiscordInteractions();
            app.MapTelegramWebhook();
            app.MapStudyBotEmail();
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
            builder.Services.AddStudyBotLlmGrading(builder.Configuration);

            using var host = builder.Build();
            _ = host.Services.GetRequiredService<IOptions<StudyBotOptions>>().Value; // validate before the first message
            await StudyBotServices.SyncSourcesAsync(host.Services, cancellationToken).ConfigureAwait(false);
            var engine = host.Services.GetRequiredService<StudyBotEngine>();
            var loop = new ConsoleChatLoop(engine, identity, Console.In, Console.Out, interactive: !Console.IsInputRedirected);
            await loop.RunAsync(cancellationToken).ConfigureAwait(false);
            await host.Services.GetRequiredService<GradingJobs>().DrainAsync(GradingJobs.DrainTimeout).ConfigureAwait(false); // print feedback still being graded
            return 0;
        });

    /// <summary>`worker`: Hangfire workers (daily posts, digests, grading) with no web endpoints, to scale apart from web replicas.</summary>
    public static Task<int> WorkerAsync(string? contentRoot, CancellationToken cancellationToken) =>
        Guarded(async () =>
        {
            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
            builder.Logging.AddStudyBotLogging();
            var root = ContentBootstrap.LocateRoot(contentRoot ?? builder.Configuration["StudyBot:ContentPath"]);
            var catalog = ContentBootstrap.Load(root, Console.Error);
            await using var database = await DatabaseBootstrap.StartAsync(builder.Configuration, root, Console.Error, cancellationToken).ConfigureAwait(false);
            builder.Services.AddStudyBot(catalog, database.ConnectionString);
            builder.Services.AddStudyBotLlmGrading(builder.Configuration); // workers grade open answers too
            builder.Services.AddStudyBotScheduling(builder.Configuration, database.ConnectionString, runWorkers: true);
            builder.Services.AddStudyBotEmailDigests();
            builder.Services.AddStudyBotHangfireGrading(builder.Configuration, runWorkers: true);
            builder.Services.AddStudyBotDiscordSender(builder.Configuration); // workers post daily lessons and digests
            builder.Services.AddStudyBotTelegramSender(builder.Configuration);

            using var host = builder.Build();
            await StudyBotServices.SyncSourcesAsync(host.Services, cancellationToken).ConfigureAwait(false);
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
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

    /// <summary>`commands register [--guild ID]`: bulk-overwrites the Discord slash commands (globally, or in one guild).</summary>
    public static Task<int> RegisterDiscordCommandsAsync(string? guildId, CancellationToken cancellationToken) =>
        Guarded(() => RegisterCommandsVerb.RunAsync(new ConfigurationBuilder().AddEnvironmentVariables().Build(), guildId, Console.Out, Console.Error, cancellationToken));

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

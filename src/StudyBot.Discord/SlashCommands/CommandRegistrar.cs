using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core;
using StudyBot.Discord.Api;

namespace StudyBot.Discord.SlashCommands;

/// <summary>Replaces the application's slash commands (globally, or in one guild) with ours, in one bulk overwrite.</summary>
public sealed class CommandRegistrar(IDiscordRestClient rest, IOptions<StudyBotOptions> studyBotOptions)
{
    public Task<IReadOnlyList<RegisteredCommand>> RegisterAsync(string? guildId, CancellationToken cancellationToken) =>
        rest.BulkOverwriteCommandsAsync(string.IsNullOrWhiteSpace(guildId) ? null : guildId, SlashCommandCatalog.Definitions(studyBotOptions.Value.MaxAnswerLength), cancellationToken);
}

/// <summary>Discord:RegisterCommands=true: registers once at start; a failure is logged, the bot keeps running.</summary>
public sealed partial class CommandRegistrationService(CommandRegistrar registrar, IOptions<DiscordOptions> options, ILogger<CommandRegistrationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var guild = options.Value.GuildId;
        try
        {
            var registered = await registrar.RegisterAsync(guild, stoppingToken).ConfigureAwait(false);
            LogRegistered(logger, registered.Count, guild ?? "global");
        }
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException)
        {
            LogFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord: {Count} slash commands registered ({Scope})")]
    private static partial void LogRegistered(ILogger logger, int count, string scope);

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord: registering slash commands failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}

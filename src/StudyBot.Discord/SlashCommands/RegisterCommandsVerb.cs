using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core;
using StudyBot.Discord.Api;

namespace StudyBot.Discord.SlashCommands;

/// <summary>`commands register [--guild ID]`: bulk-overwrites the slash commands and prints one line.</summary>
public static class RegisterCommandsVerb
{
    public static async Task<int> RunAsync(IConfiguration configuration, string? guildId, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var services = new ServiceCollection()
            .AddSingleton(configuration)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddOptions<StudyBotOptions>().BindConfiguration(StudyBotOptions.Section).ValidateDataAnnotations();
        services.AddStudyBotDiscordClient();
        await using var provider = services.BuildServiceProvider();
        var settings = configuration.GetSection(DiscordOptions.Section).Get<DiscordOptions>() ?? new DiscordOptions();
        if (!settings.Enabled)
        {
            await error.WriteLineAsync("commands register: Discord:BotToken (Discord__BotToken) is not set.").ConfigureAwait(false);
            return 1;
        }

        var options = provider.GetRequiredService<IOptions<DiscordOptions>>().Value; // throws OptionsValidationException on bad settings

        var guild = string.IsNullOrWhiteSpace(guildId) ? options.GuildId : guildId;
        try
        {
            var registered = await provider.GetRequiredService<CommandRegistrar>().RegisterAsync(guild, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"Registered {registered.Count} slash commands ({(guild is null ? "global" : "guild " + guild)}): {string.Join(", ", registered.Select(c => c.Name))}").ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException)
        {
            await error.WriteLineAsync("commands register: " + ex.Message).ConfigureAwait(false);
            return 1;
        }
    }
}

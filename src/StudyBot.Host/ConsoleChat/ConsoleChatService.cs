using StudyBot.Core.Commands;

namespace StudyBot.Host.ConsoleChat;

/// <summary>The console chat inside `run`, when a person sits at a terminal.</summary>
public sealed class ConsoleChatService(StudyBotEngine engine, ConsoleIdentity identity) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // let the host finish starting before we block on the keyboard
        var loop = new ConsoleChatLoop(engine, identity, Console.In, Console.Out, interactive: true);
        await loop.RunAsync(stoppingToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync("Console chat closed; the bot keeps running. Ctrl+C stops it.").ConfigureAwait(false);
    }
}

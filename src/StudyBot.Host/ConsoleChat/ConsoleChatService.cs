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

        // On shutdown the terminal read is still pending and holds the console: writing now would block
        // the host's stop until its timeout. Only say goodbye when the person closed the input (Ctrl+D).
        if (!stoppingToken.IsCancellationRequested)
        {
            await Console.Out.WriteLineAsync("Console chat closed; the bot keeps running. Ctrl+C stops it.").ConfigureAwait(false);
        }
    }
}

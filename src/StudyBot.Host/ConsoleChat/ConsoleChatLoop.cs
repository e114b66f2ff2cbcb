using StudyBot.Core.Commands;

namespace StudyBot.Host.ConsoleChat;

/// <summary>
/// The console adapter: each input line is a message; text that is not a command answers the current
/// quiz question. Ends at end of input.
/// </summary>
public sealed class ConsoleChatLoop(StudyBotEngine engine, ConsoleIdentity identity, TextReader input, TextWriter output, bool interactive)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (interactive)
        {
            var where = identity.ChatName is null ? "a private chat" : $"the group \"{identity.ChatName}\"";
            await output.WriteLineAsync($"StudyBot console chat: you are {identity.UserName} in {where}. Type /help; Ctrl+D leaves.").ConfigureAwait(false);
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            if (interactive)
            {
                await output.WriteAsync("> ").ConfigureAwait(false);
            }

            string? line;
            try
            {
                // Console.In reads synchronously even through ReadLineAsync; reading on a pool thread and
                // waiting with the token keeps a pending keyboard read from holding up shutdown.
                line = await Task.Run(input.ReadLine, CancellationToken.None).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (line is null)
            {
                break;
            }

            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (!interactive)
            {
                await output.WriteLineAsync("> " + line).ConfigureAwait(false);
            }

            var text = line.StartsWith('/') ? line : "/answer " + line;
            var reply = await engine.HandleAsync(new Incoming(identity.Chat, identity.Sender, text), cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(ConsoleRenderer.Render(reply)).ConfigureAwait(false);
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

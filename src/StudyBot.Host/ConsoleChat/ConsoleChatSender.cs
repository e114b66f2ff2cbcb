using StudyBot.Core.Commands;
using StudyBot.Core.Delivery;
using StudyBot.Core.Persistence;

namespace StudyBot.Host.ConsoleChat;

/// <summary>
/// Prints what the bot sends to a console chat outside a command's reply (feedback on an answer graded in the
/// background) to standard output, where the console chat reads it.
/// </summary>
public sealed class ConsoleChatSender(TextWriter output) : IChatSender
{
    private readonly Lock _gate = new();

    public ConsoleChatSender()
        : this(Console.Out)
    {
    }

    public Platform Platform => Platform.Console;

    public Task<SendResult> SendAsync(ChatRef chat, SenderRef? recipient, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(reply);
        var to = recipient is null ? string.Empty : $"@{recipient.DisplayName} ";
        var text = $"[{to}in {chat.Title ?? chat.ExternalId}]{Environment.NewLine}{ConsoleRenderer.Render(reply)}{Environment.NewLine}";
        lock (_gate)
        {
            // One message at a time, whole: grading workers may finish together.
            output.WriteLine(text);
            output.Flush();
        }

        return Task.FromResult(SendResult.Ok);
    }

    /// <summary>A direct message (a reminder) is printed addressed to the member alone.</summary>
    public Task<SendResult> SendDirectAsync(SenderRef member, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        return SendAsync(new ChatRef(Platform.Console, member.ExternalId, ChatKind.Private, $"direct message to {member.DisplayName}"), null, reply, cancellationToken);
    }
}

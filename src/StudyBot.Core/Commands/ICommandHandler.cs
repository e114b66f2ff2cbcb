namespace StudyBot.Core.Commands;

/// <summary>One command (with its aliases). Handlers are platform-neutral and stateless.</summary>
public interface ICommandHandler
{
    /// <summary>The command name first, then aliases, all lower case without '/'.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>Only the chat's administrators may run it.</summary>
    bool AdminOnly { get; }

    Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken);
}

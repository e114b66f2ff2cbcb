using StudyBot.Core.Commands;

namespace StudyBot.Core.Groups;

/// <summary>/pause: stops the daily posts and digests for this chat until /resume.</summary>
public sealed class PauseHandler : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["pause"];

    public bool AdminOnly => true;

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Chat.Paused)
        {
            return Reply.Text(context.T.AlreadyPaused);
        }

        context.Chat.Paused = true;
        await context.Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return Reply.Text(context.T.Paused);
    }
}

/// <summary>/resume: daily posts and digests again.</summary>
public sealed class ResumeHandler : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["resume"];

    public bool AdminOnly => true;

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Chat.Paused)
        {
            return Reply.Text(context.T.NotPaused);
        }

        context.Chat.Paused = false;
        await context.Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return Reply.Text(context.T.Resumed(context.Chat.PostTime, context.Chat.TimeZone));
    }
}

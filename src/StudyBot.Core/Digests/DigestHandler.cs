using StudyBot.Core.Commands;

namespace StudyBot.Core.Digests;

/// <summary>/digest now: this week's digest, posted into the chat at once (admins).</summary>
public sealed class DigestHandler : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["digest"];

    public bool AdminOnly => true;

    public Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var language = Localization.Languages.Parse(context.Chat.Language) ?? context.Language;
        return WeeklyDigest.ComposeAsync(context.Db, context.Catalog, context.Chat, context.Now, language, cancellationToken);
    }
}

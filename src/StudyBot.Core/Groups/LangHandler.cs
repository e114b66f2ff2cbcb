using StudyBot.Core.Commands;
using StudyBot.Core.Localization;

namespace StudyBot.Core.Groups;

/// <summary>/lang zh|en: the member's own language, everywhere the bot talks to them.</summary>
public sealed class LangHandler : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["lang", "language"];

    public bool AdminOnly => false;

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var words = context.Command.Words();
        if (words.Count != 1 || Languages.Parse(words[0]) is not { } language)
        {
            return Reply.Text(context.T.LangUsage(context.Language.Code()));
        }

        context.Member.Language = language.Code();
        await context.Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        context.Language = language;
        return new ReplyBuilder().Paragraph(context.T.LangChanged).Personal().Build();
    }
}

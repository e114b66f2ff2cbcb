using StudyBot.Core.Commands;

namespace StudyBot.Core.Groups;

/// <summary>/help: every command with a one-line description; admin commands listed for admins.</summary>
public sealed class HelpHandler : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["help"];

    public bool AdminOnly => false;

    public Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var t = context.T;
        var builder = new ReplyBuilder()
            .Heading(t.HelpHeading)
            .List(t.MemberCommands.Select(c => (IReadOnlyList<Span>)[new Span(c.Usage, SpanStyle.Code), new Span(" — " + c.Description)]));
        builder.Paragraph(new Span(context.IsAdmin ? t.AdminCommandsTitle : t.AdminCommandsTitleNotAdmin, SpanStyle.Bold));
        builder.List(t.AdminCommands.Select(c => (IReadOnlyList<Span>)[new Span(c.Usage, SpanStyle.Code), new Span(" — " + c.Description)]));
        return Task.FromResult(builder.Build());
    }
}

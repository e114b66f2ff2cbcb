using StudyBot.Core.Commands;

namespace StudyBot.Core.Groups;

/// <summary>/setup [key=value …]: shows the chat's settings, or changes them all-or-nothing.</summary>
public sealed class SetupHandler : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["setup", "settings"];

    public bool AdminOnly => true;

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var t = context.T;
        var words = context.Command.Words();
        if (words.Count == 0)
        {
            return ShowSettings(context, t.SettingsHeading);
        }

        var (request, problems) = SetupRequest.Parse(words, context.Catalog);
        if (request is null)
        {
            return new ReplyBuilder()
                .Paragraph(new Span(t.SetupNothingChanged, SpanStyle.Bold))
                .List(problems.Select(t.SetupProblem))
                .Paragraph(new Span(Localization.Texts.SetupUsage, SpanStyle.Code))
                .Build();
        }

        request.ApplyTo(context.Chat);
        await context.Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return ShowSettings(context, t.SettingsSaved);
    }

    private static Reply ShowSettings(CommandContext context, string heading)
    {
        var t = context.T;
        var chat = context.Chat;
        var track = context.Catalog.FindTrack(chat.TrackId) ?? context.Catalog.DefaultTrack;
        var schedule = context.Schedule;
        return new ReplyBuilder()
            .Heading(heading)
            .List(
            [
                $"track={track.Id} — {track.Title.For(context.Language)}",
                $"start={chat.StartDate:yyyy-MM-dd} — {t.SettingsDay(schedule.Day, schedule.Lessons.Count)}",
                $"tz={chat.TimeZone}",
                $"time={chat.PostTime:HH\\:mm}",
                $"digest={chat.DigestDay.ToString()[..3]}@{chat.DigestTime:HH\\:mm}",
                $"lang={chat.Language}",
                $"evening={chat.EveningTime:HH\\:mm}",
                chat.Paused ? t.SettingsPaused : t.SettingsRunning,
            ])
            .Paragraph(new Span(Localization.Texts.SetupUsage, SpanStyle.Code))
            .Build();
    }
}

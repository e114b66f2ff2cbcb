using StudyBot.Core.Content;
using StudyBot.Core.Localization;
using StudyBot.Core.Persistence;
using StudyBot.Core.Roadmap;

namespace StudyBot.Core.Commands;

/// <summary>Everything a handler needs for one command: who, where, when, in which language.</summary>
public sealed class CommandContext
{
    public required Incoming Incoming { get; init; }

    public required ParsedCommand Command { get; init; }

    public required StudyBotDbContext Db { get; init; }

    public required Chat Chat { get; init; }

    public required Member Member { get; init; }

    public required ContentCatalog Catalog { get; init; }

    public required DateTimeOffset Now { get; init; }

    public required StudyBotOptions Options { get; init; }

    public Language Language { get; set; }

    public Texts T => Texts.For(Language);

    public bool IsAdmin => Incoming.Sender.IsChatAdmin;

    /// <summary>The group's position on its track right now (recomputed: /setup may change it).</summary>
    public GroupSchedule Schedule => GroupSchedule.For(Catalog, Chat.TrackId, Chat.StartDate, Chat.TimeZone, Now);
}

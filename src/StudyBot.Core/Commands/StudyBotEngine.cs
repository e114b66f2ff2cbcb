using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StudyBot.Core.Content;
using StudyBot.Core.Localization;
using StudyBot.Core.Persistence;
using StudyBot.Core.Roadmap;

namespace StudyBot.Core.Commands;

/// <summary>
/// The one entry point for every adapter: text in, <see cref="Reply"/> out. Parses, registers the chat and
/// member, checks rights and dispatches; turns database outages into a friendly message.
/// </summary>
public sealed partial class StudyBotEngine
{
    private readonly IDbContextFactory<StudyBotDbContext> _dbFactory;
    private readonly ContentCatalog _catalog;
    private readonly TimeProvider _time;
    private readonly StudyBotOptions _options;
    private readonly ILogger<StudyBotEngine> _logger;
    private readonly Dictionary<string, ICommandHandler> _handlers;

    // Who was registered lately, so a busy chat costs two reads per command instead of three upserts and
    // two reads. Display names and last-seen times are refreshed once the entry is older than the window.
    private readonly ConcurrentDictionary<(Platform Platform, string Chat, string Member), (long ChatId, long MemberId, DateTimeOffset At)> _recent = new();
    private static readonly TimeSpan RecentWindow = TimeSpan.FromMinutes(5);
    private const int MaxRecent = 50_000;

    public StudyBotEngine(
        IDbContextFactory<StudyBotDbContext> dbFactory,
        ContentCatalog catalog,
        IEnumerable<ICommandHandler> handlers,
        TimeProvider time,
        IOptions<StudyBotOptions> options,
        ILogger<StudyBotEngine> logger)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(options);
        _dbFactory = dbFactory;
        _catalog = catalog;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _handlers = new Dictionary<string, ICommandHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            foreach (var name in handler.Names)
            {
                _handlers.Add(name, handler);
            }
        }
    }

    public async Task<Reply> HandleAsync(Incoming incoming, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        var fallbackTexts = Texts.For(Languages.Parse(incoming.Sender.Locale) ?? Language.En);
        if (incoming.Text.Length > Incoming.MaxTextLength)
        {
            return Reply.Text(fallbackTexts.MessageTooLong(Incoming.MaxTextLength));
        }

        var command = CommandParser.Parse(incoming.Text);
        if (command is null || !_handlers.TryGetValue(command.Name, out var handler))
        {
            return Reply.Text(fallbackTexts.UnknownCommand(command?.Name));
        }

        try
        {
            await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            var (chat, member) = await RegisterAsync(db, incoming, now, cancellationToken).ConfigureAwait(false);
            var context = new CommandContext
            {
                Incoming = incoming,
                Command = command,
                Db = db,
                Chat = chat,
                Member = member,
                Catalog = _catalog,
                Now = now,
                Options = _options,
                Language = ResolveLanguage(member, incoming, chat),
            };

            if (handler.AdminOnly && !incoming.Sender.IsChatAdmin)
            {
                return Reply.Text(context.T.AdminOnly(command.Name));
            }

            return await handler.HandleAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsDatabaseOutage(ex))
        {
            // Idle pooled connections died with the server: drop them so the next command connects afresh.
            NpgsqlConnection.ClearAllPools();
            LogDatabaseOutage(_logger, command.Name, ex.GetType().Name, ex);
            return Reply.Text(fallbackTexts.DatabaseUnavailable);
        }
    }

    /// <summary>Language for a member: their /lang choice, else their platform's locale, else the chat's.</summary>
    public static Language ResolveLanguage(Member member, Incoming incoming, Chat chat)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(chat);
        return Languages.Parse(member.Language)
            ?? Languages.Parse(incoming.Sender.Locale)
            ?? Languages.Parse(chat.Language)
            ?? Language.En;
    }

    private async Task<(Chat Chat, Member Member)> RegisterAsync(StudyBotDbContext db, Incoming incoming, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = (incoming.Chat.Platform, incoming.Chat.ExternalId, incoming.Sender.ExternalId);
        if (_recent.TryGetValue(key, out var seen) && now - seen.At < RecentWindow && now >= seen.At)
        {
            var knownChat = await db.Chats.SingleOrDefaultAsync(c => c.Id == seen.ChatId, cancellationToken).ConfigureAwait(false);
            var knownMember = await db.Members.SingleOrDefaultAsync(m => m.Id == seen.MemberId, cancellationToken).ConfigureAwait(false);
            // An inactive chat goes through the upsert, which reactivates it (the bot was added back).
            if (knownChat is { Active: true } && knownMember is not null && knownChat.ExternalId == incoming.Chat.ExternalId)
            {
                return (knownChat, knownMember);
            }
        }

        var registered = await UpsertAsync(db, incoming, now, cancellationToken).ConfigureAwait(false);
        if (_recent.Count >= MaxRecent)
        {
            _recent.Clear();
        }

        _recent[key] = (registered.Chat.Id, registered.Member.Id, now);
        return registered;
    }

    private async Task<(Chat Chat, Member Member)> UpsertAsync(StudyBotDbContext db, Incoming incoming, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var platform = incoming.Chat.Platform.ToString();
        var kind = incoming.Chat.Kind.ToString();
        var zone = _options.DefaultTimeZone;
        var startDate = ZoneClock.LocalDate(now, zone);
        var language = (Languages.Parse(incoming.Sender.Locale) ?? Language.En).Code();
        var sender = incoming.Sender;

        // INSERT … ON CONFLICT keeps two first messages arriving at once from racing on the unique keys.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO studybot.chats (platform, external_id, title, kind, track_id, start_date, time_zone, post_time, digest_day, digest_time, language, paused, active, created_at)
            VALUES ({platform}, {incoming.Chat.ExternalId}, {incoming.Chat.Title}, {kind}, {_catalog.DefaultTrack.Id}, {startDate}, {zone}, {_options.DefaultPostTime}, {_options.DefaultDigestDay.ToString()}, {_options.DefaultDigestTime}, {language}, false, true, {now})
            ON CONFLICT (platform, external_id) DO UPDATE SET active = true, title = COALESCE(EXCLUDED.title, chats.title)
            """,
            cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO studybot.members (platform, external_id, display_name, platform_locale, created_at)
            VALUES ({platform}, {sender.ExternalId}, {Truncate(sender.DisplayName, 128)}, {Truncate(sender.Locale, 16)}, {now})
            ON CONFLICT (platform, external_id) DO UPDATE SET display_name = EXCLUDED.display_name, platform_locale = COALESCE(EXCLUDED.platform_locale, members.platform_locale)
            """,
            cancellationToken).ConfigureAwait(false);

        var chat = await db.Chats.SingleAsync(c => c.Platform == incoming.Chat.Platform && c.ExternalId == incoming.Chat.ExternalId, cancellationToken).ConfigureAwait(false);
        var member = await db.Members.SingleAsync(m => m.Platform == incoming.Chat.Platform && m.ExternalId == sender.ExternalId, cancellationToken).ConfigureAwait(false);

        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO studybot.memberships (chat_id, member_id, joined_at, last_seen_at) VALUES ({chat.Id}, {member.Id}, {now}, {now})
            ON CONFLICT (chat_id, member_id) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at
            """,
            cancellationToken).ConfigureAwait(false);
        return (chat, member);
    }

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];

    private static bool IsDatabaseOutage(Exception ex) => ex switch
    {
        PostgresException pg => IsOutageState(pg.SqlState),
        NpgsqlException => true, // connection refused, broken stream, timeouts
        TimeoutException => true,
        _ when ex.InnerException is not null => IsDatabaseOutage(ex.InnerException),
        _ => false,
    };

    // 57P01..57P03: admin shutdown, crash shutdown, cannot connect now; 08xxx: connection exceptions.
    private static bool IsOutageState(string state) => state.StartsWith("57P", StringComparison.Ordinal) || state.StartsWith("08", StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable while handling /{Command} ({ExceptionType})")]
    private static partial void LogDatabaseOutage(ILogger logger, string command, string exceptionType, Exception exception);
}

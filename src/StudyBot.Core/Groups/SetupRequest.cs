using System.Globalization;
using StudyBot.Core.Content;
using StudyBot.Core.Localization;
using StudyBot.Core.Persistence;
using StudyBot.Core.Roadmap;

namespace StudyBot.Core.Groups;

/// <summary>A problem with one /setup pair: which key, what was typed, and the valid form.</summary>
public sealed record SetupProblem(string Key, string Value, SetupProblemKind Kind, IReadOnlyList<string> Suggestions);

public enum SetupProblemKind
{
    UnknownKey,
    NotKeyValue,
    BadTrack,
    BadDate,
    BadZone,
    BadTime,
    BadDigest,
    BadLanguage,
    Repeated,
    BadEvening,
}

/// <summary>
/// "/setup track=full start=2026-12-01 tz=Asia/Shanghai time=08:30 digest=Sun@18:00 lang=zh": every pair is
/// checked before any is applied, so a typo changes nothing.
/// </summary>
public sealed class SetupRequest
{
    public static IReadOnlyList<string> Keys { get; } = ["track", "start", "tz", "time", "digest", "lang", "evening"];

    private SetupRequest() { }

    public string? TrackId { get; private init; }

    public DateOnly? StartDate { get; private init; }

    public string? TimeZone { get; private init; }

    public TimeOnly? PostTime { get; private init; }

    public DayOfWeek? DigestDay { get; private init; }

    public TimeOnly? DigestTime { get; private init; }

    public Language? Language { get; private init; }

    /// <summary>Local time of the evening reminder (members opt in with /remind on).</summary>
    public TimeOnly? EveningTime { get; private init; }

    public static (SetupRequest? Request, IReadOnlyList<SetupProblem> Problems) Parse(IEnumerable<string> pairs, ContentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(catalog);
        var problems = new List<SetupProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? track = null, zone = null;
        DateOnly? start = null;
        TimeOnly? time = null, digestTime = null;
        DayOfWeek? digestDay = null;
        Language? language = null;
        TimeOnly? evening = null;

        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                problems.Add(new SetupProblem(pair, string.Empty, SetupProblemKind.NotKeyValue, []));
                continue;
            }

            var key = pair[..eq].Trim().ToLowerInvariant();
            var value = pair[(eq + 1)..].Trim();
            if (!Keys.Contains(key))
            {
                problems.Add(new SetupProblem(key, value, SetupProblemKind.UnknownKey, Keys));
                continue;
            }

            if (!seen.Add(key))
            {
                problems.Add(new SetupProblem(key, value, SetupProblemKind.Repeated, []));
                continue;
            }

            switch (key)
            {
                case "track":
                    if (catalog.FindTrack(value) is null)
                    {
                        problems.Add(new SetupProblem(key, value, SetupProblemKind.BadTrack, catalog.Tracks.Select(t => t.Id).ToList()));
                    }
                    else
                    {
                        track = value;
                    }

                    break;
                case "start":
                    if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    {
                        start = date;
                    }
                    else
                    {
                        problems.Add(new SetupProblem(key, value, SetupProblemKind.BadDate, []));
                    }

                    break;
                case "tz":
                    if (ZoneClock.IsKnownZone(value))
                    {
                        zone = value;
                    }
                    else
                    {
                        problems.Add(new SetupProblem(key, value, SetupProblemKind.BadZone, ZoneClock.Suggest(value)));
                    }

                    break;
                case "time":
                    if (TryParseTime(value, out var postTime))
                    {
                        time = postTime;
                    }
                    else
                    {
                        problems.Add(new SetupProblem(key, value, SetupProblemKind.BadTime, []));
                    }

                    break;
                case "digest":
                    if (TryParseDigest(value, out var day, out var dayTime))
                    {
                        digestDay = day;
                        digestTime = dayTime;
                    }
                    else
                    {
                        problems.Add(new SetupProblem(key, value, SetupProblemKind.BadDigest, []));
                    }

                    break;
                case "lang":
                    language = Languages.Parse(value) is { } parsed && value.Length <= 7 ? parsed : null;
                    if (language is null)
                    {
                        problems.Add(new SetupProblem(key, value, SetupProblemKind.BadLanguage, ["en", "zh"]));
                    }

                    break;
                case "evening":
                    if (TryParseTime(value, out var eveningTime))
                    {
                        evening = eveningTime;
                    }
                    else
                    {
                        problems.Add(new SetupProblem(key, value, SetupProblemKind.BadEvening, []));
                    }

                    break;
            }
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        return (new SetupRequest
        {
            TrackId = track,
            StartDate = start,
            TimeZone = zone,
            PostTime = time,
            DigestDay = digestDay,
            DigestTime = digestTime,
            Language = language,
            EveningTime = evening,
        }, problems);
    }

    public void ApplyTo(Chat chat)
    {
        ArgumentNullException.ThrowIfNull(chat);
        chat.TrackId = TrackId ?? chat.TrackId;
        chat.StartDate = StartDate ?? chat.StartDate;
        chat.TimeZone = TimeZone ?? chat.TimeZone;
        chat.PostTime = PostTime ?? chat.PostTime;
        chat.DigestDay = DigestDay ?? chat.DigestDay;
        chat.DigestTime = DigestTime ?? chat.DigestTime;
        chat.Language = Language?.Code() ?? chat.Language;
        chat.EveningTime = EveningTime ?? chat.EveningTime;
    }

    private static bool TryParseTime(string value, out TimeOnly time) =>
        TimeOnly.TryParseExact(value, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    // "Sun", "sunday", "Sun@18:00"; the time keeps its old value when not given.
    private static bool TryParseDigest(string value, out DayOfWeek day, out TimeOnly? time)
    {
        time = null;
        day = default;
        var parts = value.Split('@');
        if (parts.Length > 2 || parts[0].Length < 3)
        {
            return false;
        }

        var name = parts[0].ToUpperInvariant();
        var match = Enum.GetValues<DayOfWeek>().Where(d => d.ToString().ToUpperInvariant().StartsWith(name, StringComparison.Ordinal)).ToList();
        if (match.Count != 1)
        {
            return false;
        }

        day = match[0];
        if (parts.Length == 2)
        {
            if (!TryParseTime(parts[1], out var parsed))
            {
                return false;
            }

            time = parsed;
        }

        return true;
    }
}

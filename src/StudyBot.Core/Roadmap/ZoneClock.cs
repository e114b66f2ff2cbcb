using NodaTime;

namespace StudyBot.Core.Roadmap;

/// <summary>Local dates and times in IANA zones (NodaTime's bundled tzdb: no dependency on the host's tzdata).</summary>
public static class ZoneClock
{
    public static bool IsKnownZone(string zoneId) =>
        !string.IsNullOrWhiteSpace(zoneId) && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) is not null;

    public static DateTimeZone Zone(string zoneId) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) ?? throw new ArgumentException($"Unknown time zone '{zoneId}'.", nameof(zoneId));

    public static DateOnly LocalDate(DateTimeOffset utcNow, string zoneId)
    {
        var local = Instant.FromDateTimeOffset(utcNow).InZone(Zone(zoneId)).Date;
        return new DateOnly(local.Year, local.Month, local.Day);
    }

    /// <summary>Zone ids that look like what was typed ("shanghai", "Asia/Shangai"), best first.</summary>
    public static IReadOnlyList<string> Suggest(string typed, int count = 5)
    {
        var needle = (typed ?? string.Empty).Trim().ToUpperInvariant();
        var ids = DateTimeZoneProviders.Tzdb.Ids.Where(id => id.Contains('/', StringComparison.Ordinal));
        return ids
            .Select(id => (Id: id, Distance: Distance(needle, id.ToUpperInvariant())))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Id, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.Id)
            .ToList();
    }

    // Contains-matches on the city part win; otherwise edit distance to the id or its city.
    private static int Distance(string typed, string id)
    {
        var city = id[(id.LastIndexOf('/') + 1)..];
        if (typed.Length > 0 && (city.Contains(typed, StringComparison.Ordinal) || id.Contains(typed, StringComparison.Ordinal)))
        {
            return 0;
        }

        return Math.Min(Levenshtein(typed, id), Levenshtein(typed, city));
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}

using NodaTime;
using NodaTime.TimeZones;
using StudyBot.Core.Roadmap;

namespace StudyBot.Core.Schedule;

/// <summary>When a chat's local post time falls on a given local date, as an instant, across DST changes.</summary>
public static class PostTimes
{
    /// <summary>
    /// The instant of <paramref name="time"/> on <paramref name="date"/> in <paramref name="zoneId"/>. A time in a
    /// spring-forward gap (02:30 on the day 02:00 becomes 03:00) is moved forward by the gap, so it still
    /// happens once that day; a time repeated by an autumn overlap takes its first occurrence, so it happens once.
    /// </summary>
    public static DateTimeOffset On(DateOnly date, TimeOnly time, string zoneId)
    {
        var zone = ZoneClock.Zone(zoneId);
        var local = new LocalDateTime(date.Year, date.Month, date.Day, time.Hour, time.Minute, time.Second);
        return zone.ResolveLocal(local, Resolvers.LenientResolver).ToDateTimeOffset();
    }

    /// <summary>The chat's local date now, and whether today's post time has passed.</summary>
    public static (DateOnly LocalDate, bool Passed) Today(DateTimeOffset utcNow, TimeOnly time, string zoneId)
    {
        var date = ZoneClock.LocalDate(utcNow, zoneId);
        return (date, utcNow >= On(date, time, zoneId));
    }
}

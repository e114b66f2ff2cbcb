using StudyBot.Core.Content;

namespace StudyBot.Core.Roadmap;

/// <summary>Where a group stands on its track today, in its own time zone.</summary>
public sealed record GroupSchedule(DateOnly Today, DateOnly StartDate, IReadOnlyList<Lesson> Lessons)
{
    /// <summary>The group's day of the route: 1 on the start date; 0 or less before it.</summary>
    public int Day => Today.DayNumber - StartDate.DayNumber + 1;

    public bool NotStarted => Day < 1;

    public bool Finished => Day > Lessons.Count;

    /// <summary>The newest lesson the group may open (today's, or the last one once the route is over).</summary>
    public int LatestUnlockedDay => Math.Clamp(Day, 0, Lessons.Count);

    public Lesson? TodaysLesson => NotStarted || Finished ? null : Lessons[Day - 1];

    public Lesson? LessonOnDay(int day) => day >= 1 && day <= Lessons.Count ? Lessons[day - 1] : null;

    public bool IsUnlocked(int day) => day >= 1 && day <= LatestUnlockedDay;

    /// <summary>The local date on which a day of the route falls.</summary>
    public DateOnly DateOfDay(int day) => StartDate.AddDays(day - 1);

    public static GroupSchedule For(ContentCatalog catalog, string trackId, DateOnly startDate, string timeZone, DateTimeOffset utcNow)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var track = catalog.FindTrack(trackId) ?? catalog.DefaultTrack;
        return new GroupSchedule(ZoneClock.LocalDate(utcNow, timeZone), startDate, catalog.LessonsOf(track));
    }
}

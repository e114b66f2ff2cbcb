namespace StudyBot.Core.Progress;

/// <summary>Current and longest runs of consecutive local days with a check-in.</summary>
public sealed record StreakSummary(int Current, int Longest, int TotalDays, bool CheckedInToday);

public static class Streaks
{
    /// <summary>
    /// Check-ins are local dates in the chat's zone, so midnight and DST shifts are already settled when
    /// the date is stored. A streak stays alive through today until the member checks in: it is counted
    /// up to today if they did, else up to yesterday.
    /// </summary>
    public static StreakSummary Summarize(IEnumerable<DateOnly> checkInDates, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(checkInDates);
        var days = checkInDates.Where(d => d <= today).Select(d => d.DayNumber).Distinct().Order().ToArray();
        if (days.Length == 0)
        {
            return new StreakSummary(0, 0, 0, false);
        }

        var longest = 1;
        var run = 1;
        for (var i = 1; i < days.Length; i++)
        {
            run = days[i] == days[i - 1] + 1 ? run + 1 : 1;
            longest = Math.Max(longest, run);
        }

        var checkedInToday = days[^1] == today.DayNumber;
        var current = 0;
        if (checkedInToday || days[^1] == today.DayNumber - 1)
        {
            current = 1;
            for (var i = days.Length - 1; i > 0 && days[i] == days[i - 1] + 1; i--)
            {
                current++;
            }
        }

        return new StreakSummary(current, longest, days.Length, checkedInToday);
    }
}

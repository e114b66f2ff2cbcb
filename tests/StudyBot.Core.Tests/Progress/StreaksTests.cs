using StudyBot.Core.Progress;

namespace StudyBot.Core.Tests.Progress;

public class StreaksTests
{
    private static DateOnly D(int day) => new(2026, 3, day);

    [Fact]
    public void No_check_ins_means_no_streak() =>
        Assert.Equal(new StreakSummary(0, 0, 0, false), Streaks.Summarize([], D(10)));

    [Fact]
    public void Consecutive_days_up_to_today_count()
    {
        var summary = Streaks.Summarize([D(8), D(9), D(10)], D(10));

        Assert.Equal(3, summary.Current);
        Assert.Equal(3, summary.Longest);
        Assert.True(summary.CheckedInToday);
    }

    [Fact]
    public void A_streak_stays_alive_until_today_is_over()
    {
        var summary = Streaks.Summarize([D(8), D(9)], D(10));

        Assert.Equal(2, summary.Current);
        Assert.False(summary.CheckedInToday);
    }

    [Fact]
    public void A_missed_day_breaks_the_streak_but_keeps_the_record()
    {
        var summary = Streaks.Summarize([D(1), D(2), D(3), D(4), D(7), D(8)], D(10));

        Assert.Equal(0, summary.Current);
        Assert.Equal(4, summary.Longest);
        Assert.Equal(6, summary.TotalDays);
    }

    [Fact]
    public void Duplicates_and_future_dates_do_not_count()
    {
        var summary = Streaks.Summarize([D(9), D(9), D(10), D(11)], D(10));

        Assert.Equal(2, summary.Current);
        Assert.Equal(2, summary.TotalDays);
    }

    [Fact]
    public void Streaks_cross_month_and_year_ends() =>
        Assert.Equal(3, Streaks.Summarize([new DateOnly(2025, 12, 31), new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 2)], new DateOnly(2026, 1, 2)).Current);
}

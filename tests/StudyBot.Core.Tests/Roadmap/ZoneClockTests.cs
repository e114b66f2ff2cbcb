using StudyBot.Core.Roadmap;

namespace StudyBot.Core.Tests.Roadmap;

public class ZoneClockTests
{
    [Theory]
    [InlineData("2026-03-01T15:59:00Z", "Asia/Shanghai", "2026-03-01")]
    [InlineData("2026-03-01T16:00:00Z", "Asia/Shanghai", "2026-03-02")]
    [InlineData("2026-03-29T21:59:00Z", "Europe/Berlin", "2026-03-29")] // 23:59 CEST, the day clocks went forward
    [InlineData("2026-03-29T22:00:00Z", "Europe/Berlin", "2026-03-30")]
    [InlineData("2026-10-25T22:59:00Z", "Europe/Berlin", "2026-10-25")] // 23:59 CET, the day clocks went back
    [InlineData("2026-03-08T04:59:00Z", "America/New_York", "2026-03-07")]
    public void Local_dates_follow_the_zone_across_midnight_and_dst(string utc, string zone, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ZoneClock.LocalDate(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), zone));

    [Fact]
    public void Knows_real_zones_only()
    {
        Assert.True(ZoneClock.IsKnownZone("Asia/Shanghai"));
        Assert.False(ZoneClock.IsKnownZone("Asia/Shangai"));
        Assert.False(ZoneClock.IsKnownZone(""));
    }

    [Theory]
    [InlineData("Asia/Shangai", "Asia/Shanghai")]
    [InlineData("shanghai", "Asia/Shanghai")]
    [InlineData("berlin", "Europe/Berlin")]
    public void Suggests_close_zones(string typed, string expected) =>
        Assert.Contains(expected, ZoneClock.Suggest(typed));
}

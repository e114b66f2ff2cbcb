using System.Globalization;
using StudyBot.Core.Schedule;

namespace StudyBot.Core.Tests.Schedule;

public class PostTimesTests
{
    private static DateOnly D(string date) => DateOnly.Parse(date, CultureInfo.InvariantCulture);

    private static DateTimeOffset U(string utc) => DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-03-29", "02:30", "Europe/Berlin", "2026-03-29T01:30:00Z")] // in the spring gap: moved to 03:30 CEST
    [InlineData("2026-10-25", "02:30", "Europe/Berlin", "2026-10-25T00:30:00Z")] // repeated in autumn: the first 02:30 (CEST)
    [InlineData("2026-03-29", "09:00", "Europe/Berlin", "2026-03-29T07:00:00Z")]
    [InlineData("2026-03-08", "02:30", "America/New_York", "2026-03-08T07:30:00Z")]
    [InlineData("2026-11-01", "01:30", "America/New_York", "2026-11-01T05:30:00Z")]
    [InlineData("2026-03-29", "09:00", "Asia/Shanghai", "2026-03-29T01:00:00Z")]
    public void Post_times_resolve_once_on_dst_days(string date, string time, string zone, string expectedUtc) =>
        Assert.Equal(U(expectedUtc), PostTimes.On(D(date), TimeOnly.Parse(time, CultureInfo.InvariantCulture), zone));

    [Fact]
    public void Today_uses_the_zones_date_and_time()
    {
        var (date, passed) = PostTimes.Today(U("2026-03-01T00:30:00Z"), new TimeOnly(8, 0), "Asia/Shanghai");

        Assert.Equal(D("2026-03-01"), date);
        Assert.True(passed); // 08:30 in Shanghai
        Assert.False(PostTimes.Today(U("2026-03-01T23:30:00Z"), new TimeOnly(8, 0), "Asia/Shanghai").Passed); // 07:30 next day
    }
}

using StudyBot.Core.Roadmap;
using StudyBot.Testing;

namespace StudyBot.Core.Tests.Roadmap;

public class GroupScheduleTests
{
    private static readonly DateOnly Start = new(2026, 3, 2);

    private static GroupSchedule At(string utc, string zone = "Asia/Shanghai", string track = "full") =>
        GroupSchedule.For(TestContent.Catalog, track, Start, zone, DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Day_one_is_the_start_date_in_the_groups_zone()
    {
        Assert.Equal(0, At("2026-03-01T15:59:00Z").Day); // 23:59 in Shanghai the day before
        Assert.Equal(1, At("2026-03-01T16:00:00Z").Day); // midnight in Shanghai
        Assert.Equal("lesson-1", At("2026-03-01T16:00:00Z").TodaysLesson!.Id);
    }

    [Fact]
    public void Future_lessons_are_locked_and_past_ones_open()
    {
        var schedule = At("2026-03-04T04:00:00Z"); // day 3

        Assert.Equal(3, schedule.Day);
        Assert.True(schedule.IsUnlocked(1));
        Assert.True(schedule.IsUnlocked(3));
        Assert.False(schedule.IsUnlocked(4));
        Assert.Equal(new DateOnly(2026, 3, 5), schedule.DateOfDay(4));
    }

    [Fact]
    public void After_the_last_lesson_the_route_is_finished_and_everything_is_open()
    {
        var schedule = At("2026-04-20T04:00:00Z");

        Assert.True(schedule.Finished);
        Assert.Null(schedule.TodaysLesson);
        Assert.True(schedule.IsUnlocked(schedule.Lessons.Count));
    }

    [Fact]
    public void A_track_that_skips_a_stage_renumbers_its_days()
    {
        var full = At("2026-03-04T04:00:00Z");
        var shorter = At("2026-03-04T04:00:00Z", track: "short");

        Assert.Equal(6, full.Lessons.Count);
        Assert.Equal(3, shorter.Lessons.Count);
        Assert.All(shorter.Lessons, lesson => Assert.Equal("basics", lesson.StageId));
    }
}

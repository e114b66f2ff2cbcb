using Microsoft.Extensions.Time.Testing;
using StudyBot.Telegram.Sending;

namespace StudyBot.Telegram.Tests.Sending;

/// <summary>The rate arithmetic, on a clock the test moves (no timing).</summary>
public sealed class TokenBucketTests
{
    [Fact]
    public void A_burst_goes_out_at_once_then_sends_are_spaced_at_the_rate()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(perSecond: 1, capacity: 4, time);

        var waits = Enumerable.Range(0, 6).Select(_ => bucket.Reserve()).ToList();

        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], waits);
    }

    [Fact]
    public void Group_rate_of_twenty_a_minute_spaces_sends_three_seconds_apart()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(perSecond: 20.0 / 60, capacity: 1, time);

        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(3, bucket.Reserve().TotalSeconds, precision: 6);
        time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
    }

    [Fact]
    public void Tokens_refill_over_time_up_to_the_burst()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(perSecond: 30, capacity: 30, time);
        for (var i = 0; i < 30; i++)
        {
            bucket.Reserve();
        }

        Assert.False(bucket.IsIdle);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(bucket.IsIdle);
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
    }
}

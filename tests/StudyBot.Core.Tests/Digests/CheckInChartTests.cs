using System.Buffers.Binary;
using StudyBot.Core.Commands;
using StudyBot.Core.Digests;
using StudyBot.Core.Localization;
using StudyBot.Testing;

namespace StudyBot.Core.Tests.Digests;

/// <summary>The digest's check-in chart: a real PNG of a fixed size, small, in the chat's language, in every digest.</summary>
public sealed class CheckInChartTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static (int Width, int Height) PngSize(byte[] png) =>
        (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4))); // the IHDR chunk

    [Theory]
    [InlineData(Language.En)]
    [InlineData(Language.Zh)]
    public void The_chart_is_a_small_png_of_the_fixed_size(Language language)
    {
        var chart = CheckInChart.Render(new DateOnly(2026, 3, 2), [3, 0, 5, 12, 1, 0, 7], language);

        Assert.Equal(PngSignature, chart.Png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(chart.Png, 12, 4));
        Assert.Equal((CheckInChart.Width, CheckInChart.Height), PngSize(chart.Png));
        Assert.Equal((800, 400), PngSize(chart.Png));
        Assert.InRange(chart.Png.Length, 1_000, 100_000);
        Assert.Equal("checkins-20260302.png", chart.FileName);
    }

    [Fact]
    public void The_alt_text_gives_every_day_in_the_chats_language()
    {
        var en = CheckInChart.Render(new DateOnly(2026, 3, 2), [3, 0, 5, 12, 1, 0, 7], Language.En);
        var zh = CheckInChart.Render(new DateOnly(2026, 3, 2), [3, 0, 5, 12, 1, 0, 7], Language.Zh);

        Assert.Contains("Mon 03-02: 3", en.AltText, StringComparison.Ordinal);
        Assert.Contains("Sun 03-08: 7", en.AltText, StringComparison.Ordinal);
        Assert.Contains("周一 03-02: 3", zh.AltText, StringComparison.Ordinal);
        Assert.Contains("每日打卡", zh.AltText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_week_without_check_ins_still_renders()
    {
        var chart = CheckInChart.Render(new DateOnly(2026, 3, 2), [0, 0, 0, 0, 0, 0, 0], Language.En);

        Assert.Equal(PngSignature, chart.Png[..8]);
        Assert.Equal((800, 400), PngSize(chart.Png));
    }

    [Fact]
    public void The_same_week_renders_the_same_bytes()
    {
        var first = CheckInChart.Render(new DateOnly(2026, 3, 2), [1, 2, 3, 4, 5, 6, 7], Language.En);
        var second = CheckInChart.Render(new DateOnly(2026, 3, 2), [1, 2, 3, 4, 5, 6, 7], Language.En);

        Assert.Equal(first.Png, second.Png);
    }

    [Fact]
    public async Task Digest_now_includes_the_chart_with_and_without_check_ins()
    {
        await using var bot = await BotDriver.StartAsync();
        await bot.SendAsync("/setup start=2026-03-01", user: "admin", admin: true);

        var empty = await bot.SendAsync("/digest now", user: "admin", admin: true);
        var emptyChart = Assert.Single(empty.Blocks.OfType<ImageBlock>());
        Assert.Contains(": 0", emptyChart.AltText, StringComparison.Ordinal);

        await bot.SendAsync("/done", user: "ana");
        await bot.SendAsync("/done", user: "ben");
        var digest = await bot.SendAsync("/digest now", user: "admin", admin: true);
        var chart = Assert.Single(digest.Blocks.OfType<ImageBlock>());
        Assert.Contains("Mon 03-02: 2", chart.AltText, StringComparison.Ordinal); // the clock is Monday 2026-03-02
        Assert.Equal(PngSignature, chart.Png[..8]);
    }
}

using System.Globalization;
using ScottPlot;
using StudyBot.Core.Commands;
using StudyBot.Core.Localization;

namespace StudyBot.Core.Digests;

/// <summary>
/// The week's check-ins per local day as a bar chart (ScottPlot, rendered by SkiaSharp into a PNG of a fixed
/// size). Labels follow the chat's language; ScottPlot picks an installed font that has the glyphs. Chinese needs a
/// CJK font on the host (e.g. fonts-noto-cjk); without one the chart keeps to dates and numbers rather than draw boxes.
/// </summary>
public static class CheckInChart
{
    public const int Width = 800;
    public const int Height = 400;

    private static readonly Color BarColor = Color.FromHex("#5865F2");

    // Asked once: whether any installed font can draw Chinese.
    private static readonly Lazy<bool> CanDrawChinese = new(() => SkiaSharp.SKFontManager.Default.MatchCharacter('打') is not null);

    /// <param name="from">The first local date of the week.</param>
    /// <param name="counts">Check-ins on each day from <paramref name="from"/> on (7 values).</param>
    public static ImageBlock Render(DateOnly from, IReadOnlyList<int> counts, Language language)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var t = DigestTexts.For(language);
        var glyphSafe = language == Language.Zh && !CanDrawChinese.Value; // dates and numbers only, never boxes
        var to = from.AddDays(counts.Count - 1);
        var plot = new Plot();
        var bars = counts.Select((count, i) => new Bar
        {
            Position = i,
            Value = count,
            FillColor = BarColor,
            LineWidth = 0,
            Label = count.ToString(CultureInfo.InvariantCulture),
        }).ToList();
        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 16;

        plot.Axes.Bottom.SetTicks(
            Enumerable.Range(0, counts.Count).Select(i => (double)i).ToArray(),
            Enumerable.Range(0, counts.Count).Select(i => glyphSafe ? $"{from.AddDays(i):MM-dd}" : t.ChartDayLabel(from.AddDays(i))).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimitsY(0, Math.Max(1, counts.DefaultIfEmpty(0).Max()) * 1.2);
        plot.Axes.SetLimitsX(-0.6, counts.Count - 0.4);
        plot.Axes.Left.Label.Text = glyphSafe ? "" : t.ChartAxis;
        plot.Title(glyphSafe ? $"{from:MM-dd} – {to:MM-dd}" : t.ChartTitle(from, to));
        plot.Font.Automatic(); // a font with the title's and labels' glyphs, where one is installed

        var png = plot.GetImageBytes(Width, Height, ImageFormat.Png);
        var alt = t.ChartAlt(from, to, string.Join(", ", counts.Select((c, i) => $"{t.ChartDayLabel(from.AddDays(i)).Replace('\n', ' ')}: {c}")));
        return new ImageBlock(png, $"checkins-{from:yyyyMMdd}.png", alt);
    }
}

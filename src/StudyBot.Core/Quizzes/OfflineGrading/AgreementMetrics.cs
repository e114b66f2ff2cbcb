namespace StudyBot.Core.Quizzes.OfflineGrading;

/// <summary>How well predicted scores agree with human ones. Undefined values (no variance) are NaN.</summary>
public static class AgreementMetrics
{
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        CheckPaired(x, y);
        if (x.Count < 2)
        {
            return double.NaN;
        }

        var meanX = x.Average();
        var meanY = y.Average();
        double covariance = 0, varianceX = 0, varianceY = 0;
        for (var i = 0; i < x.Count; i++)
        {
            var dx = x[i] - meanX;
            var dy = y[i] - meanY;
            covariance += dx * dy;
            varianceX += dx * dx;
            varianceY += dy * dy;
        }

        return varianceX > 0 && varianceY > 0 ? covariance / Math.Sqrt(varianceX * varianceY) : double.NaN;
    }

    /// <summary>Pearson correlation of the ranks, tied values sharing their average rank.</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        CheckPaired(x, y);
        return Pearson(AverageRanks(x), AverageRanks(y));
    }

    /// <summary>
    /// Cohen's kappa with quadratic weights for two raters on the integer scale
    /// <paramref name="minRating"/>..<paramref name="maxRating"/>: 1 is perfect agreement, 0 is chance.
    /// </summary>
    public static double QuadraticWeightedKappa(IReadOnlyList<int> a, IReadOnlyList<int> b, int minRating, int maxRating)
    {
        CheckPaired(a, b);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRating, minRating);
        var categories = maxRating - minRating + 1;
        var observed = new double[categories, categories];
        var histogramA = new double[categories];
        var histogramB = new double[categories];
        for (var i = 0; i < a.Count; i++)
        {
            var rowA = Math.Clamp(a[i], minRating, maxRating) - minRating;
            var rowB = Math.Clamp(b[i], minRating, maxRating) - minRating;
            observed[rowA, rowB]++;
            histogramA[rowA]++;
            histogramB[rowB]++;
        }

        double disagreement = 0, expectedDisagreement = 0;
        for (var i = 0; i < categories; i++)
        {
            for (var j = 0; j < categories; j++)
            {
                var weight = categories == 1 ? 0 : (double)((i - j) * (i - j)) / ((categories - 1) * (categories - 1));
                disagreement += weight * observed[i, j];
                expectedDisagreement += weight * histogramA[i] * histogramB[j] / a.Count;
            }
        }

        return expectedDisagreement > 0 ? 1 - (disagreement / expectedDisagreement) : double.NaN;
    }

    internal static double[] AverageRanks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]].Equals(values[order[start]]))
            {
                end++;
            }

            // Positions start..end are tied; each gets the mean of the 1-based ranks start+1..end+1.
            var rank = ((start + end) / 2.0) + 1;
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = rank;
            }

            start = end + 1;
        }

        return ranks;
    }

    private static void CheckPaired<T>(IReadOnlyList<T> x, IReadOnlyList<T> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"The two series differ in length ({x.Count} and {y.Count}).", nameof(y));
        }
    }
}

using StudyBot.Core.Quizzes.OfflineGrading;

namespace StudyBot.Core.Tests.Grading;

public class AgreementMetricsTests
{
    private static readonly double[] X = [1, 2, 3, 4, 5];
    private static readonly double[] Y = [2, 4, 5, 4, 5];

    [Fact]
    public void Pearson_matches_hand_computation() =>
        // cov 6, var x 10, var y 6: r = 6 / sqrt(60).
        Assert.Equal(6 / Math.Sqrt(60), AgreementMetrics.Pearson(X, Y), 10);

    [Fact]
    public void Pearson_is_one_for_a_linear_relation_and_undefined_without_variance()
    {
        Assert.Equal(1, AgreementMetrics.Pearson(X, X.Select(x => (3 * x) - 1).ToArray()), 10);
        Assert.True(double.IsNaN(AgreementMetrics.Pearson(X, [1, 1, 1, 1, 1])));
    }

    [Fact]
    public void Spearman_gives_ties_their_average_rank()
    {
        // Ranks of Y: 1, 2.5, 4.5, 2.5, 4.5; cov with 1..5 is 7, var 10 and 9.
        Assert.Equal([1, 2.5, 4.5, 2.5, 4.5], AgreementMetrics.AverageRanks(Y));
        Assert.Equal(7 / Math.Sqrt(90), AgreementMetrics.Spearman(X, Y), 10);
    }

    [Fact]
    public void Spearman_is_one_for_any_increasing_relation() =>
        Assert.Equal(1, AgreementMetrics.Spearman(X, X.Select(x => Math.Exp(x)).ToArray()), 10);

    [Fact]
    public void Quadratic_weighted_kappa_matches_hand_computation()
    {
        // Two categories: one disagreement observed, 2 expected by chance.
        Assert.Equal(0.5, AgreementMetrics.QuadraticWeightedKappa([0, 0, 1, 1], [0, 1, 1, 1], 0, 1), 10);

        // Three categories: weighted disagreement 0.5 observed, 5.5 / 4 expected.
        Assert.Equal(1 - (0.5 / 1.375), AgreementMetrics.QuadraticWeightedKappa([0, 1, 2, 2], [0, 2, 2, 1], 0, 2), 10);
    }

    [Fact]
    public void Quadratic_weighted_kappa_is_one_for_agreement_and_negative_for_reversal()
    {
        Assert.Equal(1, AgreementMetrics.QuadraticWeightedKappa([0, 1, 2, 3], [0, 1, 2, 3], 0, 3), 10);
        Assert.Equal(-1, AgreementMetrics.QuadraticWeightedKappa([0, 1, 2, 3], [3, 2, 1, 0], 0, 3), 10);
    }

    [Fact]
    public void Series_of_different_length_are_rejected() =>
        Assert.Throws<ArgumentException>(() => AgreementMetrics.Pearson([1, 2], [1, 2, 3]));
}

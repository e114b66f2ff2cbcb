using System.Globalization;

namespace StudyBot.Core.Quizzes.OfflineGrading;

/// <summary>Agreement of the offline grader with human scores (normalised by their max) over a data set.</summary>
public sealed record GradingEvaluationResult(int N, double Pearson, double Spearman, double Qwk)
{
    /// <summary><c>{"n":…,"pearson":…,"spearman":…,"qwk":…}</c>, 3 decimals, invariant culture, null when undefined.</summary>
    public string ToJsonLine() => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"n\":{N},\"pearson\":{Format(Pearson)},\"spearman\":{Format(Spearman)},\"qwk\":{Format(Qwk)}}}");

    private static string Format(double value) =>
        double.IsFinite(value) ? value.ToString("0.000", CultureInfo.InvariantCulture) : "null";
}

/// <summary>
/// Grades human-scored answers with the offline grader, each against a rubric made from its reference answer
/// (<see cref="ReferenceRubric"/>), and measures agreement: Pearson r, Spearman ρ and quadratic weighted kappa.
/// For kappa, human and predicted scores are both put on the integer scale 0..round(max) when every row has the
/// same max, and on 0..10 when the rows' maxima differ.
/// </summary>
public static class GradingEvaluation
{
    /// <summary>Kappa scale for data sets whose rows have different maxima.</summary>
    public const int MixedScaleMax = 10;

    public static GradingEvaluationResult EvaluateFile(string path, OfflineAnswerGrader? grader = null)
    {
        using var reader = File.OpenText(path);
        return Evaluate(GradingSample.ReadJsonLines(reader), grader);
    }

    public static GradingEvaluationResult Evaluate(IEnumerable<GradingSample> samples, OfflineAnswerGrader? grader = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        grader ??= new OfflineAnswerGrader();
        var rows = samples.ToList();
        var human = rows.Select(row => Math.Clamp(row.Score / row.Max, 0, 1)).ToList();
        var predicted = rows
            .Select(row => grader.Grade(ReferenceRubric.Build(row.Question, row.Reference), row.Answer).Score)
            .ToList();
        var scaleMax = KappaScaleMax(rows);
        return new GradingEvaluationResult(
            rows.Count,
            AgreementMetrics.Pearson(predicted, human),
            AgreementMetrics.Spearman(predicted, human),
            AgreementMetrics.QuadraticWeightedKappa(
                human.Select(score => OnScale(score, scaleMax)).ToList(),
                predicted.Select(score => OnScale(score, scaleMax)).ToList(),
                0,
                scaleMax));
    }

    private static int KappaScaleMax(List<GradingSample> rows)
    {
        var maxima = rows.Select(row => (int)Math.Round(row.Max, MidpointRounding.AwayFromZero)).Distinct().ToList();
        return maxima.Count == 1 && maxima[0] > 0 ? maxima[0] : MixedScaleMax;
    }

    private static int OnScale(double normalisedScore, int scaleMax) =>
        (int)Math.Round(normalisedScore * scaleMax, MidpointRounding.AwayFromZero);
}

using System.Globalization;

namespace StudyBot.Core.Quizzes.OfflineGrading;

/// <summary>One fold: the options chosen on the other folds, and how they did on this fold's unseen questions.</summary>
public sealed record CrossValidationFold(int Questions, int N, double Pearson, OfflineGradingOptions Chosen);

/// <summary>
/// Held-out agreement: <see cref="Pearson"/> pools every fold's held-out grades (comparable with the whole-set r);
/// <see cref="MeanFoldPearson"/> averages the folds' own r.
/// </summary>
public sealed record CrossValidationResult(int N, double Pearson, double MeanFoldPearson, IReadOnlyList<CrossValidationFold> Folds);

/// <summary>
/// K-fold cross-validation by question: the rows of one question are all in one fold, so each fold is graded with
/// options tuned (by Pearson r) on other questions only, as the bot grades questions no one has tuned it on. The
/// candidates vary the options that set the score's shape; nothing is fitted per question.
/// </summary>
public static class GradingCrossValidation
{
    public const int DefaultFolds = 5;

    /// <summary>
    /// The defaults and their neighbours: the options a data set could pull one way or the other. Not ReferenceShare:
    /// where the key points are the reference's own sentences (as in these sets) it means something else than in
    /// a real rubric.
    /// </summary>
    public static IReadOnlyList<OfflineGradingOptions> DefaultCandidates { get; } =
    [
        .. from creditHigh in new[] { 0.5, 0.6, 0.7 }
           from offTopicPenalty in new[] { 0.0, 0.15, 0.3 }
           from effortCap in new[] { 0.15, 0.3 }
           from informativeWordLength in new[] { 0.0, 6.0 }
           from cjkCreditLow in new[] { 0.0, 0.15 }
           select OfflineGradingOptions.Default with
           {
               CreditHigh = creditHigh,
               OffTopicPenalty = offTopicPenalty,
               EffortCap = effortCap,
               InformativeWordLength = informativeWordLength,
               CjkCreditLow = cjkCreditLow,
           },
    ];

    public static CrossValidationResult Run(
        IEnumerable<GradingSample> samples, int folds = DefaultFolds, IReadOnlyList<OfflineGradingOptions>? candidates = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        candidates ??= DefaultCandidates;
        var rows = samples.ToList();
        var questions = rows.Select(row => row.Question).Distinct(StringComparer.Ordinal).ToList();
        if (folds < 2 || questions.Count < folds || candidates.Count == 0)
        {
            throw new ArgumentException($"Cross-validation needs at least 2 folds, one question per fold and a candidate; got {folds} folds for {questions.Count} questions.", nameof(folds));
        }

        var foldOf = AssignFolds(questions, folds);
        var human = rows.Select(row => Math.Clamp(row.Score / row.Max, 0, 1)).ToArray();
        var predicted = candidates.Select(options => Grade(rows, new OfflineAnswerGrader(options))).ToList();
        var rowFold = rows.Select(row => foldOf[row.Question]).ToArray();

        var heldOut = new double[rows.Count];
        var results = new List<CrossValidationFold>();
        for (var fold = 0; fold < folds; fold++)
        {
            var training = Enumerable.Range(0, rows.Count).Where(i => rowFold[i] != fold).ToList();
            var test = Enumerable.Range(0, rows.Count).Where(i => rowFold[i] == fold).ToList();
            var best = Enumerable.Range(0, candidates.Count)
                .MaxBy(c => AgreementMetrics.Pearson(Pick(predicted[c], training), Pick(human, training)) is var r && double.IsFinite(r) ? r : double.MinValue);
            foreach (var i in test)
            {
                heldOut[i] = predicted[best][i];
            }

            results.Add(new CrossValidationFold(
                foldOf.Count(pair => pair.Value == fold),
                test.Count,
                AgreementMetrics.Pearson(Pick(predicted[best], test), Pick(human, test)),
                candidates[best]));
        }

        var finite = results.Select(r => r.Pearson).Where(double.IsFinite).ToList();
        return new CrossValidationResult(
            rows.Count,
            AgreementMetrics.Pearson(heldOut, human),
            finite.Count == 0 ? double.NaN : finite.Average(),
            results);
    }

    /// <summary>Questions in a fixed pseudo-random order (FNV-1a of their text), dealt round-robin: reproducible, not by file order.</summary>
    private static Dictionary<string, int> AssignFolds(List<string> questions, int folds) =>
        questions
            .OrderBy(Hash)
            .ThenBy(question => question, StringComparer.Ordinal)
            .Select((question, index) => (question, fold: index % folds))
            .ToDictionary(pair => pair.question, pair => pair.fold, StringComparer.Ordinal);

    private static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    private static double[] Grade(List<GradingSample> rows, OfflineAnswerGrader grader) =>
        rows.Select(row => grader.Grade(ReferenceRubric.Build(row.Question, row.Reference), row.Answer).Score).ToArray();

    private static List<double> Pick(double[] values, List<int> indices) => indices.Select(i => values[i]).ToList();

    /// <summary>The options a fold chose, in one short line.</summary>
    public static string Describe(OfflineGradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"CreditHigh={options.CreditHigh} OffTopicPenalty={options.OffTopicPenalty} EffortCap={options.EffortCap} InformativeWordLength={options.InformativeWordLength} CjkCreditLow={options.CjkCreditLow}");
    }
}

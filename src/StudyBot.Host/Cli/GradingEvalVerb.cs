using System.Globalization;
using StudyBot.Core.Quizzes.OfflineGrading;

namespace StudyBot.Host.Cli;

/// <summary>
/// `grading eval FILE.jsonl [--folds K]`: grades human-scored answers with the offline grader and prints its agreement
/// with the humans (Pearson r, Spearman ρ, quadratic weighted kappa); the last line is JSON for scripts. With --folds,
/// also K-fold cross-validation by question (options tuned on the other folds, r on the held-out one), added to the
/// JSON as "cv_folds" and "cv_pearson".
/// </summary>
public static class GradingEvalVerb
{
    public static async Task<int> RunAsync(string file, TextWriter output, TextWriter errors, int? folds = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (!File.Exists(file))
        {
            await errors.WriteLineAsync($"studybot: grading eval: no such file: {file}").ConfigureAwait(false);
            return 1;
        }

        GradingEvaluationResult result;
        CrossValidationResult? crossValidation = null;
        try
        {
            var samples = ReadSamples(file);
            result = GradingEvaluation.Evaluate(samples);
            if (folds is { } k)
            {
                crossValidation = GradingCrossValidation.Run(samples, k);
            }
        }
        catch (InvalidDataException ex)
        {
            await errors.WriteLineAsync($"studybot: grading eval: {file}: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (ArgumentException ex) when (folds is not null)
        {
            await errors.WriteLineAsync($"studybot: grading eval: --folds: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        var culture = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(culture, $"{result.N} answers in {Path.GetFileName(file)}, graded offline against their reference answers")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(culture, $"Pearson r    {result.Pearson:0.000}")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(culture, $"Spearman ρ   {result.Spearman:0.000}")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(culture, $"QWK          {result.Qwk:0.000}")).ConfigureAwait(false);
        if (crossValidation is null)
        {
            await output.WriteLineAsync(result.ToJsonLine()).ConfigureAwait(false);
            return 0;
        }

        var cv = crossValidation;
        await output.WriteLineAsync(string.Create(culture, $"{cv.Folds.Count}-fold cross-validation by question, options tuned on the other folds:")).ConfigureAwait(false);
        for (var i = 0; i < cv.Folds.Count; i++)
        {
            var fold = cv.Folds[i];
            await output.WriteLineAsync(string.Create(culture, $"  fold {i + 1}: {fold.Questions} questions, {fold.N} answers, held-out r {fold.Pearson:0.000} with {GradingCrossValidation.Describe(fold.Chosen)}")).ConfigureAwait(false);
        }

        await output.WriteLineAsync(string.Create(culture, $"Held-out Pearson r {cv.Pearson:0.000} (pooled), {cv.MeanFoldPearson:0.000} (mean of folds)")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(culture, $"{result.ToJsonLine()[..^1]},\"cv_folds\":{cv.Folds.Count},\"cv_pearson\":{cv.Pearson:0.000}}}")).ConfigureAwait(false);
        return 0;
    }

    private static List<GradingSample> ReadSamples(string file)
    {
        using var reader = File.OpenText(file);
        return [.. GradingSample.ReadJsonLines(reader)];
    }
}

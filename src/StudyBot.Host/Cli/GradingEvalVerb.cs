using System.Globalization;
using StudyBot.Core.Quizzes.OfflineGrading;

namespace StudyBot.Host.Cli;

/// <summary>
/// `grading eval FILE.jsonl`: grades human-scored answers with the offline grader and prints its agreement with the
/// humans (Pearson r, Spearman ρ, quadratic weighted kappa); the last line is JSON for scripts.
/// </summary>
public static class GradingEvalVerb
{
    public static async Task<int> RunAsync(string file, TextWriter output, TextWriter errors)
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
        try
        {
            result = GradingEvaluation.EvaluateFile(file);
        }
        catch (InvalidDataException ex)
        {
            await errors.WriteLineAsync($"studybot: grading eval: {file}: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        var culture = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(culture, $"{result.N} answers in {Path.GetFileName(file)}, graded offline against their reference answers")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(culture, $"Pearson r    {result.Pearson:0.000}")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(culture, $"Spearman ρ   {result.Spearman:0.000}")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(culture, $"QWK          {result.Qwk:0.000}")).ConfigureAwait(false);
        await output.WriteLineAsync(result.ToJsonLine()).ConfigureAwait(false);
        return 0;
    }
}

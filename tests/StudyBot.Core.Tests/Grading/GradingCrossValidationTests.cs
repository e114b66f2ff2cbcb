using StudyBot.Core.Quizzes.OfflineGrading;

namespace StudyBot.Core.Tests.Grading;

public class GradingCrossValidationTests
{
    private static readonly string[] Questions =
    [
        "What is a variable?", "How are arrays passed to functions?", "What is a pointer?",
        "What does the sizeof operator return?", "Where do C++ programs begin to execute?", "What is a function pointer?",
    ];

    private static readonly string[] References =
    [
        "A location in memory that can store a value.", "by reference.", "A variable that contains the address in memory of another variable.",
        "The size in bytes of its operand.", "At the main function.", "The address of the location in memory where the function code resides.",
    ];

    /// <summary>Per question: the reference itself (full marks), a partial answer (half) and an unrelated one (zero).</summary>
    private static List<GradingSample> Samples() =>
    [
        .. Questions.SelectMany((question, i) => new[]
        {
            new GradingSample(question, References[i], References[i], 5, 5),
            new GradingSample(question, References[i], string.Join(' ', References[i].Split(' ').Take(Math.Max(2, References[i].Split(' ').Length / 2))), 2.5, 5),
            new GradingSample(question, References[i], "I have no idea, sorry.", 0, 5),
        }),
    ];

    [Fact]
    public void Each_fold_is_graded_with_options_tuned_on_the_others()
    {
        var result = GradingCrossValidation.Run(Samples(), folds: 3);

        Assert.Equal(18, result.N);
        Assert.Equal(3, result.Folds.Count);
        Assert.Equal(6, result.Folds.Sum(f => f.Questions));
        Assert.Equal(18, result.Folds.Sum(f => f.N));
        Assert.All(result.Folds, fold => Assert.Equal(3 * fold.Questions, fold.N)); // a question's rows stay together
        Assert.All(result.Folds, fold => Assert.Contains(fold.Chosen, GradingCrossValidation.DefaultCandidates));
        Assert.True(result.Pearson > 0.8, $"held-out r {result.Pearson}");
    }

    [Fact]
    public void The_folds_do_not_depend_on_row_order()
    {
        var samples = Samples();
        var forward = GradingCrossValidation.Run(samples, folds: 3);
        var backward = GradingCrossValidation.Run(Enumerable.Reverse(samples), folds: 3);
        Assert.Equal(forward.Pearson, backward.Pearson, 9);
        Assert.Equal(forward.Folds.Select(f => f.Questions), backward.Folds.Select(f => f.Questions));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)] // more folds than questions
    public void Impossible_fold_counts_are_refused(int folds) =>
        Assert.Throws<ArgumentException>(() => GradingCrossValidation.Run(Samples(), folds));

    [Fact]
    public void Describes_the_chosen_options_in_one_line() =>
        Assert.Equal(
            "CreditHigh=0.6 OffTopicPenalty=0.3 EffortCap=0.3 InformativeWordLength=6 CjkCreditLow=0.15",
            GradingCrossValidation.Describe(OfflineGradingOptions.Default));
}

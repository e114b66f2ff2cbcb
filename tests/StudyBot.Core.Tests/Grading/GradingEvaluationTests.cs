using StudyBot.Core.Quizzes.OfflineGrading;

namespace StudyBot.Core.Tests.Grading;

public class GradingEvaluationTests
{
    // A few rows in the development sets' format (from the Texas short-answer set, one made up to score low).
    private const string Sample = """
        {"id": "a", "question": "What is a variable?", "reference": "A location in memory that can store a value.", "answer": "A location in memory where a value can be stored.", "score": 5.0, "max": 5.0}
        {"id": "b", "question": "What is a variable?", "reference": "A location in memory that can store a value.", "answer": "a named object that holds a value in memory", "score": 4.5, "max": 5.0}

        {"id": "c", "question": "What is a variable?", "reference": "A location in memory that can store a value.", "answer": "A variable is a variable.", "score": 0.0, "max": 5.0}
        {"id": "d", "question": "How are arrays passed to functions?", "reference": "by reference.", "answer": "Arrays are passed by reference.", "score": 5.0, "max": 5.0}
        {"id": "e", "question": "How are arrays passed to functions?", "reference": "by reference.", "answer": "by value, element by element", "score": 2.0, "max": 5.0}
        """;

    [Fact]
    public void Reads_rows_skipping_blank_lines_and_ignoring_other_fields()
    {
        var rows = GradingSample.ReadJsonLines(new StringReader(Sample)).ToList();
        Assert.Equal(5, rows.Count);
        Assert.Equal(new GradingSample("How are arrays passed to functions?", "by reference.", "by value, element by element", 2, 5), rows[4]);
    }

    [Theory]
    [InlineData("{not json", "Line 3")]
    [InlineData("[1, 2]", "Line 3: expected a JSON object")]
    [InlineData("""{"question": "q", "reference": "r", "answer": "a", "max": 5}""", "Line 3: \"score\"")]
    [InlineData("""{"question": "q", "reference": "r", "answer": 7, "score": 1, "max": 5}""", "Line 3: \"answer\"")]
    [InlineData("""{"question": "q", "reference": "r", "answer": "a", "score": 1, "max": 0}""", "Line 3: \"max\"")]
    public void Malformed_line_is_reported_by_number(string badLine, string expectedMessage)
    {
        var text = """{"question": "q", "reference": "r", "answer": "a", "score": 1, "max": 5}""" + "\n\n" + badLine + "\n";
        var error = Assert.Throws<InvalidDataException>(() => GradingSample.ReadJsonLines(new StringReader(text)).ToList());
        Assert.StartsWith(expectedMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluates_agreement_with_human_scores()
    {
        var result = GradingEvaluation.Evaluate(GradingSample.ReadJsonLines(new StringReader(Sample)));
        Assert.Equal(5, result.N);
        Assert.True(result.Pearson > 0.5, result.ToJsonLine());
        Assert.True(result.Spearman > 0.5, result.ToJsonLine());
        Assert.InRange(result.Qwk, -1, 1);
    }

    [Fact]
    public void Json_line_has_three_decimals_in_invariant_culture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Equal(
                """{"n":12,"pearson":0.612,"spearman":-0.500,"qwk":null}""",
                new GradingEvaluationResult(12, 0.61234, -0.49999, double.NaN).ToJsonLine());
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }
}

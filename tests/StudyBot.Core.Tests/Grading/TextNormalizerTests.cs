using StudyBot.Core.Quizzes.OfflineGrading;

namespace StudyBot.Core.Tests.Grading;

public class TextNormalizerTests
{
    [Theory]
    [InlineData("ＡＢＣ　１２３", "abc 123")] // full-width letters, digits and ideographic space
    [InlineData("Hello,   World!!", "hello world")]
    [InlineData("  C++ (and) \"C#\" ... ", "c and c")]
    [InlineData("MiXeD CaSe", "mixed case")]
    [InlineData("顺序表，链表。", "顺序表 链表")]
    [InlineData("时间复杂度为O（1）！", "时间复杂度为o 1")]
    [InlineData("指针 stores\tthe\naddress", "指针 stores the address")]
    [InlineData("", "")]
    public void Normalize_folds_width_case_punctuation_and_space(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Fact]
    public void CountWordCharacters_ignores_spaces() =>
        Assert.Equal(8, TextNormalizer.CountWordCharacters(TextNormalizer.Normalize("顺序表， abc de")));
}

using StudyBot.Core.Content;
using StudyBot.Testing;

namespace StudyBot.Core.Tests.Content;

public class ContentStatsTests
{
    [Fact]
    public void Counts_english_words_and_chinese_words_comparably()
    {
        Assert.Equal(5, ContentStats.EnglishWords("Tokens aren't words: see `tiktoken`."));
        Assert.Equal(8, ContentStats.ChineseWords("大语言模型预测下一个词元")); // 12 characters / 1.6 = 7.5, rounded to even → 8
        Assert.Equal(6, ContentStats.ChineseWords("用 Python 调用 OpenAI API 接口")); // 5 characters / 1.6 → 3, plus 3 Latin words
    }

    [Fact]
    public void Reports_coverage_for_a_catalogue()
    {
        var stats = ContentStats.Of(TestContent.Catalog);

        Assert.Equal(6, stats.Lessons);
        Assert.Equal(1, stats.Bilingual);
        Assert.Equal(1, stats.FirstHandShare);
        Assert.Equal(18, stats.MultipleChoice);
        Assert.Equal(6, stats.BodiesOutsideTarget.Count); // the test lessons are deliberately short
        Assert.EndsWith("""{"lessons":6,"bilingual":1,"first_hand_share":1,"mcq":18,"open":6}""", stats.Render(), StringComparison.Ordinal);
    }
}

using StudyBot.Core.Quizzes.OfflineGrading;

namespace StudyBot.Core.Tests.Grading;

public class TermReaderTests
{
    [Fact]
    public void English_words_lose_stop_words_and_are_stemmed() =>
        Assert.Equal(["prototyp", "simul", "behavior", "portion"], Terms("The prototype simulates the behaviors of portions"));

    [Fact]
    public void Number_words_read_as_digits() =>
        Assert.Equal(["1", "2", "dimens"], Terms("one or 2 dimensions"));

    [Fact]
    public void Negations_read_as_one_term() =>
        Assert.Equal(["not", "specifi", "not", "constructor", "not", "call"], Terms("You don't specify; no constructor is never called."));

    [Fact]
    public void Quantity_and_position_words_are_kept() =>
        Assert.Equal(["run", "onc", "each", "same", "other"], Terms("runs once for each of the same others"));

    [Fact]
    public void Words_keep_their_written_form_beside_the_stem()
    {
        var reader = new TermReader(TextNormalizer.Normalize("Refrences"), stackalloc char[EnglishStemmer.MaxStemmedLength + 2]);
        Assert.True(reader.MoveNext());
        Assert.Equal(("refrenc", "refrences"), (reader.Current.ToString(), reader.Word.ToString()));
    }

    [Fact]
    public void Chinese_characters_are_terms_of_their_own() =>
        Assert.Equal(["链", "表", "不", "连", "续"], Terms("链表不连续。"));

    [Fact]
    public void Mixed_text_splits_at_the_script_boundary() =>
        Assert.Equal(["指", "针", "store", "memori", "address"], Terms("指针stores memory addresses"));

    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("hopping", "hop")]
    [InlineData("relational", "relat")]
    [InlineData("declaration", "declar")]
    [InlineData("declared", "declar")]
    [InlineData("happy", "happi")]
    [InlineData("c", "c")]
    [InlineData("x86", "x86")]
    public void Porter_stems(string word, string stem)
    {
        Span<char> buffer = stackalloc char[EnglishStemmer.MaxStemmedLength + 2];
        Assert.Equal(stem, EnglishStemmer.Stem(word, buffer).ToString());
    }

    private static List<string> Terms(string text)
    {
        var terms = new List<string>();
        var reader = new TermReader(TextNormalizer.Normalize(text), stackalloc char[EnglishStemmer.MaxStemmedLength + 2]);
        while (reader.MoveNext())
        {
            terms.Add(reader.Current.ToString());
        }

        return terms;
    }
}

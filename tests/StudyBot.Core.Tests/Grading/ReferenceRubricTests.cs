using StudyBot.Core.Quizzes.OfflineGrading;

namespace StudyBot.Core.Tests.Grading;

public class ReferenceRubricTests
{
    [Fact]
    public void Each_reference_sentence_becomes_an_equal_key_point()
    {
        var question = ReferenceRubric.Build(
            "Constructor versus function?",
            "A constructor is called when an object is created. Constructors have no return type!");
        Assert.Equal(2, question.KeyPoints.Count);
        Assert.All(question.KeyPoints, k => Assert.Equal(1, k.Weight));
        Assert.All(question.KeyPoints, k => Assert.Empty(k.Aliases));
        Assert.Equal("Constructors have no return type!", question.KeyPoints[1].Text.En);
        Assert.Equal(question.KeyPoints[1].Text.En, question.KeyPoints[1].Text.Zh);
    }

    [Fact]
    public void Chinese_sentences_split_at_chinese_full_stops() =>
        Assert.Equal(2, ReferenceRubric.Build("问题", "单链表不可以。双链表可以，时间复杂度为O(1)。").KeyPoints.Count);

    [Fact]
    public void Fragments_join_their_neighbour() =>
        Assert.Single(ReferenceRubric.Build("Q?", "It includes the signature, i.e. the name and parameter types.").KeyPoints);

    [Fact]
    public void Same_content_gets_the_same_id()
    {
        Assert.Equal(ReferenceRubric.Build("Q?", "A b c.").Id, ReferenceRubric.Build("Q?", "A b c.").Id);
        Assert.NotEqual(ReferenceRubric.Build("Q?", "A b c.").Id, ReferenceRubric.Build("Q?", "A b d.").Id);
        Assert.Equal("given", ReferenceRubric.Build("Q?", "A b c.", "given").Id);
    }
}

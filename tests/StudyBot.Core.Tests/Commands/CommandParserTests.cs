using StudyBot.Core.Commands;

namespace StudyBot.Core.Tests.Commands;

public class CommandParserTests
{
    [Theory]
    [InlineData("/today", "today", "")]
    [InlineData("  /lesson 3  ", "lesson", "3")]
    [InlineData("/LESSON 3", "lesson", "3")]
    [InlineData("/answer two words\nand a line", "answer", "two words\nand a line")]
    [InlineData("/today@StudyBot", "today", "")]
    [InlineData("/setup tz=Asia/Shanghai time=08:30", "setup", "tz=Asia/Shanghai time=08:30")]
    public void Parses_commands(string text, string name, string arguments)
    {
        var parsed = CommandParser.Parse(text, "StudyBot");

        Assert.NotNull(parsed);
        Assert.Equal(name, parsed.Name);
        Assert.Equal(arguments, parsed.Arguments);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("hello")]
    [InlineData("/today@OtherBot")]
    [InlineData("/to-day")]
    [InlineData("/@StudyBot")]
    public void Rejects_what_is_not_a_command_for_us(string text) =>
        Assert.Null(CommandParser.Parse(text, "StudyBot"));

    [Fact]
    public void Splits_arguments_into_words() =>
        Assert.Equal(["a=1", "b=2"], CommandParser.Parse("/setup  a=1   b=2")!.Words());
}

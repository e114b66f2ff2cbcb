namespace StudyBot.Core.Content;

/// <summary>One content problem, printed as <c>file:line: field: problem</c> so editors can jump to it.</summary>
public sealed record ContentError(string File, int Line, string Field, string Problem)
{
    public override string ToString() => $"{File}:{Line}: {Field}: {Problem}";
}

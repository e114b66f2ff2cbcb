namespace StudyBot.Core.Content.Loading;

/// <summary>A value read from a content file, with where it was written, for checks that span files.</summary>
internal sealed record Located<T>(T Value, string File, int Line, string Field)
{
    public ContentError Error(string problem) => new(File, Line, Field, problem);

    /// <summary>"line 7" when read from the same file, else "content/x.md:7".</summary>
    public string WhereSeenFrom(string file) => file == File ? $"line {Line}" : $"{File}:{Line}";
}

/// <summary>Reports values seen before (duplicate ids, days), pointing at the first use.</summary>
internal sealed class FirstUses<T>(string what, List<ContentError> sink)
    where T : notnull
{
    private readonly Dictionary<T, Located<T>> _first = [];

    public bool Add(Located<T> value)
    {
        if (_first.TryAdd(value.Value, value))
        {
            return true;
        }

        var first = _first[value.Value];
        sink.Add(value.Error($"{what} '{value.Value}' is already used at {first.WhereSeenFrom(value.File)}"));
        return false;
    }
}

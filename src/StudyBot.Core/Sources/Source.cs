namespace StudyBot.Core.Sources;

public enum SourceTier
{
    FirstHand,
    SecondHand,
}

public enum SourceKind
{
    Paper,
    Docs,
    Course,
    Book,
    Repo,
    Newsletter,
    Regulation,
}

/// <summary>An entry of content/sources.yaml.</summary>
public sealed record Source(
    string Id,
    string Title,
    Uri Url,
    SourceTier Tier,
    SourceKind Kind,
    string Language,
    IReadOnlyList<string> Topics,
    int? Year,
    string? ArxivId);

namespace StudyBot.Core.Content;

/// <summary>Every error found in the content tree; the catalog is null whenever there is any.</summary>
public sealed record ContentLoadResult(ContentCatalog? Catalog, IReadOnlyList<ContentError> Errors)
{
    public bool IsValid => Errors.Count == 0 && Catalog is not null;
}

using StudyBot.Core.Localization;

namespace StudyBot.Core.Content;

/// <summary>A piece of content text in every language StudyBot speaks.</summary>
public sealed record LocalizedText(string En, string Zh)
{
    public string For(Language language) => language == Language.Zh ? Zh : En;

    public IEnumerable<string> All() => [En, Zh];
}

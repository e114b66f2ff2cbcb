namespace StudyBot.Core.Localization;

/// <summary>The languages StudyBot speaks. Content must exist in every one of them.</summary>
public enum Language
{
    En,
    Zh,
}

public static class Languages
{
    public static IReadOnlyList<Language> All { get; } = [Language.En, Language.Zh];

    /// <summary>Parses "en", "zh", "zh-CN", "zh-Hans", "en-US" and the like; null when it is neither.</summary>
    public static Language? Parse(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var primary = code.Trim().Split('-', '_')[0].ToUpperInvariant();
        return primary switch
        {
            "EN" => Language.En,
            "ZH" or "CN" => Language.Zh,
            _ => null,
        };
    }

    public static string Code(this Language language) => language == Language.Zh ? "zh" : "en";
}

namespace StudyBot.Core.Content.Loading;

internal static class Collected
{
    /// <summary>The items when every one was read; null when any failed (its error is already reported).</summary>
    public static List<T>? AllOrNull<T>(List<T?> items)
        where T : class =>
        items.Contains(null) ? null : items.OfType<T>().ToList();
}

using System.Collections.Frozen;

namespace StudyBot.Core.Quizzes.OfflineGrading;

/// <summary>
/// Words that carry no content on their own. English function words are dropped before matching; Chinese
/// function characters stay in the text (they glue character bigrams together) but count little on their own.
/// </summary>
internal static class StopWords
{
    private static readonly FrozenSet<string> English = FrozenSet.Create(
        StringComparer.Ordinal,
        "a", "an", "the", "of", "to", "in", "on", "at", "for", "by", "with", "from", "into", "onto", "about", "as",
        "and", "or", "but", "so", "if", "then", "than", "that", "this", "these", "those", "there", "here",
        "is", "are", "was", "were", "be", "been", "being", "am", "it", "its", "itself",
        "do", "does", "did", "doing", "done", "can", "could", "will", "would", "shall", "should", "may", "might", "must",
        "has", "have", "had", "having", "i", "me", "my", "we", "our", "you", "your", "he", "him", "his", "she", "her",
        "they", "them", "their", "what", "which", "who", "whom", "whose", "when", "where", "why", "how",
        "also", "just", "very", "too", "such", "some", "any", "each", "other", "both", "own", "same", "s", "t",
        "up", "out", "over", "under", "again", "further", "once", "while", "because", "until", "upon", "via",
        "etc", "eg", "ie");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> EnglishLookup =
        English.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<char> ChineseFunctionCharacters = FrozenSet.Create(
        '的', '了', '是', '在', '和', '与', '及', '或', '也', '就', '都', '而', '着', '之', '其', '等', '把', '被',
        '对', '为', '以', '于', '这', '那', '个', '则', '并', '且', '所', '即', '啊', '吗', '呢', '吧');

    public static bool IsEnglishStopWord(ReadOnlySpan<char> word) => EnglishLookup.Contains(word);

    public static bool IsChineseFunctionCharacter(ReadOnlySpan<char> term) =>
        term.Length == 1 && ChineseFunctionCharacters.Contains(term[0]);
}

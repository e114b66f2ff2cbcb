using System.Collections.Frozen;

namespace StudyBot.Core.Quizzes.OfflineGrading;

/// <summary>English function words, which carry no content on their own and are dropped before matching; Chinese function characters.</summary>
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
        "also", "just", "very", "too", "such", "some", "s", "t",
        "while", "because", "upon", "via",
        "etc", "eg", "ie");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> EnglishLookup =
        English.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsEnglishStopWord(ReadOnlySpan<char> word) => EnglishLookup.Contains(word);

    /// <summary>
    /// Chinese particles and conjunctions, among the commonest characters of any text. They stay in the term stream,
    /// so the words they are part of still match as bigrams, but weigh nothing on their own.
    /// </summary>
    private static readonly FrozenSet<char> ChineseFunctionCharacters = FrozenSet.Create(
        '的', '了', '是', '和', '与', '及', '或', '也', '都', '就', '而', '之', '其', '着', '把', '被');

    public static bool IsChineseStopCharacter(char c) => ChineseFunctionCharacters.Contains(c);

    /// <summary>
    /// Numerals, measure words and pronouns common to any Chinese sentence (一个, 这种, 我们). Unlike function characters
    /// they can carry meaning (一个一个, one by one), so they weigh a little rather than nothing.
    /// </summary>
    private static readonly FrozenSet<char> ChineseCommonCharacters = FrozenSet.Create(
        '一', '个', '这', '那', '些', '种', '我', '你', '他', '它', '们', '吗', '呢', '吧', '啊', '很');

    public static bool IsChineseCommonCharacter(char c) => ChineseCommonCharacters.Contains(c);
}

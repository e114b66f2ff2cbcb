using System.Text.RegularExpressions;

namespace StudyBot.Core.Content.Loading;

/// <summary>The limits content/FORMAT.md promises; the Telegram ones keep every quiz postable as a native quiz poll.</summary>
internal static partial class ContentRules
{
    public const int MinObjectives = 2;
    public const int MaxObjectives = 4;
    public const int MinFirstHandSources = 2;
    public const int MinMultipleChoice = 3;
    public const int MinOptions = 2;
    public const int MaxOptions = 10;
    public const int MinKeyPoints = 3;
    public const int MaxKeyPoints = 5;
    public const int MaxPollQuestion = 300;
    public const int MaxPollOption = 100;
    public const int MaxPollExplanation = 200;

    // Answer buttons carry "/answer 10 #lesson-id/question-id"; Telegram allows 64 bytes of callback data.
    public const int MaxLessonIdLength = 40;
    public const int MaxQuestionIdLength = 10;
    public const int MinYear = 1900;
    public const int MaxYear = 2100;

    public const string IdHint = "use lowercase letters and digits in words joined by single '-' (like 'what-llms-are')";

    public static bool IsId(string value) => IdPattern().IsMatch(value);

    [GeneratedRegex(@"^[a-z0-9]+(?:-[a-z0-9]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}

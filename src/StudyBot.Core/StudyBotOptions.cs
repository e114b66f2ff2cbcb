using System.ComponentModel.DataAnnotations;

namespace StudyBot.Core;

/// <summary>Defaults for new chats; bound from the "StudyBot" configuration section.</summary>
public sealed class StudyBotOptions
{
    public const string Section = "StudyBot";

    /// <summary>IANA zone for chats that have not run /setup tz=….</summary>
    [Required]
    public string DefaultTimeZone { get; set; } = "UTC";

    public TimeOnly DefaultPostTime { get; set; } = new(9, 0);

    public DayOfWeek DefaultDigestDay { get; set; } = DayOfWeek.Sunday;

    public TimeOnly DefaultDigestTime { get; set; } = new(18, 0);

    /// <summary>Longest free-text answer graded; longer ones get a clear message.</summary>
    [Range(100, 4000)]
    public int MaxAnswerLength { get; set; } = 2000;
}

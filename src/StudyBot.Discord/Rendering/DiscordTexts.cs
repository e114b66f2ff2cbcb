using StudyBot.Core.Localization;

namespace StudyBot.Discord.Rendering;

/// <summary>The few Discord-only words (the modal, button fallbacks); everything the bot says otherwise comes from Core's Texts.</summary>
public sealed record DiscordTexts(string AnswerButton, string AnswerModalTitle, string AnswerInputLabel, string AnswerPlaceholder, string StaleButton, string SomethingWentWrong, string QuestionTitle)
{
    public static DiscordTexts En { get; } = new(
        "✍️ Answer",
        "Your answer",
        "Answer in your own words",
        "Explain it as you would to a colleague…",
        "This button no longer does anything. Try /help.",
        "Sorry, something went wrong on my side. Please try again in a minute.",
        "Question {0} of {1}");

    public static DiscordTexts Zh { get; } = new(
        "✍️ 回答",
        "你的回答",
        "用你自己的话回答",
        "像给同事讲解一样写下来……",
        "这个按钮已失效。试试 /help。",
        "抱歉，我这边出了点问题，请稍后再试。",
        "第 {0} 题，共 {1} 题");

    public static DiscordTexts For(Language language) => language == Language.Zh ? Zh : En;

    public static DiscordTexts For(string? locale) => For(Languages.Parse(locale) ?? Language.En);
}

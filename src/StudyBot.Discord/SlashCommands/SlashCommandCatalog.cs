using System.Globalization;
using System.Text;
using System.Text.Json;
using StudyBot.Core.Localization;
using StudyBot.Discord.Api;
using StudyBot.Discord.Rendering;

namespace StudyBot.Discord.SlashCommands;

/// <summary>
/// Every core command as a Discord slash command, and the way back: interaction data → the command text the
/// core parses. Names and descriptions are localized for zh-CN; admin commands carry
/// default_member_permissions (Manage Server), and the adapter checks the member's permissions again.
/// </summary>
public static class SlashCommandCatalog
{
    public const string ChineseLocale = "zh-CN";

    /// <summary>Manage Server (1 &lt;&lt; 5); Administrator implies it.</summary>
    public const long ManageGuild = 1L << 5;

    public const long Administrator = 1L << 3;

    private static readonly SlashOption Day = new("day", "天", CommandOptionType.WholeNumber, "day number on the roadmap", "路线上的第几天", MinValue: 1);

    private static readonly IReadOnlyList<SlashCommand> Typed =
    [
        new("start", "开始", false, []),
        new("today", "今天", false, []),
        new("lesson", "课程", false, [Day with { Required = true }]),
        new("roadmap", "路线图", false, []),
        new("sources", "资料", false, [new("topic", "主题", CommandOptionType.Text, "a topic (e.g. rag) or a day number", "主题（如 rag）或天数", Autocomplete: true, MaxLength: 100)]),
        new("quiz", "测验", false, [Day]),
        new("answer", "回答", false, [new("text", "内容", CommandOptionType.Text, "an option number, or your answer to the open question", "选项编号，或开放题的回答", Required: true)]),
        new("done", "打卡", false, []),
        new("me", "我的进度", false, []),
        new("streak", "连续打卡", false, []),
        new("leaderboard", "排行榜", false, []),
        new("lang", "语言", false, [new("language", "语言", CommandOptionType.Text, "your language", "你的语言", Required: true, Choices: ["en", "zh"])]),
        new("subscribe", "订阅邮件", false, [new("address_or_code", "邮箱或验证码", CommandOptionType.Text, "your email address, or the 6-digit code mailed to you", "你的邮箱地址，或邮件中的 6 位验证码", MaxLength: 254)]),
        new("unsubscribe", "退订邮件", false, []),
        new("help", "帮助", false, []),
        new("remind", "提醒", false, [new("state", "状态", CommandOptionType.Text, "on or off; empty shows your setting", "开启或关闭；留空查看当前设置", Choices: ["on", "off"])]),
        new("setup", "设置", true,
        [
            new("track", "路线", CommandOptionType.Text, "the route to follow", "要学习的路线", Style: OptionStyle.KeyValue, Autocomplete: true, MaxLength: 64),
            new("start", "开始日期", CommandOptionType.Text, "day 1, as YYYY-MM-DD", "第 1 天的日期，格式 YYYY-MM-DD", Style: OptionStyle.KeyValue, MaxLength: 10),
            new("tz", "时区", CommandOptionType.Text, "IANA time zone, e.g. Asia/Shanghai", "IANA 时区，例如 Asia/Shanghai", Style: OptionStyle.KeyValue, Autocomplete: true, MaxLength: 64),
            new("time", "推送时间", CommandOptionType.Text, "daily post time, HH:MM", "每日推送时间，HH:MM", Style: OptionStyle.KeyValue, MaxLength: 5),
            new("digest", "周报", CommandOptionType.Text, "weekly digest, e.g. Sun@18:00", "每周周报时间，例如 Sun@18:00", Style: OptionStyle.KeyValue, MaxLength: 16),
            new("lang", "语言", CommandOptionType.Text, "the group's language", "本群语言", Style: OptionStyle.KeyValue, Choices: ["en", "zh"]),
            new("evening", "晚间提醒", CommandOptionType.Text, "evening reminder time, HH:MM", "晚间提醒时间，HH:MM", Style: OptionStyle.KeyValue, MaxLength: 5),
        ]),
        new("pause", "暂停", true, []),
        new("resume", "恢复", true, []),
        new("regrade", "重新评分", true, [new("who", "对象", CommandOptionType.Text, "a member's name or an answer id (default: your latest)", "成员名字或回答编号（默认：你最近的回答）", MaxLength: 64)]),
    ];

    /// <summary>
    /// The typed commands, plus any other command /help lists (a command added to the core later), which gets
    /// one free-text option so it works before anyone gives it typed options here.
    /// </summary>
    public static IReadOnlyList<SlashCommand> All { get; } = Typed.Concat(Untyped()).ToList();

    public static SlashCommand? Find(string? name) => All.FirstOrDefault(c => c.Name == name);

    /// <summary>The bulk-overwrite body. <paramref name="maxAnswerLength"/> bounds /answer's text option.</summary>
    public static List<ApplicationCommand> Definitions(int maxAnswerLength)
    {
        var en = Texts.For(Language.En);
        var zh = Texts.For(Language.Zh);
        return All.Select(command => new ApplicationCommand
        {
            Name = command.Name,
            NameLocalizations = new() { [ChineseLocale] = command.ZhName },
            Description = Describe(en, command.Name),
            DescriptionLocalizations = new() { [ChineseLocale] = Describe(zh, command.Name) },
            DefaultMemberPermissions = command.Admin ? ManageGuild.ToString(CultureInfo.InvariantCulture) : null,
            Contexts = [0, 1],
            IntegrationTypes = [0],
            Options = command.Options.Count == 0 ? null : command.Options
                .OrderByDescending(o => o.Required) // Discord wants required options first
                .Select(o => Option(o, command.Name == "answer" ? maxAnswerLength : o.MaxLength))
                .ToList(),
        }).ToList();
    }

    /// <summary>"/lesson" with day=3 → "/lesson 3"; "/setup" with tz and time → "/setup tz=Asia/Shanghai time=08:30".</summary>
    public static string CommandText(InteractionData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var name = (data.Name ?? "").ToLowerInvariant();
        var text = new StringBuilder("/").Append(name);
        var given = data.Options ?? [];
        if (Find(name) is not { } command)
        {
            // Registered by another version of the bot: pass the values on in the order given.
            foreach (var value in given.Select(ValueText).Where(v => v is { Length: > 0 }))
            {
                text.Append(' ').Append(value);
            }

            return text.ToString();
        }

        foreach (var option in command.Options)
        {
            if (given.FirstOrDefault(g => g.Name == option.Name) is not { } value || ValueText(value) is not { Length: > 0 } typed)
            {
                continue;
            }

            text.Append(' ');
            if (option.Style == OptionStyle.KeyValue)
            {
                text.Append(option.Name).Append('=').Append(typed.Replace(' ', '_'));
            }
            else
            {
                text.Append(typed);
            }
        }

        return text.ToString();
    }

    public static string? ValueText(InteractionDataOption option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return option.Value is not { } value ? null : value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()?.Trim(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    private static IEnumerable<SlashCommand> Untyped()
    {
        var en = Texts.For(Language.En);
        foreach (var (help, admin) in en.MemberCommands.Select(c => (c, false)).Concat(en.AdminCommands.Select(c => (c, true))))
        {
            if (Typed.Any(t => t.Name == help.Name))
            {
                continue;
            }

            yield return new SlashCommand(help.Name, help.Name, admin, [new("arguments", "参数", CommandOptionType.Text, TextSplitter.Clip(help.Usage, 100), "参数", MaxLength: 200)]);
        }
    }

    private static ApplicationCommandOption Option(SlashOption option, int? maxLength) => new()
    {
        Type = (int)option.Type,
        Name = option.Name,
        NameLocalizations = new() { [ChineseLocale] = option.ZhName },
        Description = option.En,
        DescriptionLocalizations = new() { [ChineseLocale] = option.Zh },
        Required = option.Required ? true : null,
        Autocomplete = option.Autocomplete ? true : null,
        Choices = option.Choices?.Select(c => new CommandOptionChoice { Name = c, Value = c }).ToList(),
        MinValue = option.MinValue,
        MaxLength = option.Type == CommandOptionType.Text ? maxLength : null,
    };

    private static string Describe(Texts texts, string name)
    {
        var help = texts.MemberCommands.Concat(texts.AdminCommands).FirstOrDefault(c => c.Name == name);
        return TextSplitter.Clip(help?.Description ?? name, 100);
    }
}

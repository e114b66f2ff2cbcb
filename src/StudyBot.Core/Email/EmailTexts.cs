using StudyBot.Core.Localization;

namespace StudyBot.Core.Email;

/// <summary>The email feature's sentences, per language (abstract: a language missing one does not compile).</summary>
public abstract class EmailTexts
{
    public static EmailTexts For(Language language) => language == Language.Zh ? Chinese.Instance : English.Instance;

    // Chat replies
    public abstract string NotConfigured { get; }
    public abstract string Usage { get; }
    public abstract string StatusSubscribed(string masked);
    public abstract string StatusPending(string masked);
    public abstract string BadAddress(int maxLength);
    public abstract string TooManyMails(int limit);
    public abstract string CodeSent(string masked, int hours);
    public abstract string MailNotSent { get; }
    public abstract string MailRefused(string masked);
    public abstract string AlreadySubscribed(string masked);
    public abstract string NoPendingRequest { get; }
    public abstract string CodeExpired { get; }
    public abstract string WrongCode(int triesLeft);
    public abstract string RequestVoid { get; }
    public abstract string Confirmed(string masked, string group);
    public abstract string Unsubscribed { get; }
    public abstract string NotSubscribed { get; }

    // Mails
    public abstract string ConfirmationSubject(string group);
    public abstract IReadOnlyList<string> ConfirmationBody(string group, string code, int hours);
    public abstract string DigestSubject(string group, DateOnly first, DateOnly last);
    public abstract string DigestFooter(string group);
    public abstract string UnsubscribeLink { get; }

    // Unsubscribe page
    public abstract string PageTitle { get; }
    public abstract string PageQuestion(string masked, string group);
    public abstract string PageButton { get; }
    public abstract string PageDone { get; }

    private sealed class English : EmailTexts
    {
        public static readonly English Instance = new();

        public override string NotConfigured => "Email is not configured on this bot, so the digest can't be mailed.";
        public override string Usage => "Get the weekly digest by email: /subscribe you@example.com, then /subscribe CODE with the 6-digit code I mail you. /unsubscribe stops it.";
        public override string StatusSubscribed(string masked) => $"The weekly digest goes to {masked}.";
        public override string StatusPending(string masked) => $"A code was mailed to {masked}: send /subscribe CODE to confirm.";
        public override string BadAddress(int maxLength) => $"That doesn't look like a plain email address (like you@example.com, at most {maxLength} characters, no name or brackets).";
        public override string TooManyMails(int limit) => $"I've already mailed {limit} confirmation codes for you today. Please try again tomorrow.";
        public override string CodeSent(string masked, int hours) => $"📧 I mailed a 6-digit code to {masked}. Send /subscribe CODE here within {hours} hours to confirm.";
        public override string MailNotSent => "I couldn't send the mail just now. Please try again later.";
        public override string MailRefused(string masked) => $"The mail server refused {masked}. Please check the address.";
        public override string AlreadySubscribed(string masked) => $"You're already subscribed: the weekly digest goes to {masked}.";
        public override string NoPendingRequest => "There's no code waiting for you. Start with /subscribe you@example.com.";
        public override string CodeExpired => "That code has expired. Ask for a new one with /subscribe you@example.com.";
        public override string WrongCode(int triesLeft) => $"That's not the code. {triesLeft} tries left.";
        public override string RequestVoid => "Too many wrong codes: this request is void. Ask for a new code with /subscribe you@example.com.";
        public override string Confirmed(string masked, string group) => $"✅ Subscribed: the weekly digest of {group} goes to {masked}. /unsubscribe stops it.";
        public override string Unsubscribed => "You won't get the digest by email any more.";
        public override string NotSubscribed => "You're not subscribed to the digest by email.";

        public override string ConfirmationSubject(string group) => $"Confirm the weekly digest of {group}";
        public override IReadOnlyList<string> ConfirmationBody(string group, string code, int hours) =>
        [
            $"Someone (hopefully you) asked StudyBot to mail the weekly digest of {group} to this address.",
            $"Your confirmation code: {code}",
            $"To confirm, send /subscribe {code} in the chat within {hours} hours.",
            "If it wasn't you, ignore this mail: nothing will be sent without the code.",
        ];
        public override string DigestSubject(string group, DateOnly first, DateOnly last) => $"{group} · weekly digest {first:yyyy-MM-dd} – {last:yyyy-MM-dd}";
        public override string DigestFooter(string group) => $"You get this mail because you subscribed in {group}.";
        public override string UnsubscribeLink => "Unsubscribe";

        public override string PageTitle => "Unsubscribe from the StudyBot digest";
        public override string PageQuestion(string masked, string group) => $"Stop mailing the weekly digest of {group} to {masked}?";
        public override string PageButton => "Unsubscribe";
        public override string PageDone => "Done: no more digest mails to this address.";
    }

    private sealed class Chinese : EmailTexts
    {
        public static readonly Chinese Instance = new();

        public override string NotConfigured => "本机器人没有配置邮件，无法通过邮件发送周报。";
        public override string Usage => "通过邮件接收周报：/subscribe you@example.com，然后用我发给你的 6 位验证码发送 /subscribe 验证码。/unsubscribe 取消订阅。";
        public override string StatusSubscribed(string masked) => $"周报会发送到 {masked}。";
        public override string StatusPending(string masked) => $"验证码已发送到 {masked}：发送 /subscribe 验证码 完成确认。";
        public override string BadAddress(int maxLength) => $"这不像一个普通的邮箱地址（例如 you@example.com，最多 {maxLength} 个字符，不含名字或括号）。";
        public override string TooManyMails(int limit) => $"今天已经给你发送了 {limit} 封验证邮件，请明天再试。";
        public override string CodeSent(string masked, int hours) => $"📧 我已把 6 位验证码发送到 {masked}。请在 {hours} 小时内在这里发送 /subscribe 验证码 完成确认。";
        public override string MailNotSent => "邮件暂时发送失败，请稍后再试。";
        public override string MailRefused(string masked) => $"邮件服务器拒收 {masked}，请检查地址。";
        public override string AlreadySubscribed(string masked) => $"你已经订阅了：周报会发送到 {masked}。";
        public override string NoPendingRequest => "没有等待确认的验证码。请先发送 /subscribe you@example.com。";
        public override string CodeExpired => "验证码已过期。请用 /subscribe you@example.com 重新获取。";
        public override string WrongCode(int triesLeft) => $"验证码不对，还可以再试 {triesLeft} 次。";
        public override string RequestVoid => "错误次数太多，本次请求已作废。请用 /subscribe you@example.com 重新获取验证码。";
        public override string Confirmed(string masked, string group) => $"✅ 订阅成功：{group} 的周报会发送到 {masked}。/unsubscribe 可取消。";
        public override string Unsubscribed => "已取消：不会再通过邮件发送周报。";
        public override string NotSubscribed => "你没有订阅邮件周报。";

        public override string ConfirmationSubject(string group) => $"确认订阅 {group} 的每周简报";
        public override IReadOnlyList<string> ConfirmationBody(string group, string code, int hours) =>
        [
            $"有人（希望是你）请 StudyBot 把 {group} 的每周简报发送到这个邮箱。",
            $"你的验证码：{code}",
            $"请在 {hours} 小时内在群聊中发送 /subscribe {code} 完成确认。",
            "如果不是你本人操作，请忽略本邮件：没有验证码不会发送任何内容。",
        ];
        public override string DigestSubject(string group, DateOnly first, DateOnly last) => $"{group} · 每周简报 {first:yyyy-MM-dd} – {last:yyyy-MM-dd}";
        public override string DigestFooter(string group) => $"你收到这封邮件，是因为你在 {group} 中订阅了周报。";
        public override string UnsubscribeLink => "取消订阅";

        public override string PageTitle => "取消订阅 StudyBot 周报";
        public override string PageQuestion(string masked, string group) => $"不再把 {group} 的每周简报发送到 {masked}？";
        public override string PageButton => "取消订阅";
        public override string PageDone => "已取消：不会再向这个邮箱发送周报。";
    }
}

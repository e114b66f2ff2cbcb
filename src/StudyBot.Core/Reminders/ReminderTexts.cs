using StudyBot.Core.Localization;

namespace StudyBot.Core.Reminders;

/// <summary>What /remind and the evening reminder say, per language (abstract: a language missing one does not compile).</summary>
public abstract class ReminderTexts
{
    public static ReminderTexts For(Language language) => language == Language.Zh ? Chinese.Instance : English.Instance;

    public abstract string TurnedOn(TimeOnly evening, string timeZone);
    public abstract string TurnedOff { get; }
    public abstract string StateOn(TimeOnly evening, string timeZone);
    public abstract string StateOff(TimeOnly evening, string timeZone);
    public abstract string DirectMessageNote { get; }
    public abstract string TelegramStartHint { get; }
    public abstract string Usage { get; }
    public abstract string ReminderHeading { get; }
    public abstract string NotCheckedIn(string chat);
    public abstract string TodaysLesson(int day, string title);
    public abstract string HowToCheckIn(string chat);
    public abstract string HowToStop(string chat);
    public abstract string PrivateChatName { get; }

    private sealed class English : ReminderTexts
    {
        public static readonly English Instance = new();

        public override string TurnedOn(TimeOnly evening, string timeZone) => $"🔔 Reminders on. If you haven't checked in here by {evening:HH\\:mm} ({timeZone}), I'll remind you that evening.";
        public override string TurnedOff => "🔕 Reminders off for this chat.";
        public override string StateOn(TimeOnly evening, string timeZone) => $"🔔 Your reminders are on: on days without a check-in here, one at {evening:HH\\:mm} ({timeZone}).";
        public override string StateOff(TimeOnly evening, string timeZone) => $"🔕 Your reminders are off. With /remind on you get one at {evening:HH\\:mm} ({timeZone}) on days without a check-in here.";
        public override string DirectMessageNote => "The reminder comes as a direct message, to you only.";
        public override string TelegramStartHint => "On Telegram, open a private chat with me and press Start once, or I cannot write to you.";
        public override string Usage => "/remind on · /remind off";
        public override string ReminderHeading => "⏰ Evening reminder";
        public override string NotCheckedIn(string chat) => $"You haven't checked in today in {chat}.";
        public override string TodaysLesson(int day, string title) => $"Today is day {day}: {title}.";
        public override string HowToCheckIn(string chat) => $"Done with the task? Send /done in {chat}.";
        public override string HowToStop(string chat) => $"No more reminders: /remind off in {chat}.";
        public override string PrivateChatName => "our private chat";
    }

    private sealed class Chinese : ReminderTexts
    {
        public static readonly Chinese Instance = new();

        public override string TurnedOn(TimeOnly evening, string timeZone) => $"🔔 已开启提醒。如果你到 {evening:HH\\:mm}（{timeZone}）还没在这里打卡，我会在当晚提醒你。";
        public override string TurnedOff => "🔕 已关闭本群的提醒。";
        public override string StateOn(TimeOnly evening, string timeZone) => $"🔔 你的提醒已开启：当天没在这里打卡时，{evening:HH\\:mm}（{timeZone}）提醒一次。";
        public override string StateOff(TimeOnly evening, string timeZone) => $"🔕 你的提醒已关闭。发送 /remind on 后，当天没在这里打卡时会在 {evening:HH\\:mm}（{timeZone}）提醒你。";
        public override string DirectMessageNote => "提醒以私信发送，只发给你本人。";
        public override string TelegramStartHint => "在 Telegram 上，请先打开与我的私聊并点一次 Start，否则我无法给你发私信。";
        public override string Usage => "/remind on · /remind off";
        public override string ReminderHeading => "⏰ 晚间提醒";
        public override string NotCheckedIn(string chat) => $"你今天还没有在 {chat} 打卡。";
        public override string TodaysLesson(int day, string title) => $"今天是第 {day} 天：{title}。";
        public override string HowToCheckIn(string chat) => $"完成任务了吗？在 {chat} 发送 /done 打卡。";
        public override string HowToStop(string chat) => $"不想再收到提醒：在 {chat} 发送 /remind off。";
        public override string PrivateChatName => "我们的私聊";
    }
}

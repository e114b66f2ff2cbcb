using System.Text.Json;

namespace StudyBot.Telegram.Tests.Fakes;

/// <summary>Update JSON as Telegram sends it, for the webhook and for getUpdates.</summary>
public static class FakeUpdates
{
    private static int _nextUpdateId = 10_000;
    private static int _nextMessageId = 1;

    public static int NextId() => Interlocked.Increment(ref _nextUpdateId);

    public static int NextMessageId() => Interlocked.Increment(ref _nextMessageId);

    public static object User(long id, string language = "en") => new { id, is_bot = false, first_name = "User" + id, last_name = "<Test>", language_code = language };

    public static object PrivateChat(long userId) => new { id = userId, type = "private", first_name = "User" + userId };

    public static object GroupChat(long chatId, string title = "LLM study <group>") => new { id = chatId, type = "supergroup", title };

    public static string PrivateText(long userId, string text, string language = "en", int? updateId = null) =>
        Serialize(new { update_id = updateId ?? NextId(), message = new { message_id = NextMessageId(), date = Now, chat = PrivateChat(userId), from = User(userId, language), text } });

    /// <summary>A private message replying to one of the bot's messages (as ForceReply makes the app send it).</summary>
    public static string PrivateReply(long userId, string text, int replyTo) =>
        Serialize(new
        {
            update_id = NextId(),
            message = new
            {
                message_id = NextMessageId(),
                date = Now,
                chat = PrivateChat(userId),
                from = User(userId),
                text,
                reply_to_message = new { message_id = replyTo, date = Now, chat = PrivateChat(userId), from = new { id = FakeBotApi.BotId, is_bot = true, first_name = "Study Bot", username = FakeBotApi.BotUsername }, text = "prompt" },
            },
        });

    public static string GroupText(long chatId, long userId, string text, int? messageId = null, int? replyTo = null, string language = "en") =>
        Serialize(new
        {
            update_id = NextId(),
            message = new
            {
                message_id = messageId ?? NextMessageId(),
                date = Now,
                chat = GroupChat(chatId),
                from = User(userId, language),
                text,
                reply_to_message = replyTo is { } id
                    ? new { message_id = id, date = Now, chat = GroupChat(chatId), from = new { id = FakeBotApi.BotId, is_bot = true, first_name = "Study Bot", username = FakeBotApi.BotUsername }, text = "prompt" }
                    : null,
            },
        });

    /// <summary>A message an administrator posted anonymously, "as the group": from GroupAnonymousBot, sender_chat the group.</summary>
    public static string AnonymousAdminText(long chatId, string text) =>
        Serialize(new
        {
            update_id = NextId(),
            message = new
            {
                message_id = NextMessageId(),
                date = Now,
                chat = GroupChat(chatId),
                from = new { id = 1087968824L, is_bot = true, first_name = "Group", username = "GroupAnonymousBot" },
                sender_chat = GroupChat(chatId),
                text,
            },
        });

    public static string Callback(long chatId, long userId, string data, bool group = false) =>
        Serialize(new
        {
            update_id = NextId(),
            callback_query = new
            {
                id = "cb-" + NextId(),
                from = User(userId),
                chat_instance = "ci-1",
                data,
                message = new { message_id = NextMessageId(), date = Now, chat = group ? GroupChat(chatId) : PrivateChat(chatId), text = "lesson" },
            },
        });

    public static string PollAnswer(string pollId, long userId, int option, string language = "en") =>
        Serialize(new { update_id = NextId(), poll_answer = new { poll_id = pollId, user = User(userId, language), option_ids = new[] { option } } });

    public static string MyChatMember(object chat, long fromUserId, string oldStatus, string newStatus) =>
        Serialize(new
        {
            update_id = NextId(),
            my_chat_member = new
            {
                chat,
                from = User(fromUserId),
                date = Now,
                old_chat_member = new { status = oldStatus, user = new { id = FakeBotApi.BotId, is_bot = true, first_name = "Study Bot" } },
                new_chat_member = new { status = newStatus, user = new { id = FakeBotApi.BotId, is_bot = true, first_name = "Study Bot" } },
            },
        });

    public static string MigrateTo(long oldChatId, long newChatId, long userId) =>
        Serialize(new { update_id = NextId(), message = new { message_id = NextMessageId(), date = Now, chat = new { id = oldChatId, type = "group", title = "old group" }, from = User(userId), migrate_to_chat_id = newChatId } });

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private static string Serialize(object value) => JsonSerializer.Serialize(value, Json);
}

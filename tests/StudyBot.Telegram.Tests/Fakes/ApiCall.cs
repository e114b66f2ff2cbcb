using System.Text.Json.Nodes;

namespace StudyBot.Telegram.Tests.Fakes;

/// <summary>One request the bot made to the fake Bot API, with its JSON parameters.</summary>
public sealed record ApiCall(string Method, JsonObject Body, DateTimeOffset At, int Status, JsonNode? Result = null)
{
    /// <summary>The message id Telegram gave a sent message.</summary>
    public int MessageId => Result?["message_id"]?.GetValue<int>() ?? 0;

    /// <summary>The poll id Telegram gave a sent poll.</summary>
    public string PollId => Result?["poll"]?["id"]?.GetValue<string>() ?? string.Empty;

    public long ChatId => Body["chat_id"]?.GetValue<long>() ?? 0;

    public string Text => Body["text"]?.GetValue<string>() ?? string.Empty;

    public bool Succeeded => Status == 200;

    /// <summary>Callback data of the inline keyboard buttons, row by row flattened.</summary>
    public IReadOnlyList<string> ButtonCommands =>
        Body["reply_markup"]?["inline_keyboard"]?.AsArray().SelectMany(row => row!.AsArray()).Select(b => b!["callback_data"]!.GetValue<string>()).ToList() ?? [];

    public bool ForcesReply => Body["reply_markup"]?["force_reply"]?.GetValue<bool>() == true;

    public int? ReplyToMessageId => Body["reply_parameters"]?["message_id"]?.GetValue<int>();
}

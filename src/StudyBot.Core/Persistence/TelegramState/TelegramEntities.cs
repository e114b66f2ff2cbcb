namespace StudyBot.Core.Persistence.TelegramState;

/// <summary>Where long polling resumes for one bot: the next update_id to ask getUpdates for.</summary>
public sealed class TelegramPollingOffset
{
    public long BotId { get; set; }

    public long NextUpdateId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// An update a host has claimed for handling. Webhook retries, a second replica and a poller restarted between
/// handling and committing its offset all find the claim and skip the update.
/// </summary>
public sealed class TelegramProcessedUpdate
{
    public long BotId { get; set; }

    public long UpdateId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>
    /// The update's JSON when it arrived by webhook and was acknowledged before handling (the inbox); null for
    /// a claim taken while handling at once.
    /// </summary>
    public string? Payload { get; set; }

    /// <summary>When an inbox update was handled and its replies sent; null while it waits.</summary>
    public DateTimeOffset? HandledAt { get; set; }
}

/// <summary>
/// A quiz poll or a ForceReply prompt the bot sent, so a poll answer (which names only the poll) or a reply
/// (which names only the message) maps back to its chat and question.
/// </summary>
public sealed class TelegramQuestionMessage
{
    public long Id { get; set; }

    public long ChatId { get; set; }

    public int MessageId { get; set; }

    /// <summary>Set for a quiz poll; null for a ForceReply prompt.</summary>
    public string? PollId { get; set; }

    /// <summary>The quiz question a poll asks; null for a prompt (the core knows which question is open).</summary>
    public string? LessonId { get; set; }

    public string? QuestionId { get; set; }

    public DateTimeOffset SentAt { get; set; }
}

/// <summary>
/// Telegram's send limits shared by every host of one bot (GCRA): for the bot as a whole (ChatId 0) and per chat,
/// the time the next message may go out. Hosts reserve slots here, so two hosts together stay within the limits.
/// </summary>
public sealed class TelegramSendPace
{
    public long BotId { get; set; }

    /// <summary>The chat the pace is for; 0 for the bot's overall rate (Telegram never uses 0 as a chat id).</summary>
    public long ChatId { get; set; }

    /// <summary>When the next message would be on time if none came before it (the theoretical arrival time).</summary>
    public DateTimeOffset NextAt { get; set; }
}

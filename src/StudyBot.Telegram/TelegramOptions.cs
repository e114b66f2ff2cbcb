using System.ComponentModel.DataAnnotations;

namespace StudyBot.Telegram;

public enum TelegramMode
{
    Polling,
    Webhook,
}

/// <summary>The "Telegram" configuration section. Without a bot token the adapter stays off.</summary>
public sealed class TelegramOptions
{
    public const string Section = "Telegram";

    /// <summary>From @BotFather, "123456:ABC…"; a secret, never logged.</summary>
    [Required]
    [RegularExpression(@"^[0-9]{1,20}:[A-Za-z0-9_-]{1,200}$", ErrorMessage = "Telegram:BotToken must look like 123456789:AAE… (the token @BotFather gave).")]
    public string BotToken { get; set; } = string.Empty;

    /// <summary>The Bot API server; tests and self-hosted Bot API servers set their own.</summary>
    [Required]
    public Uri ApiBaseUrl { get; set; } = new("https://api.telegram.org");

    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    /// <summary>Public HTTPS address Telegram posts updates to (Webhook mode), ending in /telegram/webhook.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>Sent by Telegram in X-Telegram-Bot-Api-Secret-Token with every update (Webhook mode); a secret.</summary>
    [RegularExpression("^[A-Za-z0-9_-]{16,256}$", ErrorMessage = "Telegram:WebhookSecret must be 16–256 characters of A–Z, a–z, 0–9, '_' or '-'.")]
    public string? WebhookSecret { get; set; }

    /// <summary>The bot's @username; when unset it is asked with getMe at start.</summary>
    public string? BotUsername { get; set; }

    /// <summary>Long-poll wait of getUpdates.</summary>
    [Range(0, 50)]
    public int PollingTimeoutSeconds { get; set; } = 25;

    /// <summary>How long a standby host waits before trying again to become the poller.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollerLockRetry { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First wait after a network error or 5xx; doubles up to <see cref="MaxBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a getChatMember verdict on admin rights is trusted.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan AdminCacheDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Largest webhook body accepted; Telegram's updates are far smaller.</summary>
    [Range(1024, 10_000_000)]
    public int MaxUpdateBytes { get; set; } = 1_000_000;

    public TelegramLimits Limits { get; set; } = new();

    /// <summary>How the webhook inbox stores and handles updates (Webhook mode).</summary>
    public TelegramInboxOptions Inbox { get; set; } = new();
}

/// <summary>
/// The webhook inbox: updates are stored (one INSERT for all that are waiting), acknowledged, then handled in the
/// background in update order per chat.
/// </summary>
public sealed class TelegramInboxOptions
{
    /// <summary>Most updates one INSERT carries.</summary>
    [Range(1, 10_000)]
    public int MaxWriteBatch { get; set; } = 1_000;

    /// <summary>Stored updates one claim takes (one transaction holds them until they are handled).</summary>
    [Range(1, 10_000)]
    public int ClaimBatch { get; set; } = 64;

    /// <summary>Claims a host works on at once.</summary>
    [Range(1, 64)]
    public int ConcurrentClaims { get; set; } = 4;

    /// <summary>Chats a host handles at once (each chat's updates one after another).</summary>
    [Range(1, 1_000)]
    public int ParallelChats { get; set; } = 16;

    /// <summary>
    /// Updates handled at once (the engine's part, not the wait for sends) during a burst, when eight or more
    /// requests wait for the same write: acknowledgements come first, as Telegram waits for them; the inbox catches
    /// up at <see cref="ParallelChats"/> once the burst is over.
    /// </summary>
    [Range(1, 1_000)]
    public int ParallelWhileBusy { get; set; } = 1; // 1 vs 2 on 2 cores: ack p99 16.7 vs 22.9 ms, same drain rate

    /// <summary>
    /// During a burst, a new claim (ClaimBatch updates) is taken at most this often: storing and acknowledging an
    /// update costs about a twentieth of handling it, so the burst is taken in first and the backlog still moves.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan BusyClaimInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often the inbox is checked without being woken: for updates another host stored, or left after a failure.
    /// Updates this host stores are handled at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a claim waits for one update's replies (a chat waiting out a 429 retry_after, or Telegram's per-chat
    /// pace) before it lets the claim's other chats go: that chat alone stays locked until its replies are out.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan MaxReplyWait { get; set; } = TimeSpan.FromSeconds(3);
}

/// <summary>Telegram's broadcast limits, as token buckets: a rate and a short burst.</summary>
public sealed class TelegramLimits
{
    /// <summary>About 30 messages per second overall.</summary>
    [Range(0.01, 1_000_000)]
    public double GlobalPerSecond { get; set; } = 30;

    /// <summary>
    /// Seconds' worth of messages that may go out at once after a pause. Less than Telegram's own tolerance, so
    /// sends delayed on the way (a busy machine, a slow network) and arriving together still stay under its limit.
    /// </summary>
    [Range(0, 10)]
    public double GlobalBurstSeconds { get; set; } = 0.5;

    /// <summary>
    /// Whether these limits hold for all hosts of the bot together (kept in PostgreSQL) rather than for each host.
    /// Off only for measurements of the bot itself.
    /// </summary>
    public bool SharedAcrossHosts { get; set; } = true;

    /// <summary>About one message per second in a private chat.</summary>
    [Range(0.001, 1_000_000)]
    public double PrivateChatPerSecond { get; set; } = 1;

    /// <summary>About 20 messages per minute in a group.</summary>
    [Range(0.001, 1_000_000)]
    public double GroupPerMinute { get; set; } = 20;

    /// <summary>Messages a chat may receive at once before the rate applies (a reply split in parts, a poll).</summary>
    [Range(1, 100)]
    public int ChatBurst { get; set; } = 4;

    /// <summary>Attempts per message on 5xx and network errors (429 waits are counted too).</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Messages waiting to be sent across all chats; beyond this a send is reported undelivered.</summary>
    [Range(1, 10_000_000)]
    public int MaxQueued { get; set; } = 10_000;
}

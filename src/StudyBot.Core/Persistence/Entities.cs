namespace StudyBot.Core.Persistence;

/// <summary>Where a chat lives. Stored as text so a new platform needs no migration of old rows.</summary>
public enum Platform
{
    Console,
    Telegram,
    Discord,
}

public enum ChatKind
{
    Private,
    Group,
}

/// <summary>A study group (or a private chat with the bot) and its schedule.</summary>
public sealed class Chat
{
    public long Id { get; set; }

    public Platform Platform { get; set; }

    public required string ExternalId { get; set; }

    public string? Title { get; set; }

    public ChatKind Kind { get; set; }

    public required string TrackId { get; set; }

    /// <summary>Day 1 of the route in the chat's own time zone.</summary>
    public DateOnly StartDate { get; set; }

    /// <summary>IANA time zone id, e.g. Asia/Shanghai.</summary>
    public required string TimeZone { get; set; }

    /// <summary>Local time the daily lesson is posted.</summary>
    public TimeOnly PostTime { get; set; }

    public DayOfWeek DigestDay { get; set; }

    public TimeOnly DigestTime { get; set; }

    /// <summary>Local time after which members who opted in and have not checked in get a reminder.</summary>
    public TimeOnly EveningTime { get; set; } = new(20, 0);

    /// <summary>"en" or "zh".</summary>
    public required string Language { get; set; }

    public bool Paused { get; set; }

    /// <summary>False once the bot was removed from the chat.</summary>
    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public List<Membership> Memberships { get; } = [];
}

/// <summary>A person on one platform.</summary>
public sealed class Member
{
    public long Id { get; set; }

    public Platform Platform { get; set; }

    public required string ExternalId { get; set; }

    public required string DisplayName { get; set; }

    /// <summary>Language chosen with /lang; null follows the platform locale or the chat.</summary>
    public string? Language { get; set; }

    /// <summary>Locale the platform reported last (e.g. "zh-hans").</summary>
    public string? PlatformLocale { get; set; }

    /// <summary>
    /// Set when the platform refused a direct message (the member blocked the bot); nothing is sent to them
    /// directly until they write to the bot again.
    /// </summary>
    public DateTimeOffset? UnreachableSince { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class Membership
{
    public long ChatId { get; set; }

    public long MemberId { get; set; }

    public Chat? Chat { get; set; }

    public Member? Member { get; set; }

    public DateTimeOffset JoinedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>Opted in with /remind on: a direct message on evenings without a check-in in this chat.</summary>
    public bool RemindersOn { get; set; }
}

/// <summary>"打卡": one per member, chat and local day.</summary>
public sealed class CheckIn
{
    public long Id { get; set; }

    public long ChatId { get; set; }

    public long MemberId { get; set; }

    public DateOnly LocalDate { get; set; }

    /// <summary>The group's day of the route when the member checked in.</summary>
    public int LessonDay { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One run through one lesson's quiz by one member in one chat.</summary>
public sealed class QuizAttempt
{
    public long Id { get; set; }

    public long ChatId { get; set; }

    public long MemberId { get; set; }

    public required string LessonId { get; set; }

    public int LessonDay { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Sum of answer scores (each 0..1) once completed.</summary>
    public double? Score { get; set; }

    public int QuestionCount { get; set; }

    public List<QuizAnswer> Answers { get; } = [];
}

public enum QuestionKind
{
    MultipleChoice,
    Open,
}

public sealed class QuizAnswer
{
    public long Id { get; set; }

    public long AttemptId { get; set; }

    public QuizAttempt? Attempt { get; set; }

    public required string QuestionId { get; set; }

    public QuestionKind Kind { get; set; }

    /// <summary>Zero-based option for multiple choice.</summary>
    public int? ChosenOption { get; set; }

    /// <summary>The learner's text for an open question.</summary>
    public string? Text { get; set; }

    /// <summary>0..1.</summary>
    public double Score { get; set; }

    public bool Correct { get; set; }

    /// <summary>Who graded an open answer ("offline", a model name).</summary>
    public string? Grader { get; set; }

    /// <summary>Key-point results as JSON, for feedback and audit.</summary>
    public string? Details { get; set; }

    public DateTimeOffset AnsweredAt { get; set; }
}

public enum DeliveryKind
{
    DailyLesson,
    WeeklyDigest,
    Reminder,

    /// <summary>The weekly digest mailed to one confirmed subscriber (<see cref="Delivery.MemberId"/>).</summary>
    EmailDigest,

    /// <summary>
    /// Confirmation-code mails to one member in one chat on one UTC day; <see cref="Delivery.Attempts"/> counts
    /// them, so /subscribe cannot be used to flood an address (always Sent, never picked up by a sender).
    /// </summary>
    EmailCode,
}

public enum DeliveryStatus
{
    Pending,
    Sent,
    Failed,

    /// <summary>A sender holds it right now; a crash leaves it here rather than risk posting twice.</summary>
    Sending,

    /// <summary>Not sent on purpose: no longer needed when its turn came (a reminder to a member who has checked in since).</summary>
    Skipped,
}

/// <summary>
/// Something the bot posts on a clock. Unique per chat, kind and local date, so a retried or duplicated
/// job never sends twice (the scheduler inserts first, then sends).
/// </summary>
public sealed class Delivery
{
    public long Id { get; set; }

    public long ChatId { get; set; }

    /// <summary>Set for deliveries to one member (reminders, mailed digests); null for a post to the chat.</summary>
    public long? MemberId { get; set; }

    public DeliveryKind Kind { get; set; }

    public DateOnly LocalDate { get; set; }

    public DeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>
    /// While <see cref="DeliveryStatus.Sending"/>: when the sender's hold expires. A sender that died (crash, SIGKILL)
    /// leaves an expired lease, and the delivery is taken again rather than lost.
    /// </summary>
    public DateTimeOffset? LeaseUntil { get; set; }
}

/// <summary>A member's request to get a chat's weekly digest by email; active once confirmed and not unsubscribed.</summary>
public sealed class EmailSubscription
{
    public long Id { get; set; }

    public long ChatId { get; set; }

    public long MemberId { get; set; }

    public required string Email { get; set; }

    /// <summary>SHA-256 (hex) of the confirmation code; the code itself is only ever in the mail.</summary>
    public required string ConfirmationCodeHash { get; set; }

    public DateTimeOffset CodeExpiresAt { get; set; }

    /// <summary>Wrong codes entered; the request is void after a few.</summary>
    public int ConfirmAttempts { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>Random, URL-safe; the unsubscribe link carries it.</summary>
    public required string UnsubscribeToken { get; set; }

    public DateTimeOffset? UnsubscribedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The catalogue as the database knows it; FirstSeenAt lets a digest list newly added sources.</summary>
public sealed class SourceRecord
{
    public required string Id { get; set; }

    public required string Title { get; set; }

    public required string Url { get; set; }

    public required string Tier { get; set; }

    public required string Kind { get; set; }

    public List<string> Topics { get; set; } = [];

    public DateTimeOffset FirstSeenAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>False when the source left the catalogue; kept so old references still resolve.</summary>
    public bool InCatalogue { get; set; } = true;
}

namespace StudyBot.Telegram.State;

/// <summary>
/// The bot as Telegram knows it: its numeric id (the token's prefix, so known without a call) and its @username
/// (from configuration, else from getMe at start; until then "/cmd@anyname" is accepted).
/// </summary>
public sealed class TelegramBotIdentity(long id, string? username)
{
    private volatile string? _username = username;

    public long Id { get; } = id;

    public string? Username
    {
        get => _username;
        set => _username = value;
    }
}

namespace StudyBot.Discord.Interactions;

/// <summary>An interaction we cannot make sense of (unknown type, missing fields): answered with 400, never 500.</summary>
public sealed class UnsupportedInteractionException : Exception
{
    public UnsupportedInteractionException()
    {
    }

    public UnsupportedInteractionException(string message)
        : base(message)
    {
    }

    public UnsupportedInteractionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

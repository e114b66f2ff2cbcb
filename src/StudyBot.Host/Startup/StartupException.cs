namespace StudyBot.Host.Startup;

/// <summary>Start-up cannot go on; the message is the one clear line the operator sees before exit code 1.</summary>
public sealed class StartupException : Exception
{
    public StartupException(string message) : base(message) { }

    public StartupException(string message, Exception inner) : base(message, inner) { }

    public StartupException() { }
}

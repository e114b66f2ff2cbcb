namespace StudyBot.LocalPostgres;

/// <summary>The local cluster could not be created or started; the message is meant for the person at the console.</summary>
public sealed class PostgresUnavailableException : Exception
{
    public PostgresUnavailableException(string message) : base(message) { }

    public PostgresUnavailableException(string message, Exception inner) : base(message, inner) { }

    public PostgresUnavailableException() { }
}

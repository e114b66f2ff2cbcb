using Npgsql;

namespace StudyBot.Telegram.Updates;

/// <summary>Failures that a later retry of the same update can get past: the database away or too slow.</summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is NpgsqlException { IsTransient: true } or TimeoutException || (ex is NpgsqlException && ex is not PostgresException))
            {
                return true;
            }
        }

        return false;
    }
}

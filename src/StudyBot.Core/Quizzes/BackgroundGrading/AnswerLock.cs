using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Persistence;

namespace StudyBot.Core.Quizzes.BackgroundGrading;

/// <summary>
/// One grader per answer at a time, across processes and replicas: a PostgreSQL session advisory lock on the
/// job's own connection. A process that dies loses its connection and with it the lock; no lease to expire.
/// </summary>
public static class AnswerLock
{
    // A fixed high tag keeps these keys apart from the other advisory locks (Telegram poller, Discord gateway).
    private const long Tag = 0x4752L << 48;

    /// <summary>True when this connection now holds the answer's lock; the context's connection must stay open until release.</summary>
    public static async Task<bool> TryTakeAsync(StudyBotDbContext db, long answerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var command = Command(db, "SELECT pg_try_advisory_lock(@key)", answerId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
    }

    public static async Task ReleaseAsync(StudyBotDbContext db, long answerId)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var command = Command(db, "SELECT pg_advisory_unlock(@key)", answerId);
        await command.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static DbCommand Command(StudyBotDbContext db, string sql, long answerId)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        var key = command.CreateParameter();
        key.ParameterName = "key";
        key.Value = Tag | (answerId & 0xFFFF_FFFF_FFFF);
        command.Parameters.Add(key);
        return command;
    }
}

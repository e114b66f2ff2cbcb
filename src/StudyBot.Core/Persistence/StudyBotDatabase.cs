using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace StudyBot.Core.Persistence;

/// <summary>The one place that says how StudyBot talks to PostgreSQL, shared by host, tools and tests.</summary>
public static class StudyBotDatabase
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .UseNpgsql(WithAutoPrepare(connectionString), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", "studybot"))
            .UseSnakeCaseNamingConvention();
    }

    /// <summary>
    /// Lets Npgsql prepare the statements a command runs again and again (registration, /today, /answer): it halves
    /// PostgreSQL's CPU per handled update. A connection string that says otherwise wins.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        if (connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 }.ConnectionString;
    }

    public static DbContextOptions<StudyBotDbContext> Options(string connectionString) =>
        ((DbContextOptionsBuilder<StudyBotDbContext>)Configure(new DbContextOptionsBuilder<StudyBotDbContext>(), connectionString)).Options;

    /// <summary>Applies pending migrations; safe to run from several hosts at once (EF takes a lock).</summary>
    public static async Task MigrateAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var db = new StudyBotDbContext(Options(connectionString));
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }
}

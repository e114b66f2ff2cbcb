using Npgsql;
using StudyBot.Core.Persistence;
using StudyBot.LocalPostgres;

namespace StudyBot.Testing;

/// <summary>
/// One throwaway PostgreSQL cluster per test run (per test assembly), started with initdb/pg_ctl on a free
/// loopback port and removed at exit. A migrated template database makes each test database a cheap copy.
/// </summary>
public static class TestCluster
{
    private const string TemplateName = "studybot_template";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static LocalCluster? _cluster;
    private static string? _root;

    public static async Task<LocalCluster> GetAsync()
    {
        if (_cluster is not null)
        {
            return _cluster;
        }

        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_cluster is null)
            {
                _root = Path.Combine(Path.GetTempPath(), "studybot-tests", Guid.NewGuid().ToString("N"));
                var cluster = await LocalCluster.StartAsync(new LocalClusterOptions(_root) { Throwaway = true, RemoveWhenOwnerExits = true, DatabaseName = TemplateName }).ConfigureAwait(false);
                await StudyBotDatabase.MigrateAsync(cluster.ConnectionString).ConfigureAwait(false);
                NpgsqlConnection.ClearAllPools(); // no open connection may stay on the template
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Shutdown();
                _cluster = cluster;
            }

            return _cluster;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A fresh, migrated database of its own for one test or test class.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync()
    {
        var cluster = await GetAsync().ConfigureAwait(false);
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await cluster.EnsureDatabaseAsync(name, TemplateName).ConfigureAwait(false);
        return new TestDatabase(cluster, name, cluster.ConnectionStringFor(name));
    }

    private static void Shutdown()
    {
        var cluster = _cluster;
        _cluster = null;
        if (cluster is null)
        {
            return;
        }

        try
        {
            cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
            if (_root is not null && Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
        catch (IOException)
        {
            // Leaving a temp folder behind is no reason to fail a test run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>A database of the test cluster, dropped on dispose.</summary>
public sealed class TestDatabase(LocalCluster cluster, string name, string connectionString) : IAsyncDisposable
{
    public string Name => name;

    public string ConnectionString => connectionString;

    public LocalCluster Cluster => cluster;

    public StudyBotDbContext CreateDbContext() => new(StudyBotDatabase.Options(connectionString));

    public async ValueTask DisposeAsync()
    {
        await using (var own = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(own); // only this database's pool; other tests keep theirs
        }

        await using var connection = new NpgsqlConnection(cluster.ConnectionStringFor("postgres"));
        await connection.OpenAsync().ConfigureAwait(false);
#pragma warning disable CA2100 // the name is ours: t_ + hex
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
#pragma warning restore CA2100
        await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}

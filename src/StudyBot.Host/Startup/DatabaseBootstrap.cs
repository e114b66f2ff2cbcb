using Microsoft.Extensions.Configuration;
using Npgsql;
using StudyBot.Core.Persistence;
using StudyBot.LocalPostgres;

namespace StudyBot.Host.Startup;

/// <summary>
/// The database the bot runs on: ConnectionStrings:StudyBot when set, else a project-local cluster under
/// .data/postgres of the checkout. Migrates it before anything else touches it.
/// </summary>
public sealed class DatabaseBootstrap : IAsyncDisposable
{
    private LocalCluster? _cluster;

    private DatabaseBootstrap(string connectionString, LocalCluster? cluster)
    {
        ConnectionString = connectionString;
        _cluster = cluster;
    }

    public string ConnectionString { get; }

    public bool IsLocalCluster => _cluster is not null;

    public static async Task<DatabaseBootstrap> StartAsync(IConfiguration configuration, string contentRoot, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(log);
        var configured = configuration.GetConnectionString("StudyBot");
        LocalCluster? cluster = null;
        string connectionString;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            connectionString = configured;
        }
        else
        {
            var dataRoot = configuration["StudyBot:DataDirectory"] ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(contentRoot))!, ".data");
            var clusterRoot = Path.Combine(dataRoot, "postgres");
            try
            {
                cluster = await LocalCluster.StartAsync(new LocalClusterOptions(clusterRoot), cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresUnavailableException ex)
            {
                throw new StartupException(ex.Message, ex);
            }

            log.WriteLine($"Local PostgreSQL on 127.0.0.1:{cluster.Port} (data in {clusterRoot}).");
            connectionString = cluster.ConnectionString;
        }

        var bootstrap = new DatabaseBootstrap(connectionString, cluster);
        try
        {
            await StudyBotDatabase.MigrateAsync(connectionString, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException || ex.InnerException is NpgsqlException)
        {
            await bootstrap.DisposeAsync().ConfigureAwait(false);
            throw new StartupException($"Database unreachable ({Describe(connectionString)}): {ex.GetBaseException().Message}", ex);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // A malformed connection string, or a model that does not match its migrations.
            await bootstrap.DisposeAsync().ConfigureAwait(false);
            throw new StartupException($"Database set-up failed ({Describe(connectionString)}): {ex.GetBaseException().Message}", ex);
        }

        return bootstrap;
    }

    /// <summary>Host, port and database, never the password.</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"host {builder.Host}, port {builder.Port}, database {builder.Database}, user {builder.Username}";
        }
        catch (ArgumentException)
        {
            return "malformed ConnectionStrings:StudyBot";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            var cluster = _cluster;
            _cluster = null;
            await cluster.DisposeAsync().ConfigureAwait(false);
        }
    }
}

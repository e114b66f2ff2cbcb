using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace StudyBot.LocalPostgres;

/// <summary>
/// A project-local PostgreSQL cluster: created with initdb on first use, started with pg_ctl on a free
/// loopback port, stopped again on dispose if this instance started it.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly LocalClusterOptions _options;
    private readonly PostgresBinaries _binaries;
    private readonly ProcessRunner _runner;
    private bool _startedHere;

    private LocalCluster(LocalClusterOptions options, PostgresBinaries binaries, ProcessRunner runner)
    {
        _options = options;
        _binaries = binaries;
        _runner = runner;
    }

    public int Port { get; private set; }

    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Connection string to another database of the same cluster.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;

    /// <summary>Creates (once) and starts the cluster, then makes sure the application database exists.</summary>
    public static async Task<LocalCluster> StartAsync(LocalClusterOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var binaries = PostgresBinaries.Locate() ?? throw new PostgresUnavailableException(PostgresBinaries.InstallHint);
        var cluster = new LocalCluster(options, binaries, ProcessRunner.ForCurrentUser());
        await cluster.StartCoreAsync(cancellationToken).ConfigureAwait(false);
        return cluster;
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_options.RootDirectory);
        if (!File.Exists(Path.Combine(_options.DataDirectory, "PG_VERSION")))
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
        }

        var password = (await File.ReadAllTextAsync(_options.PasswordFile, cancellationToken).ConfigureAwait(false)).Trim();
        var runningPort = await RunningPortAsync(cancellationToken).ConfigureAwait(false);
        if (runningPort is int port)
        {
            Port = port;

            // Left running by a process that died (killed, crashed): take it over so it is stopped on exit.
            // A server whose starter is still alive stays that process's to stop.
            _startedHere = !OwnerIsAlive();
        }
        else
        {
            Port = FreeLoopbackPort();
            await StartServerAsync(cancellationToken).ConfigureAwait(false);
            _startedHere = true;
        }

        if (_startedHere)
        {
            await File.WriteAllTextAsync(OwnerFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            if (_options.RemoveWhenOwnerExits)
            {
                OwnerWatchdog.Start(_runner, _binaries.PgCtl, _options);
            }
        }

        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = _options.UserName,
            Password = password,
            Database = _options.DatabaseName,
        }.ConnectionString;

        await EnsureDatabaseAsync(_options.DatabaseName, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        // A half-made data folder from an interrupted initdb would make initdb refuse to run again.
        if (Directory.Exists(_options.DataDirectory))
        {
            Directory.Delete(_options.DataDirectory, recursive: true);
        }

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        await File.WriteAllTextAsync(_options.PasswordFile, password, cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_options.PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await _runner.GiveOwnershipAsync(_options.RootDirectory, cancellationToken).ConfigureAwait(false);
        var (code, output) = await _runner.RunAsync(
            _binaries.InitDb,
            [
                "-D", _options.DataDirectory,
                "-U", _options.UserName,
                "--pwfile", _options.PasswordFile,
                "--auth-host", "scram-sha-256",
                "--auth-local", "scram-sha-256",
                "-E", "UTF8",
                "--no-locale",
            ],
            CommandTimeout,
            cancellationToken).ConfigureAwait(false);
        if (code != 0)
        {
            throw new PostgresUnavailableException($"initdb failed (exit {code}): {LastLines(output)}");
        }
    }

    private async Task<int?> RunningPortAsync(CancellationToken cancellationToken)
    {
        var pidFile = Path.Combine(_options.DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        var (code, _) = await _runner.RunAsync(_binaries.PgCtl, ["-D", _options.DataDirectory, "status"], CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (code != 0)
        {
            return null; // A stale pid file from a crash; pg_ctl start deals with it.
        }

        // postmaster.pid line 4 holds the port the running server listens on.
        var lines = await File.ReadAllLinesAsync(pidFile, cancellationToken).ConfigureAwait(false);
        return lines.Length > 3 && int.TryParse(lines[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) ? port : null;
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        var serverOptions = $"-p {Port.ToString(CultureInfo.InvariantCulture)} -h 127.0.0.1 -k \"\"";
        if (_options.Throwaway)
        {
            serverOptions += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        }

        var (code, output) = await _runner.RunAsync(
            _binaries.PgCtl,
            ["-D", _options.DataDirectory, "-l", _options.LogFile, "-o", serverOptions, "-w", "-t", "60", "start"],
            CommandTimeout,
            cancellationToken).ConfigureAwait(false);
        if (code != 0)
        {
            var log = File.Exists(_options.LogFile) ? LastLines(await File.ReadAllTextAsync(_options.LogFile, cancellationToken).ConfigureAwait(false)) : string.Empty;
            throw new PostgresUnavailableException($"pg_ctl start failed (exit {code}): {LastLines(output)} {log}".Trim());
        }
    }

    /// <summary>Stops the server (fast shutdown); used on exit and by tests that simulate a database restart.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _runner.RunAsync(_binaries.PgCtl, ["-D", _options.DataDirectory, "-m", "fast", "-w", "stop"], CommandTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a stopped server again on the same port.</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) => StartServerAsync(cancellationToken);

    public async Task EnsureDatabaseAsync(string database, string? template = null, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection))
        {
            exists.Parameters.AddWithValue("name", database);
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }
        }

        var builder = new NpgsqlCommandBuilder();
        var sql = "CREATE DATABASE " + builder.QuoteIdentifier(database) +
                  (template is null ? string.Empty : " TEMPLATE " + builder.QuoteIdentifier(template));
#pragma warning disable CA2100 // identifiers are quoted by Npgsql; DDL takes no parameters
        await using var create = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_startedHere)
        {
            _startedHere = false;
            NpgsqlConnection.ClearAllPools();
            await StopAsync().ConfigureAwait(false);
            if (_options.Throwaway)
            {
                DeleteQuietly(_options.RootDirectory); // its data was never meant to outlive it
            }
        }
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // a file still held open; the watchdog or the next run's temp clean-up takes it
        }
    }

    private string OwnerFile => Path.Combine(_options.RootDirectory, "owner.pid");

    private bool OwnerIsAlive()
    {
        if (!File.Exists(OwnerFile) || !int.TryParse(File.ReadAllText(OwnerFile).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        if (pid == Environment.ProcessId)
        {
            return true; // a second LocalCluster in the same process: the first one stops it
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string LastLines(string text) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(5));
}

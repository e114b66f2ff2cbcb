using System.Diagnostics;
using System.Text;

namespace StudyBot.LocalPostgres;

/// <summary>
/// Runs a PostgreSQL program, as the unprivileged 'postgres' account when we are root:
/// initdb and postgres refuse to run as root.
/// </summary>
internal sealed class ProcessRunner
{
    private readonly string? _runAsUser;

    private ProcessRunner(string? runAsUser) => _runAsUser = runAsUser;

    public string? RunAsUser => _runAsUser;

    public static string RunUserPath => File.Exists("/usr/sbin/runuser") ? "/usr/sbin/runuser" : "/sbin/runuser";

    public static ProcessRunner ForCurrentUser()
    {
        if (!OperatingSystem.IsWindows() && Environment.UserName == "root")
        {
            if (!File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser"))
            {
                throw new PostgresUnavailableException("Running as root, and 'runuser' is missing: PostgreSQL cannot run as root.");
            }

            if (!UserExists("postgres"))
            {
                throw new PostgresUnavailableException(
                    "Running as root and no 'postgres' account exists: PostgreSQL refuses to run as root. " +
                    "Install the postgresql package (it creates the account) or run as an ordinary user.");
            }

            return new ProcessRunner("postgres");
        }

        return new ProcessRunner(null);
    }

    public async Task<(int ExitCode, string Output)> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (_runAsUser is null)
        {
            start.FileName = program;
        }
        else
        {
            start.FileName = RunUserPath;
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(_runAsUser);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The server inherits nothing that would make it chatty or localised.
        start.Environment["LC_ALL"] = "C";
        start.Environment["LANG"] = "C";

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new PostgresUnavailableException($"{Path.GetFileName(program)} did not finish within {timeout.TotalSeconds:0} s.");
        }

        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    /// <summary>Hands a path to the account the server runs as (recursively), so it can write there.</summary>
    public async Task GiveOwnershipAsync(string path, CancellationToken cancellationToken)
    {
        if (_runAsUser is null)
        {
            return;
        }

        var chown = new ProcessRunner(null);
        var (code, output) = await chown.RunAsync("chown", ["-R", $"{_runAsUser}:", path], TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        if (code != 0)
        {
            throw new PostgresUnavailableException($"Could not hand {path} to the '{_runAsUser}' account: {output.Trim()}");
        }
    }

    private static bool UserExists(string name) =>
        File.Exists("/etc/passwd") && File.ReadLines("/etc/passwd").Any(line => line.StartsWith(name + ":", StringComparison.Ordinal));
}

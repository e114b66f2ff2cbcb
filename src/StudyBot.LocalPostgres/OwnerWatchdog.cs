using System.Diagnostics;
using System.Globalization;

namespace StudyBot.LocalPostgres;

/// <summary>
/// A detached shell that waits for this process to end, then stops the cluster and removes its folder. It outlives
/// a SIGKILL of its owner, which no in-process exit handler does.
/// </summary>
internal static class OwnerWatchdog
{
    // $1 owner pid, $2 pg_ctl, $3 data dir, $4 root dir, $5 runuser path or "", $6 account or "".
    private const string Script = """
        exec </dev/null >/dev/null 2>&1
        while kill -0 "$1"; do sleep 1; done
        if [ -n "$5" ]; then "$5" -u "$6" -- "$2" -D "$3" -m immediate stop; else "$2" -D "$3" -m immediate stop; fi
        rm -rf "$4"
        """;

    public static void Start(ProcessRunner runner, string pgCtl, LocalClusterOptions options)
    {
        if (OperatingSystem.IsWindows() || !File.Exists("/bin/sh"))
        {
            return;
        }

        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     "-c", Script, "studybot-cluster-watchdog",
                     Environment.ProcessId.ToString(CultureInfo.InvariantCulture), pgCtl, options.DataDirectory, options.RootDirectory,
                     runner.RunAsUser is null ? string.Empty : ProcessRunner.RunUserPath, runner.RunAsUser ?? string.Empty,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start); // not awaited: it lives as long as this process
    }
}

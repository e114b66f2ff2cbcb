using System.Diagnostics;
using System.Globalization;

namespace StudyBot.Benchmarks.Scheduling;

/// <summary>
/// CPU seconds used so far by this process and by the PostgreSQL server listening on a port (its postmaster, the
/// backends it has reaped and the ones still alive), read from /proc. On a shared machine, CPU per message says more
/// than messages per second.
/// </summary>
internal static class CpuTime
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static double Self()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>0 when the server cannot be found (not Linux, or another user's processes).</summary>
    public static double PostgresOnPort(int port)
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        var stats = new List<(int Pid, int Parent, long Own, long Reaped)>();
        int? postmaster = null;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // fields from the 3rd on: state, ppid, …
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                long Field(int n) => long.Parse(fields[n - 3], CultureInfo.InvariantCulture);
                stats.Add((pid, parent, Field(14) + Field(15), Field(16) + Field(17)));
                var command = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (command.Contains("postgres", StringComparison.Ordinal) && command.Contains($"-p {port.ToString(CultureInfo.InvariantCulture)} ", StringComparison.Ordinal))
                {
                    postmaster = pid;
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        if (postmaster is not int root)
        {
            return 0;
        }

        var ticks = stats.Where(s => s.Pid == root).Sum(s => s.Own + s.Reaped) + stats.Where(s => s.Parent == root).Sum(s => s.Own);
        return ticks / TicksPerSecond;
    }
}

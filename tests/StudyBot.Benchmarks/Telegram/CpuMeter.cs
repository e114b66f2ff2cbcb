using System.Globalization;

namespace StudyBot.Benchmarks.Telegram;

/// <summary>
/// CPU time used by this process and by the PostgreSQL server on a port (postmaster and its backends), from /proc.
/// On a shared machine CPU per request is steadier than requests per second. Linux only; zero elsewhere.
/// </summary>
internal sealed class CpuMeter(int postgresPort)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public (TimeSpan Self, TimeSpan Postgres) Sample()
    {
        var self = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        if (!OperatingSystem.IsLinux())
        {
            return (self, TimeSpan.Zero);
        }

        var postmaster = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .FirstOrDefault(pid => Read($"/proc/{pid}/cmdline") is { } cmd && cmd.Contains("postgres", StringComparison.Ordinal)
                && cmd.Replace('\0', ' ').Contains($" -p {postgresPort.ToString(CultureInfo.InvariantCulture)} ", StringComparison.Ordinal));
        if (postmaster == 0)
        {
            return (self, TimeSpan.Zero);
        }

        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || Read(Path.Combine(dir, "stat")) is not { } stat)
            {
                continue;
            }

            // After the ")" that ends the command name: state, ppid, … utime is field 14, stime 15 (1-based).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 13 && (pid == postmaster || fields[1] == postmaster.ToString(CultureInfo.InvariantCulture)))
            {
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
        }

        return (self, TimeSpan.FromSeconds(ticks / TicksPerSecond));
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

using Npgsql;

namespace StudyBot.Host.Tests.Scheduling;

/// <summary>Waiting on conditions while worker processes run, with their output at hand when it takes too long.</summary>
internal static class WorkerWaits
{
    /// <summary>Polls <paramref name="condition"/> until it holds; on timeout, fails with what the workers printed.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, params HostProcess[] workers)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await Safely(condition))
        {
            if (DateTime.UtcNow > deadline)
            {
                var log = Path.Combine(Path.GetTempPath(), $"studybot-fanout-{Guid.NewGuid():N}.log");
                await File.WriteAllTextAsync(log, string.Join("\n---\n", workers.Select(w => w.Stdout + "\n" + w.Stderr)));
                var output = string.Join("\n---\n", workers.Select(w => Tail(w.Stdout) + "\n" + Tail(w.Stderr)));
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}. Workers' whole output: {log}. They ended with:\n{output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A database that is restarting (or a schema not created yet) is "not yet", not a failure.</summary>
    private static async Task<bool> Safely(Func<Task<bool>> condition)
    {
        try
        {
            return await condition();
        }
        catch (Exception ex) when (ex is NpgsqlException || ex.InnerException is NpgsqlException)
        {
            NpgsqlConnection.ClearAllPools();
            return false;
        }
    }

    /// <summary>The end of a worker's output, without Hangfire's repeated heartbeat complaints.</summary>
    private static string Tail(string text)
    {
        var lines = string.Join('\n', text.Split('\n').Where(l => !l.Contains("Hangfire.Server.ServerHeartbeatProcess", StringComparison.Ordinal)));
        return lines.Length <= 4000 ? lines : lines[^4000..];
    }
}

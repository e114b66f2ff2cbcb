using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace StudyBot.Benchmarks.Telegram;

/// <summary>Requests per second and latency percentiles of one load run.</summary>
internal sealed record LoadResult(string Target, int Connections, double Seconds, long Requests, long Errors, double RequestsPerSecond, double P50Ms, double P99Ms)
{
    public string ToLine() => string.Create(CultureInfo.InvariantCulture,
        $"{Target}: {RequestsPerSecond:0} req/s, p50 {P50Ms:0.00} ms, p99 {P99Ms:0.00} ms ({Requests} requests, {Errors} errors, {Connections} connections, {Seconds:0} s)");

    public static LoadResult Parse(string line)
    {
        var f = line.Split('\t');
        var c = CultureInfo.InvariantCulture;
        return new LoadResult(f[0], int.Parse(f[1], c), double.Parse(f[2], c), long.Parse(f[3], c), long.Parse(f[4], c), double.Parse(f[5], c), double.Parse(f[6], c), double.Parse(f[7], c));
    }

    public string ToTsv() => string.Join('\t', Target, Connections.ToString(CultureInfo.InvariantCulture), Seconds.ToString(CultureInfo.InvariantCulture), Requests.ToString(CultureInfo.InvariantCulture), Errors.ToString(CultureInfo.InvariantCulture),
        RequestsPerSecond.ToString(CultureInfo.InvariantCulture), P50Ms.ToString(CultureInfo.InvariantCulture), P99Ms.ToString(CultureInfo.InvariantCulture));
}

/// <summary>
/// The load generator (run as its own process): a fixed number of keep-alive connections, each posting a /today
/// update from a private chat as fast as answers come back, for a fixed time after a warm-up. Every request has a
/// fresh update_id (so none is a duplicate); users cycle through a pool, as in a real group of learners.
/// </summary>
internal static class LoadClient
{
    private const int Users = 1000;

    public static async Task<LoadResult> RunAsync(Uri url, string target, string? secret, int connections, TimeSpan warmup, TimeSpan duration, int updateIdBase, string text)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var nextUpdateId = updateIdBase;
        var measuring = false;
        var stop = false;
        var latencies = new List<double>[connections];
        var errors = 0L;

        async Task WorkerAsync(int worker)
        {
            var mine = latencies[worker] = new List<double>(200_000);
            while (!Volatile.Read(ref stop))
            {
                var updateId = Interlocked.Increment(ref nextUpdateId);
                var user = 1 + (updateId % Users);

                // A command comes from the user's private chat; plain text is group chatter the bot ignores.
                var chat = text.StartsWith('/') ? string.Create(CultureInfo.InvariantCulture, $$$"""{"id":{{{user}}},"type":"private","first_name":"U"}""") : """{"id":-1001,"type":"supergroup","title":"G"}""";
                var json = string.Create(CultureInfo.InvariantCulture,
                    $$$"""{"update_id":{{{updateId}}},"message":{"message_id":{{{updateId}}},"date":1700000000,"chat":{{{chat}}},"from":{"id":{{{user}}},"is_bot":false,"first_name":"U","language_code":"en"},"text":"{{{text}}}"}}""");
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")) };
                if (secret is not null)
                {
                    request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
                }

                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }

                if (Volatile.Read(ref measuring))
                {
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }

        var workers = Enumerable.Range(0, connections).Select(i => Task.Run(() => WorkerAsync(i))).ToArray();
        await Task.Delay(warmup);
        Interlocked.Exchange(ref errors, 0);
        Volatile.Write(ref measuring, true);
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration);
        Volatile.Write(ref measuring, false);
        var seconds = clock.Elapsed.TotalSeconds;
        Volatile.Write(ref stop, true);
        await Task.WhenAll(workers);

        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
        return new LoadResult(target, connections, seconds, all.Length, Interlocked.Read(ref errors), all.Length / seconds, Percentile(0.50), Percentile(0.99));
    }
}

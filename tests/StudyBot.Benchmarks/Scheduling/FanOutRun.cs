using System.Diagnostics;
using System.Globalization;
using Npgsql;
using StudyBot.Host.Cli;
using StudyBot.Host.Tests.Scheduling;
using StudyBot.Testing;

namespace StudyBot.Benchmarks.Scheduling;

/// <summary>
/// The daily fan-out at scale: N chats due at once, the real `worker` verb (Hangfire on PostgreSQL, the real Telegram
/// sender set to R messages/s) posting to a fake Bot API that enforces R/s (a token bucket with a second's burst,
/// answering 429 with retry_after when exceeded). Reports the achieved rate, 429s and memory.
/// </summary>
internal static class FanOutRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var invariant = CultureInfo.InvariantCulture;
        var chats = args.Length > 0 ? int.Parse(args[0], invariant) : 10_000;
        var rate = args.Length > 1 ? double.Parse(args[1], invariant) : 100;
        var workers = args.Length > 2 ? int.Parse(args[2], invariant) : 10;

        await using var database = await TestCluster.CreateDatabaseAsync();
        await FanOutChats.SeedAsync(database.ConnectionString, chats);
        await using var telegram = await FanOutBotApi.StartAsync(ratePerSecond: rate, keepTexts: false);
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__StudyBot"] = database.ConnectionString,
            ["Telegram__BotToken"] = FanOutBotApi.Token,
            ["Telegram__ApiBaseUrl"] = telegram.BaseUrl.ToString(),
            ["Telegram__Limits__GlobalPerSecond"] = rate.ToString(invariant),
            ["Telegram__Limits__MaxQueued"] = "1000000",
            ["Hangfire__WorkerCount"] = workers.ToString(invariant),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in environment)
        {
            Environment.SetEnvironmentVariable(key, value);
        }

        var port = database.Cluster.Port;
        var (selfCpu, postgresCpu) = (CpuTime.Self(), CpuTime.PostgresOnPort(port));
        using var sampler = new MemorySampler();
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var worker = Verbs.WorkerAsync(TestContent.Write(3), stop.Token);
        var timeout = TimeSpan.FromSeconds((chats / rate * 3) + 180);
        while (telegram.Recorded < chats && clock.Elapsed < timeout && !worker.IsCompleted)
        {
            await Task.Delay(200);
        }

        var allSent = clock.Elapsed;
        var workerCpu = CpuTime.Self() - selfCpu;
        var serverCpu = CpuTime.PostgresOnPort(port) - postgresCpu;
        var spread = await EnqueueSpreadAsync(database.ConnectionString);
        var (deliveries, sent, open) = await FanOutChats.CountAsync(database.ConnectionString);
        await stop.CancelAsync();
        var exit = await worker;

        var achieved = telegram.Recorded > 1 ? (telegram.Recorded - 1) / telegram.Span : 0;
        var duplicates = telegram.PerChat.Count(c => c.Value > 1);
        Console.WriteLine(string.Create(invariant, $"fan-out: {chats} chats, fake Bot API limit N = {rate:0.#} msg/s (token bucket, 1 s burst), sender Telegram:Limits:GlobalPerSecond = {rate:0.#}, Hangfire:WorkerCount = {workers}"));
        Console.WriteLine(string.Create(invariant, $"messages accepted: {telegram.Recorded} to {telegram.PerChat.Count} chats ({duplicates} chats got more than one); deliveries: {deliveries}, sent {sent}, still open {open}; worker exit {exit}"));
        Console.WriteLine(string.Create(invariant, $"achieved rate (first to last accepted message): {achieved:0.0} msg/s over {telegram.Span:0.0} s; achieved/N = {achieved / rate:0.000} (target >= 0.95)"));
        Console.WriteLine(string.Create(invariant, $"429 responses: {telegram.TooManyRequests} (target 0); worker start to last message: {allSent.TotalSeconds:0.0} s"));
        Console.WriteLine(string.Create(invariant, $"send jobs enqueued over {spread:0.0} s; CPU per 1,000 messages: this process {workerCpu * 1000 / Math.Max(1, telegram.Recorded):0.00} s, PostgreSQL {serverCpu * 1000 / Math.Max(1, telegram.Recorded):0.00} s (machine has {Environment.ProcessorCount} cores; load average {LoadAverage()})"));
        Console.WriteLine(string.Create(invariant, $"memory (this process: worker + fake Bot API): peak working set {sampler.PeakWorkingSet / 1048576.0:0} MiB, peak GC heap {sampler.PeakHeap / 1048576.0:0} MiB"));
        Console.WriteLine(string.Create(invariant, $"{{\"chats\":{chats},\"n\":{rate:0.#},\"workers\":{workers},\"messages\":{telegram.Recorded},\"achieved_per_s\":{achieved:0.0},\"achieved_over_n\":{achieved / rate:0.000},\"http_429\":{telegram.TooManyRequests},\"duplicates\":{duplicates},\"peak_working_set_mib\":{sampler.PeakWorkingSet / 1048576.0:0},\"peak_gc_heap_mib\":{sampler.PeakHeap / 1048576.0:0},\"cpu_s_per_1000_process\":{workerCpu * 1000 / Math.Max(1, telegram.Recorded):0.00},\"cpu_s_per_1000_postgres\":{serverCpu * 1000 / Math.Max(1, telegram.Recorded):0.00}}}"));
        return telegram.Recorded == chats && duplicates == 0 ? 0 : 1;
    }

    /// <summary>Seconds between the first and the last send job Hangfire stored: how fast the dispatcher fanned out.</summary>
    private static async Task<double> EnqueueSpreadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COALESCE(EXTRACT(EPOCH FROM MAX(createdat) - MIN(createdat)), 0)::float8 FROM hangfire.job WHERE invocationdata::text LIKE '%SendDeliveryJob%'", connection);
        return (double)(await command.ExecuteScalarAsync())!;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    /// <summary>Samples this process's working set and GC heap a few times a second and keeps the peaks.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly Timer _timer;
        private long _peakWorkingSet;
        private long _peakHeap;

        public MemorySampler() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));

        public long PeakWorkingSet
        {
            get
            {
                Sample();
                using var self = Process.GetCurrentProcess();
                return Math.Max(Interlocked.Read(ref _peakWorkingSet), self.PeakWorkingSet64);
            }
        }

        public long PeakHeap => Interlocked.Read(ref _peakHeap);

        private void Sample()
        {
            using var self = Process.GetCurrentProcess();
            Max(ref _peakWorkingSet, self.WorkingSet64);
            Max(ref _peakHeap, Math.Max(GC.GetGCMemoryInfo().HeapSizeBytes, GC.GetTotalMemory(forceFullCollection: false)));
        }

        private static void Max(ref long peak, long value)
        {
            long seen;
            while (value > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, value, seen) != seen)
            {
            }
        }

        public void Dispose() => _timer.Dispose();
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StudyBot.Core.Commands;
using StudyBot.Core.Delivery;
using StudyBot.Core.Persistence;
using StudyBot.Grading.OpenAI;
using StudyBot.Grading.OpenAI.Tests.Fakes;
using StudyBot.Host.Grading;
using StudyBot.Host.Scheduling;
using StudyBot.Testing;

namespace StudyBot.Benchmarks.Grading;

/// <summary>
/// A loopback load run: N members send their open answer at the same moment to the real engine on a real PostgreSQL,
/// with the LLM grader pointed at a fake endpoint that takes D ms per call. Grading goes the production way: a
/// Hangfire job on the bot's database (as `run` and `worker` do), graded by a Hangfire server on the grading queue
/// with one worker per allowed call; "inprocess" uses the in-process queue of the console chat instead. Measures how
/// long each chat acknowledgement took, how long until every feedback was delivered, and the most calls the endpoint
/// ever had in flight.
/// dotnet run -c Release --project tests/StudyBot.Benchmarks -- grading-load [answers=50] [delayMs=2000] [maxCalls=4] [hangfire|inprocess]
/// </summary>
public static class GradingLoadRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var answers = Argument(args, 0, 50);
        var delay = TimeSpan.FromMilliseconds(Argument(args, 1, 2000));
        var maxCalls = Argument(args, 2, 4);
        var hangfire = !(args.Length > 3 && args[3] == "inprocess");
        await using var server = await FakeOpenAiServer.StartAsync(_ => FakeReply.Verdicts(
            [("context", true, "adds the documents to the context"), ("hallucination", true, "less hallucination"), ("fresh", false, "")], delay));
        var sender = new CountingSender();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Llm:BaseUrl"] = server.BaseUrl.ToString(),
            ["Llm:ApiKey"] = "sk-load",
            ["Llm:Model"] = "fake-model",
            ["Llm:MaxConcurrentCalls"] = maxCalls.ToString(CultureInfo.InvariantCulture),
            ["Llm:DailyGradesPerMember"] = "0",
        }).Build();
        await using var database = await TestCluster.CreateDatabaseAsync();

        // The storage options `run` uses (SchedulingSetup), on the bot's own database.
        var storageOptions = new PostgreSqlStorageOptions { SchemaName = SchedulingSetup.Schema, PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromSeconds(1) };
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, storageOptions, null), storageOptions);
        await using var bot = BotDriver.Connect(database.ConnectionString, new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero)), configure: services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IConfiguration>(configuration));
            services.AddSingleton<IChatSender>(sender);
            services.AddStudyBotLlmGrading(configuration);
            if (hangfire)
            {
                services.AddSingleton<JobStorage>(storage);
                services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>()));
                services.AddStudyBotHangfireGrading(configuration, runWorkers: false); // the server is started below
            }
        });
        using var workers = hangfire
            ? new BackgroundJobServer(
                new BackgroundJobServerOptions { Queues = [GradeAnswerJob.Queue], WorkerCount = maxCalls, Activator = new ServiceProviderActivator(bot.Services) },
                storage)
            : null;

        await bot.SendAsync("/setup start=2026-03-01", user: "admin", admin: true);
        const int Steady = 20;
        var members = Enumerable.Range(0, answers + 1).Select(i => $"m{i}").ToList();
        var late = Enumerable.Range(0, Steady).Select(i => $"late{i}").ToList();
        foreach (var member in members.Concat(late))
        {
            await bot.SendAsync("/quiz", user: member);
            for (var q = 0; q < 3; q++)
            {
                await bot.SendAsync("/answer 1", user: member);
            }
        }

        // Warm-up: one answer end to end (JIT, connection pools), not counted.
        await AnswerAsync(bot, members[0]);
        await sender.WaitForAsync(1);

        // Baseline: the same burst of a plain command (/streak), which also warms the connection pool.
        var baseline = await Task.WhenAll(members.Skip(1).Select(member => TimeAsync(() => bot.SendAsync("/streak", user: member))));
        Array.Sort(baseline);

        // Second baseline: a burst of multiple-choice answers, the same write path without any grading.
        var choosers = Enumerable.Range(0, answers).Select(i => $"mc{i}").ToList();
        foreach (var member in choosers)
        {
            await bot.SendAsync("/quiz", user: member);
        }

        var choices = await Task.WhenAll(choosers.Select(member => TimeAsync(() => bot.SendAsync("/answer 1", user: member))));
        Array.Sort(choices);

        var threadsBefore = ThreadPool.ThreadCount;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.StartNew();
        var acks = await Task.WhenAll(members.Skip(1).Select(member => AnswerAsync(bot, member)));
        var acknowledged = started.Elapsed;
        var cpuPerAnswer = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / answers;
        var threadsAfter = ThreadPool.ThreadCount;

        // While the endpoint is still busy with the burst: answers arriving one at a time.
        var steady = new double[Steady];
        var steadyCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < Steady; i++)
        {
            steady[i] = await AnswerAsync(bot, late[i]);
        }

        var steadyCpuPerAnswer = (Process.GetCurrentProcess().TotalProcessorTime - steadyCpuBefore).TotalMilliseconds / Steady;

        Array.Sort(steady);
        await sender.WaitForAsync(answers + 1 + Steady);
        var delivered = started.Elapsed;

        Array.Sort(acks);
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(invariant, $"{answers} concurrent open answers, endpoint {delay.TotalMilliseconds:0} ms per call, Llm:MaxConcurrentCalls={maxCalls}, grading jobs: {(hangfire ? "Hangfire (PostgreSQL storage)" : "in-process queue")}, {Environment.ProcessorCount} cores"));
        Console.WriteLine(string.Create(invariant, $"during the burst: {cpuPerAnswer:0.00} ms of this process's CPU per answer (the database's own is not counted), thread pool {threadsBefore} -> {threadsAfter} threads, machine load {LoadAverage()}"));
        Console.WriteLine(string.Create(invariant, $"baseline, {answers} concurrent /streak ms: p50 {Percentile(baseline, 0.50):0.0}, p95 {Percentile(baseline, 0.95):0.0}, max {baseline[^1]:0.0}"));
        Console.WriteLine(string.Create(invariant, $"baseline, {answers} concurrent multiple-choice answers ms: p50 {Percentile(choices, 0.50):0.0}, p95 {Percentile(choices, 0.95):0.0}, max {choices[^1]:0.0}"));
        Console.WriteLine(string.Create(invariant, $"acknowledgement ms: p50 {Percentile(acks, 0.50):0.0}, p95 {Percentile(acks, 0.95):0.0}, max {acks[^1]:0.0} (all {answers} acknowledged after {acknowledged.TotalMilliseconds:0} ms)"));
        Console.WriteLine(string.Create(invariant, $"then {Steady} answers one at a time while the endpoint works through the queue, ms: p50 {Percentile(steady, 0.50):0.0}, max {steady[^1]:0.0}; {steadyCpuPerAnswer:0.00} ms of this process's CPU per answer"));
        Console.WriteLine(string.Create(invariant, $"all feedback delivered after {delivered.TotalSeconds:0.0} s (floor: ceil({answers + Steady}/{maxCalls}) x {delay.TotalSeconds:0.#} s = {Math.Ceiling((double)(answers + Steady) / maxCalls) * delay.TotalSeconds:0.0} s)"));
        Console.WriteLine(string.Create(invariant, $"endpoint calls: {server.RequestCount - 1} (+1 warm-up), most in flight at once: {server.MaxInFlight}"));
        Console.WriteLine(string.Create(invariant, $"{{\"mode\":\"{(hangfire ? "hangfire" : "inprocess")}\",\"answers\":{answers},\"ack_p50_ms\":{Percentile(acks, 0.50):0.0},\"ack_p95_ms\":{Percentile(acks, 0.95):0.0},\"ack_max_ms\":{acks[^1]:0.0},\"steady_ack_max_ms\":{steady[^1]:0.0},\"delivered_s\":{delivered.TotalSeconds:0.0},\"max_in_flight\":{server.MaxInFlight},\"max_calls\":{maxCalls}}}"));
        return server.MaxInFlight <= maxCalls ? 0 : 1;
    }

    private static async Task<double> AnswerAsync(BotDriver bot, string member)
    {
        var watch = Stopwatch.StartNew();
        var reply = await bot.SendAsync($"/answer Retrieval adds the documents to the context of the prompt, so there is less hallucination. ({member})", user: member);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (!ReplyText.Of(reply).Contains("being graded", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{member} was not acknowledged: {ReplyText.Of(reply)}");
        }

        return elapsed;
    }

    /// <summary>The 1-minute load average (Linux), so a figure taken on a busy machine says so.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static int Argument(string[] args, int index, int fallback) =>
        args.Length > index && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private sealed class ServiceProviderActivator(IServiceProvider services) : JobActivator
    {
        public override object ActivateJob(Type jobType) => services.GetRequiredService(jobType);
    }

    /// <summary>The console platform's sender, counting deliveries.</summary>
    private sealed class CountingSender : IChatSender
    {
        private readonly ConcurrentQueue<Reply> _sent = new();

        public Platform Platform => Platform.Console;

        public Task<SendResult> SendAsync(ChatRef chat, SenderRef? recipient, Reply reply, CancellationToken cancellationToken)
        {
            _sent.Enqueue(reply);
            return Task.FromResult(SendResult.Ok);
        }

        public async Task WaitForAsync(int count)
        {
            var deadline = Stopwatch.StartNew();
            while (_sent.Count < count)
            {
                if (deadline.Elapsed > TimeSpan.FromMinutes(10))
                {
                    throw new TimeoutException($"{_sent.Count} of {count} feedback messages delivered in 10 minutes.");
                }

                await Task.Delay(10);
            }
        }
    }
}

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using StudyBot.Core.Commands;
using StudyBot.Core.Content;
using StudyBot.Testing;

namespace StudyBot.Benchmarks;

/// <summary>
/// Parse + dispatch of /today and /done through the real engine on a real PostgreSQL (a throwaway
/// cluster on loopback). In-process so the cluster started in setup serves every iteration.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class CommandBenchmarks
{
    private BotDriver _bot = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = ContentLocator.FindContentRoot();
        var catalog = root is not null && ContentLoader.Load(root) is { IsValid: true } loaded ? loaded.Catalog! : TestContent.Catalog;
        _bot = BotDriver.StartAsync(catalog).GetAwaiter().GetResult();
        _bot.SendAsync("/start").GetAwaiter().GetResult();
        _bot.SendAsync("/done").GetAwaiter().GetResult(); // later /done calls take the "already checked in" path
    }

    [GlobalCleanup]
    public void Cleanup() => _bot.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    public ParsedCommand? ParseOnly() => CommandParser.Parse("/today@StudyBot", "StudyBot");

    [Benchmark]
    public Task<Reply> Today() => _bot.SendAsync("/today");

    [Benchmark]
    public Task<Reply> Done() => _bot.SendAsync("/done");

    private sealed class InProcessConfig : BenchmarkDotNet.Configs.ManualConfig
    {
        public InProcessConfig() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }
}

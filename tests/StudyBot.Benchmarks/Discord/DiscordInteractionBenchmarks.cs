using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Tests.Fakes;

namespace StudyBot.Benchmarks.Discord;

/// <summary>
/// Interaction endpoint throughput: the Ed25519 check alone, then whole signed POSTs over loopback HTTP into
/// the real engine on a real PostgreSQL (PING, and /today rendered as embeds). In-process, one client at a time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class DiscordInteractionBenchmarks
{
    private DiscordBenchHost _host = null!;
    private InteractionSignature _signature = null!;
    private byte[] _body = null!;
    private string _timestamp = null!;
    private string _signatureHex = null!;
    private string _today = null!;
    private string _ping = null!;

    [GlobalSetup]
    public void Setup()
    {
        _host = DiscordBenchHost.StartAsync().GetAwaiter().GetResult();
        _today = InteractionJson.Command("today");
        _ping = InteractionJson.Ping();
        _body = Encoding.UTF8.GetBytes(_today);
        _signature = new InteractionSignature(_host.Signer.PublicKeyHex, TimeProvider.System);
        _timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        _signatureHex = _host.Signer.Sign(_timestamp, _body);
        _host.PostAsync(_today).GetAwaiter().GetResult(); // registers the chat and member
    }

    [GlobalCleanup]
    public void Cleanup() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    public bool VerifySignature() => _signature.IsValid(_signatureHex, _timestamp, _body);

    [Benchmark]
    public Task<(int Status, int Type)> PingOverHttp() => _host.PostAsync(_ping);

    [Benchmark]
    public Task<(int Status, int Type)> TodayOverHttp() => _host.PostAsync(_today);

    private sealed class InProcessConfig : BenchmarkDotNet.Configs.ManualConfig
    {
        public InProcessConfig() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }
}

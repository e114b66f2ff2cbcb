using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Core.Commands;
using StudyBot.Core.Persistence;
using StudyBot.Core.Quizzes;
using StudyBot.Core.Quizzes.OfflineGrading;
using StudyBot.Discord.Rendering;
using StudyBot.Discord.Tests.Fakes;

namespace StudyBot.Benchmarks.Discord;

/// <summary>
/// A loopback load run: N members submit the open-answer modal while the grader takes D ms per answer. Measures
/// each acknowledgement (signed POST → deferred response) and how long until every reply had edited its original
/// message at the fake Discord. dotnet run -c Release --project tests/StudyBot.Benchmarks -- discord-ack [answers=200] [graderMs=10000] [clients=8]
/// </summary>
public static class DiscordAckLoadRun
{
    private const string Channel = "600000000000000001";

    public static async Task<int> RunAsync(string[] args)
    {
        var answers = Argument(args, 0, 200);
        var graderDelay = TimeSpan.FromMilliseconds(Argument(args, 1, 10_000));
        var clients = Argument(args, 2, 8);
        const int WarmUp = 10;
        await using var host = await DiscordBenchHost.StartAsync(services =>
            services.AddSingleton<IAnswerGrader>(sp => new SlowGrader(sp.GetRequiredService<OfflineAnswerGrader>(), graderDelay)));

        // Every member has answered the multiple-choice questions: the modal answers the open one.
        var engine = host.Services.GetRequiredService<StudyBotEngine>();
        var members = Enumerable.Range(0, answers + WarmUp).Select(i => (500000000000000000 + i).ToString(CultureInfo.InvariantCulture)).ToList();
        foreach (var member in members)
        {
            var incoming = new Incoming(new ChatRef(Platform.Discord, Channel, ChatKind.Group, "study"), new SenderRef(member, "m" + member[^4..], "en-US", false), "/quiz");
            await engine.HandleAsync(incoming, CancellationToken.None);
            for (var q = 0; q < 3; q++)
            {
                await engine.HandleAsync(incoming with { Text = "/answer 1" }, CancellationToken.None);
            }
        }

        string Submit(string member) => InteractionJson.ModalSubmit(ReplyRenderer.AnswerModalId, ReplyRenderer.AnswerInputId,
            "Retrieval adds documents to the context, which reduces hallucination and keeps knowledge up to date.",
            Who.Member with { UserId = member, Name = "m" + member[^4..] });

        foreach (var member in members.Take(WarmUp))
        {
            await host.PostAsync(Submit(member)); // JIT, pools; not counted
        }

        var latencies = new ConcurrentBag<double>();
        var deferred = 0;
        var queue = new ConcurrentQueue<string>(members.Skip(WarmUp));
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (queue.TryDequeue(out var member))
            {
                var json = Submit(member);
                var started = Stopwatch.GetTimestamp();
                var (status, type) = await host.PostAsync(json);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (status == 200 && type == 5)
                {
                    Interlocked.Increment(ref deferred);
                }
            }
        }));
        var sendSeconds = clock.Elapsed.TotalSeconds;

        var edits = await host.Discord.WaitForAsync(r => r.Method == "PATCH", answers + WarmUp, graderDelay + TimeSpan.FromMinutes(2));
        var allDelivered = clock.Elapsed.TotalSeconds;

        var sorted = latencies.Order().ToArray();
        double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        Console.WriteLine($"{answers} open answers by modal, grader {graderDelay.TotalMilliseconds:0} ms each, {clients} concurrent clients");
        Console.WriteLine($"acknowledgement (signed POST → deferred response): p50 {P(0.50):0.0} ms, p90 {P(0.90):0.0} ms, p99 {P(0.99):0.0} ms, max {sorted[^1]:0.0} ms");
        Console.WriteLine($"deferred responses: {deferred}/{answers}; {answers / sendSeconds:0} acks/s; every reply edited in after {allDelivered:0.0} s ({edits.Count} edits)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $$"""{"answers":{{answers}},"graderMs":{{graderDelay.TotalMilliseconds}},"clients":{{clients}},"ackP50Ms":{{P(0.50):0.0}},"ackP99Ms":{{P(0.99):0.0}},"ackMaxMs":{{sorted[^1]:0.0}},"deferred":{{deferred}},"allEditedSeconds":{{allDelivered:0.0}}}"""));
        return deferred == answers ? 0 : 1;
    }

    private static int Argument(string[] args, int index, int fallback) =>
        args.Length > index && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    /// <summary>The offline grader, made to take as long as a slow LLM.</summary>
    private sealed class SlowGrader(OfflineAnswerGrader inner, TimeSpan delay) : IAnswerGrader
    {
        public async Task<GradeResult> GradeAsync(GradingRequest request, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            return await ((IAnswerGrader)inner).GradeAsync(request, cancellationToken);
        }
    }
}

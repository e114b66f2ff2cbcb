using BenchmarkDotNet.Running;
using StudyBot.Benchmarks.Grading;

// dotnet run -c Release --project tests/StudyBot.Benchmarks -- --filter '*'
// dotnet run -c Release --project tests/StudyBot.Benchmarks -- grading-load [answers] [delayMs] [maxCalls]
if (args.Length > 0 && args[0] == "grading-load")
{
    return await GradingLoadRun.RunAsync(args[1..]);
}

// dotnet run -c Release --project tests/StudyBot.Benchmarks -- webhook-load [connections] [seconds]
if (args.Length > 0 && args[0] == "webhook-load")
{
    return await StudyBot.Benchmarks.Telegram.WebhookLoadRun.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "webhook-load-client")
{
    return await StudyBot.Benchmarks.Telegram.WebhookLoadRun.ClientAsync(args[1..]);
}

// dotnet run -c Release --project tests/StudyBot.Benchmarks -- discord-ack [answers] [graderMs] [clients]
if (args.Length > 0 && args[0] == "discord-ack")
{
    return await StudyBot.Benchmarks.Discord.DiscordAckLoadRun.RunAsync(args[1..]);
}

// dotnet run -c Release --project tests/StudyBot.Benchmarks -- email-digest [subscribers] [workers]
if (args.Length > 0 && args[0] == "email-digest")
{
    return await StudyBot.Benchmarks.Email.EmailDigestLoadRun.RunAsync(args[1..]);
}

// dotnet run -c Release --project tests/StudyBot.Benchmarks -- fanout [chats] [ratePerSecond] [workers]
if (args.Length > 0 && args[0] == "fanout")
{
    return await StudyBot.Benchmarks.Scheduling.FanOutRun.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(StudyBot.Benchmarks.CommandBenchmarks).Assembly).Run(args);
return 0;

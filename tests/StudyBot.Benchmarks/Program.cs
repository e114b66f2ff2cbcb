using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/StudyBot.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(StudyBot.Benchmarks.CommandBenchmarks).Assembly).Run(args);

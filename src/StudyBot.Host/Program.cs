using System.CommandLine;
using StudyBot.Host.Cli;

// Ctrl+C / SIGTERM cancel the verb's token; the grace period lets the local PostgreSQL stop cleanly.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
return await CommandLine.Build().Parse(args).InvokeAsync(invocation).ConfigureAwait(false);

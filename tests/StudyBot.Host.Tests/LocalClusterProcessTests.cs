using System.Net;
using System.Net.Sockets;
using StudyBot.Testing;

namespace StudyBot.Host.Tests;

/// <summary>The embedded default: no connection string, so the host runs its own project-local cluster.</summary>
public sealed class LocalClusterProcessTests
{
    [Fact]
    public async Task Run_starts_a_local_cluster_serves_health_and_stops_everything_on_sigterm()
    {
        var data = Path.Combine(Path.GetTempPath(), "studybot-host-" + Guid.NewGuid().ToString("N"));
        var content = TestContent.Write(3);
        var port = FreePort();
        var env = new Dictionary<string, string?> { ["StudyBot__DataDirectory"] = data };

        using (var host = HostProcess.Start(["run", "--content", content, "--urls", $"http://127.0.0.1:{port}"], env))
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilAsync(async () => (await TryGetAsync(http, "/health/ready")) == HttpStatusCode.OK, TimeSpan.FromSeconds(90), host);
            Assert.Equal(HttpStatusCode.OK, await TryGetAsync(http, "/health/live"));
            Assert.True(File.Exists(Path.Combine(data, "postgres", "data", "postmaster.pid")));

            host.Terminate();
            Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }

        // The cluster it started is stopped with it; its data stays for the next run.
        Assert.False(File.Exists(Path.Combine(data, "postgres", "data", "postmaster.pid")));

        // Second start reuses the cluster: what the first run stored is still there.
        var (exit, stdout, stderr) = await HostProcess.RunAsync(["chat", "--content", content], env, "/done\n/done\n");
        Assert.True(exit == 0, stderr);
        Assert.Contains("already checked in today", stdout, StringComparison.Ordinal);
        var (exit2, stdout2, _) = await HostProcess.RunAsync(["chat", "--content", content], env, "/streak\n");
        Assert.Equal(0, exit2);
        Assert.Contains("Current streak: 1", stdout2, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode?> TryGetAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, HostProcess host)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The host did not become ready.\nstdout:\n{host.Stdout}\nstderr:\n{host.Stderr}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

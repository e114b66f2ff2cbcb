using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StudyBot.Benchmarks.Telegram;

/// <summary>A Bot API stand-in on 127.0.0.1 that accepts every call, so the bot's replies go somewhere real and cheap.</summary>
internal sealed class SinkBotApi : IAsyncDisposable
{
    private static readonly byte[] True = Encoding.UTF8.GetBytes("""{"ok":true,"result":true}""");
    private static readonly byte[] Accepted = Encoding.UTF8.GetBytes(
        """{"ok":true,"result":{"message_id":1,"date":1700000000,"chat":{"id":1,"type":"private"},"text":"ok","poll":{"id":"p","question":"q","options":[],"total_voter_count":0,"is_closed":false,"is_anonymous":false,"type":"quiz","allows_multiple_answers":false}}}""");

    private readonly WebApplication _app;
    private long _calls;

    private SinkBotApi(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public long Calls => Interlocked.Read(ref _calls);

    public static async Task<SinkBotApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new SinkBotApi(app);
        app.Map("/bot{token}/{method}", async (HttpContext http, string method) =>
        {
            var sends = method.StartsWith("send", StringComparison.Ordinal);
            if (sends)
            {
                Interlocked.Increment(ref sink._calls);
            }

            http.Response.ContentType = "application/json";
            await http.Response.Body.WriteAsync(sends ? Accepted : True);
        });
        await app.StartAsync();
        sink.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StudyBot.Core;
using StudyBot.Discord.Api;
using StudyBot.Discord.Api.RateLimits;

namespace StudyBot.Discord.Tests.Fakes;

/// <summary>The real REST client (DI as in the host) against a fresh fake Discord.</summary>
public sealed class RestClientFixture : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private RestClientFixture(ServiceProvider services, FakeDiscordServer discord)
    {
        _services = services;
        Discord = discord;
    }

    public FakeDiscordServer Discord { get; }

    public IDiscordRestClient Client => _services.GetRequiredService<IDiscordRestClient>();

    public IServiceProvider Services => _services;

    public static async Task<RestClientFixture> StartAsync(RestLimits? limits = null, IDictionary<string, string?>? settings = null)
    {
        var discord = await FakeDiscordServer.StartAsync();
        var configuration = new Dictionary<string, string?>
        {
            ["Discord:BotToken"] = "test-bot-token",
            ["Discord:ApplicationId"] = InteractionJson.ApplicationId,
            ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl.ToString(),
            ["Discord:Mode"] = "Gateway", // no public key needed
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build())
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddOptions<StudyBotOptions>();
        if (limits is not null)
        {
            services.AddSingleton(limits);
        }

        services.AddStudyBotDiscordClient();
        return new RestClientFixture(services.BuildServiceProvider(), discord);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Discord.DisposeAsync();
    }
}

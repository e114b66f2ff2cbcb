using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using StudyBot.Core;
using StudyBot.Core.Delivery;
using StudyBot.Testing;

namespace StudyBot.Grading.OpenAI.Tests.Fakes;

/// <summary>The real registration (AddStudyBotLlmGrading) pointed at a fake server, as configuration would do it.</summary>
public static class LlmSetup
{
    public static Dictionary<string, string?> Settings(FakeOpenAiServer server, Action<Dictionary<string, string?>>? change = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Llm:BaseUrl"] = server.BaseUrl.ToString(),
            ["Llm:ApiKey"] = "sk-test-secret",
            ["Llm:Model"] = "fake-model",
            ["Llm:TimeoutSeconds"] = "10",
            ["Llm:MaxConcurrentCalls"] = "4",
            ["Llm:MaxRetries"] = "2",
        };
        change?.Invoke(settings);
        return settings;
    }

    /// <summary>Adds the LLM grader, configured by <paramref name="settings"/>, and a recording console sender.</summary>
    public static Action<IServiceCollection> Services(Dictionary<string, string?> settings, RecordingChatSender sender) => services =>
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        services.Replace(ServiceDescriptor.Singleton<IConfiguration>(configuration));
        services.AddSingleton<IChatSender>(sender);
        services.AddStudyBotLlmGrading(configuration);
    };

    /// <summary>The grader alone (no database is touched), for tests of grading itself.</summary>
    public static ServiceProvider Grader(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddStudyBotCore(TestContent.Catalog, "Host=127.0.0.1;Database=unused");
        services.AddStudyBotLlmGrading(configuration);
        return services.BuildServiceProvider();
    }
}

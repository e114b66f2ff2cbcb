using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core.Quizzes;
using StudyBot.Core.Quizzes.BackgroundGrading;

namespace StudyBot.Grading.OpenAI;

public static class LlmGradingServices
{
    /// <summary>
    /// Grading by an LLM when the Llm section says so; call after AddStudyBotCore. Validates the section at once
    /// (a bad setting throws <see cref="OptionsValidationException"/> naming it). Nothing configured: the offline
    /// grader stays, and every result says it was graded offline.
    /// </summary>
    public static IServiceCollection AddStudyBotLlmGrading(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = LlmOptionsValidator.BindAndValidate(configuration);
        services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>());
        if (!options.IsConfigured)
        {
            return services;
        }

        // One worker per allowed call: the queue then never holds a worker idle behind the cap.
        services.Configure<GradingQueueOptions>(queue => queue.Workers = options.MaxConcurrentCalls);
        // The grader logs each fallback once, with its reason; the client's own per-request logs are noise.
        services.AddLogging(logging => logging.AddFilter("System.Net.Http.HttpClient." + LlmAnswerGrader.HttpClientName, LogLevel.Warning));
        services.AddHttpClient(LlmAnswerGrader.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan) // the grader keeps its client; the pooled lifetime above renews DNS
            .AddResilienceHandler("llm", builder => LlmHttp.Configure(builder, options));
        services.AddSingleton<GradeCache>();
        services.AddSingleton<LlmAnswerGrader>();
        services.Replace(ServiceDescriptor.Singleton<IAnswerGrader>(sp => sp.GetRequiredService<LlmAnswerGrader>()));
        services.AddHostedService<PendingAnswersRequeue>();
        return services;
    }
}

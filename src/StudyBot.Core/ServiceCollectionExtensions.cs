using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StudyBot.Core.Commands;
using StudyBot.Core.Content;
using StudyBot.Core.Delivery;
using StudyBot.Core.Groups;
using StudyBot.Core.Persistence;
using StudyBot.Core.Progress;
using StudyBot.Core.Quizzes;
using StudyBot.Core.Quizzes.BackgroundGrading;
using StudyBot.Core.Quizzes.OfflineGrading;
using StudyBot.Core.Roadmap;
using StudyBot.Core.Sources;

namespace StudyBot.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>The platform-neutral core: database, content, command handlers, engine and the offline grader.</summary>
    public static IServiceCollection AddStudyBotCore(this IServiceCollection services, ContentCatalog catalog, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddPooledDbContextFactory<StudyBotDbContext>(options => StudyBotDatabase.Configure(options, connectionString));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<StudyBotDbContext>>().CreateDbContext());
        services.AddSingleton(catalog);
        services.AddOptions<StudyBotOptions>().BindConfiguration(StudyBotOptions.Section).ValidateDataAnnotations()
            .Validate(o => ZoneClock.IsKnownZone(o.DefaultTimeZone), "StudyBot:DefaultTimeZone must be an IANA time zone id such as Asia/Shanghai.")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<OfflineAnswerGrader>();
        services.AddSingleton<IAnswerGrader>(sp => sp.GetRequiredService<OfflineAnswerGrader>());
        services.AddOptions<GradingQueueOptions>();
        services.AddSingleton<GradingJobRunner>();
        services.AddSingleton<GradingJobs>();
        services.AddSingleton<IGradingJobScheduler>(sp => sp.GetRequiredService<GradingJobs>()); // the host puts Hangfire here
        services.AddSingleton<OpenAnswerGrading>();

        services.AddSingleton<ICommandHandler, StartHandler>();
        services.AddSingleton<ICommandHandler, HelpHandler>();
        services.AddSingleton<ICommandHandler, TodayHandler>();
        services.AddSingleton<ICommandHandler, LessonHandler>();
        services.AddSingleton<ICommandHandler, RoadmapHandler>();
        services.AddSingleton<ICommandHandler, SourcesHandler>();
        services.AddSingleton<ICommandHandler, QuizHandler>();
        services.AddSingleton<ICommandHandler, AnswerHandler>();
        services.AddSingleton<ICommandHandler, DoneHandler>();
        services.AddSingleton<ICommandHandler, MeHandler>();
        services.AddSingleton<ICommandHandler, StreakHandler>();
        services.AddSingleton<ICommandHandler, LeaderboardHandler>();
        services.AddSingleton<ICommandHandler, LangHandler>();
        services.AddSingleton<ICommandHandler, SetupHandler>();
        services.AddSingleton<ICommandHandler, PauseHandler>();
        services.AddSingleton<ICommandHandler, ResumeHandler>();
        services.AddSingleton<ICommandHandler, Digests.DigestHandler>();
        services.AddSingleton<ICommandHandler, RegradeHandler>();
        services.TryAddSingleton<Email.IEmailSender, Email.NoEmailSender>(); // the host puts SMTP here when configured
        services.AddSingleton<ICommandHandler, Email.SubscribeHandler>();
        services.AddSingleton<ICommandHandler, Email.UnsubscribeHandler>();
        services.AddSingleton<ICommandHandler, Reminders.RemindHandler>();
        services.AddSingleton<StudyBotEngine>();
        services.AddSingleton<ChatSenders>();
        return services;
    }
}

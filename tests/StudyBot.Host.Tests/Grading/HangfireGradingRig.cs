using System.Collections.Concurrent;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using StudyBot.Core.Commands;
using StudyBot.Core.Delivery;
using StudyBot.Core.Persistence;
using StudyBot.Core.Quizzes;
using StudyBot.Discord;
using StudyBot.Discord.Tests.Fakes;
using StudyBot.Grading.OpenAI;
using StudyBot.Grading.OpenAI.Tests.Fakes;
using StudyBot.Host.Grading;
using StudyBot.Host.Scheduling;
using StudyBot.Testing;

namespace StudyBot.Host.Tests.Grading;

/// <summary>
/// Background grading as the host runs it: Hangfire on the real test database, the real LLM grader asking a fake
/// OpenAI-compatible endpoint, a recording console sender, and the real Discord sender talking to a fake Discord.
/// Workers run only inside <see cref="Server"/>, so a test decides when jobs run.
/// </summary>
public sealed class HangfireGradingRig : IAsyncDisposable
{
    public const string Answer = "Retrieval adds the documents to the context of the prompt, so there is less hallucination.";

    public static readonly ChatRef DiscordChannel = new(Platform.Discord, "600000000000000001", ChatKind.Group, "study");
    public static readonly SenderRef Ana = new("500000000000000001", "ana", "en-US", IsChatAdmin: false);
    public static readonly SenderRef DiscordAdmin = new("500000000000000009", "admin", "en-US", IsChatAdmin: true);

    private HangfireGradingRig(FakeOpenAiServer llm, FakeDiscordServer discord, TestDatabase database, PostgreSqlStorage storage, BotDriver bot, RecordingSender sender)
    {
        Llm = llm;
        Discord = discord;
        Database = database;
        Storage = storage;
        Bot = bot;
        Sender = sender;
    }

    public FakeOpenAiServer Llm { get; }

    public FakeDiscordServer Discord { get; }

    public TestDatabase Database { get; }

    public PostgreSqlStorage Storage { get; }

    public BotDriver Bot { get; }

    /// <summary>What the console platform was sent.</summary>
    public RecordingSender Sender { get; }

    public static FakeReply ThreeOfFour(TimeSpan delay = default) =>
        FakeReply.Verdicts([("context", true, "adds the documents to the context"), ("hallucination", true, "less hallucination"), ("fresh", false, "")], delay);

    public static FakeReply TwoOfFour() =>
        FakeReply.Verdicts([("context", true, "adds the documents to the context"), ("hallucination", false, ""), ("fresh", false, "")]);

    public static async Task<HangfireGradingRig> StartAsync()
    {
        var llm = await FakeOpenAiServer.StartAsync(_ => ThreeOfFour());
        var discord = await FakeDiscordServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Llm:BaseUrl"] = llm.BaseUrl.ToString(),
            ["Llm:ApiKey"] = "sk-test-secret",
            ["Llm:Model"] = "fake-model",
            ["Llm:MaxConcurrentCalls"] = "2",
            ["Llm:MaxRetries"] = "0",
            ["Discord:BotToken"] = "test-bot-token",
            ["Discord:ApplicationId"] = "800000000000000001",
            ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl.ToString(),
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var database = await TestCluster.CreateDatabaseAsync();
        var options = new PostgreSqlStorageOptions { SchemaName = SchedulingSetup.Schema, PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromMilliseconds(200) };
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, options, null), options);
        var sender = new RecordingSender();
        var bot = BotDriver.Connect(database.ConnectionString, new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero)), configure: services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IConfiguration>(configuration));
            services.AddSingleton<IChatSender>(sender);
            services.AddStudyBotDiscordSender(configuration);
            services.AddStudyBotLlmGrading(configuration);
            services.AddSingleton<JobStorage>(_ => storage);
            services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>()));
            services.AddStudyBotHangfireGrading(configuration, runWorkers: false);
        });
        return new HangfireGradingRig(llm, discord, database, storage, bot, sender);
    }

    /// <summary>A Hangfire server for the grading queue; disposing it stops the workers.</summary>
    public BackgroundJobServer Server() => new(
        new BackgroundJobServerOptions
        {
            WorkerCount = 2,
            Queues = [GradeAnswerJob.Queue],
            Activator = new ServiceProviderActivator(Bot.Services),
            SchedulePollingInterval = TimeSpan.FromMilliseconds(200),
        },
        Storage);

    /// <summary>A message from the Discord channel, with the reply handle the interaction endpoint would attach.</summary>
    public Task<Reply> SendDiscordAsync(string text, SenderRef sender, string? replyTo = null) =>
        Bot.Engine.HandleAsync(new Incoming(DiscordChannel, sender, text) { ReplyTo = replyTo }, CancellationToken.None);

    public async Task<long> OpenAnswerIdAsync()
    {
        await using var db = Bot.Db();
        return await db.QuizAnswers.Where(a => a.Kind == QuestionKind.Open).OrderByDescending(a => a.Id).Select(a => a.Id).FirstAsync();
    }

    public async Task<QuizAnswer> AnswerAsync(long id)
    {
        await using var db = Bot.Db();
        return await db.QuizAnswers.SingleAsync(a => a.Id == id);
    }

    /// <summary>Waits until Hangfire holds a grading job for the answer (handed over off the handler's thread).</summary>
    public async Task<(string Id, Hangfire.Common.Job Job)> EnqueuedJobAsync(long answerId)
    {
        var monitor = Storage.GetMonitoringApi();
        bool Match(KeyValuePair<string, Hangfire.Storage.Monitoring.EnqueuedJobDto> j) => j.Value.Job.Args[0] is long id && id == answerId;
        await WaitUntilAsync(() => monitor.EnqueuedJobs(GradeAnswerJob.Queue, 0, 500).Any(Match));
        var job = monitor.EnqueuedJobs(GradeAnswerJob.Queue, 0, 500).First(Match);
        return (job.Key, job.Value.Job);
    }

    /// <summary>Runs a stored job's method with its stored arguments, as a Hangfire worker would (here, several at once).</summary>
    public Task RunStoredAsync(Hangfire.Common.Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var instance = Bot.Services.GetRequiredService<GradeAnswerJob>();
        var args = job.Args.Select(a => a is CancellationToken ? CancellationToken.None : a).ToArray();
        return (Task)job.Method.Invoke(instance, args)!;
    }

    /// <summary>How many times Hangfire ran job <paramref name="jobId"/> to success.</summary>
    public int Successes(string jobId) =>
        Storage.GetMonitoringApi().JobDetails(jobId)?.History.Count(h => h.StateName == Hangfire.States.SucceededState.StateName) ?? 0;

    /// <summary>Everything Hangfire stored about its jobs (arguments, parameters, states), as text.</summary>
    public async Task<string> HangfireJobTextAsync()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
            SELECT coalesce((SELECT string_agg(invocationdata::text || ' ' || arguments::text, E'\n') FROM {SchedulingSetup.Schema}.job), '')
                || coalesce((SELECT string_agg(name || '=' || coalesce(value, ''), E'\n') FROM {SchedulingSetup.Schema}.jobparameter), '')
                || coalesce((SELECT string_agg(coalesce(data::text, ''), E'\n') FROM {SchedulingSetup.Schema}.state), '')
            """,
            connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    public static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in 60 s");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Database.DisposeAsync();
        await Discord.DisposeAsync();
        await Llm.DisposeAsync();
    }

    /// <summary>The console platform's side of a send, recorded; <see cref="Next"/> makes the next send fail.</summary>
    public sealed class RecordingSender : IChatSender
    {
        public ConcurrentQueue<(string Chat, string? Recipient, string Text)> Sent { get; } = new();

        public SendResult? Next { get; set; }

        public Platform Platform => Platform.Console;

        public Task<SendResult> SendAsync(ChatRef chat, SenderRef? recipient, Reply reply, CancellationToken cancellationToken)
        {
            if (Next is { } failure)
            {
                Next = null;
                return Task.FromResult(failure);
            }

            Sent.Enqueue((chat.ExternalId, recipient?.ExternalId, ReplyText.Of(reply)));
            return Task.FromResult(SendResult.Ok);
        }
    }

    /// <summary>Hangfire resolves jobs from the test host's services, as the real host does.</summary>
    public sealed class ServiceProviderActivator(IServiceProvider services) : JobActivator
    {
        public override object ActivateJob(Type jobType) => services.GetRequiredService(jobType);
    }
}

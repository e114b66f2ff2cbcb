using System.Net.WebSockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StudyBot.Discord.Api;
using StudyBot.Discord.Interactions;

namespace StudyBot.Discord.Gateway;

/// <summary>
/// Gateway mode: the host that holds the advisory lock keeps one gateway connection, reconnecting (resume
/// when possible, identify otherwise) with exponential back-off and jitter; the others wait to take over.
/// Interactions are answered through the callback endpoint.
/// </summary>
public sealed partial class DiscordGatewayService(
    IOptions<DiscordOptions> options,
    IDiscordRestClient rest,
    GatewayLeaderLock leaderLock,
    InteractionProcessor processor,
    InteractionWork work,
    ILogger<DiscordGatewayService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    public bool IsLeader { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            GatewayLeaderLock.Lease? lease = null;
            try
            {
                lease = await leaderLock.TryAcquireAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (NpgsqlException ex)
            {
                LogLockUnavailable(logger, ex.Message);
            }

            if (lease is null)
            {
                await Delay(settings.GatewayLeaderRetry, stoppingToken).ConfigureAwait(false);
                continue;
            }

            bool fatal;
            await using (lease.ConfigureAwait(false))
            {
                using var leadership = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                IsLeader = true;
                LogLeader(logger);
                var watch = WatchLeaseAsync(lease, settings.GatewayLeaderRetry, leadership);
                fatal = await RunGatewayAsync(settings, leadership.Token).ConfigureAwait(false);
                await leadership.CancelAsync().ConfigureAwait(false);
                await watch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                IsLeader = false;
            }

            if (fatal)
            {
                return; // retrying a refused token would only count towards Discord's invalid-request limit
            }
        }
    }

    /// <summary>Runs connections until stopped or Discord refuses us for good (true).</summary>
    private async Task<bool> RunGatewayAsync(DiscordOptions settings, CancellationToken cancellationToken)
    {
        var state = new GatewaySessionState();
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var resume = state.CanResume;
            var outcome = GatewayOutcome.Resume;
            var healthy = false;
            using (var socket = new ClientWebSocket())
            {
                try
                {
                    var url = resume ? state.ResumeUrl! : settings.GatewayUrl ?? new Uri((await rest.GetGatewayBotAsync(cancellationToken).ConfigureAwait(false)).Url);
                    await socket.ConnectAsync(WithVersion(url), cancellationToken).ConfigureAwait(false);
                    using var connection = new GatewayConnection(socket, state, settings.BotToken!, OnInteraction, logger);
                    outcome = await connection.RunAsync(resume, cancellationToken).ConfigureAwait(false);
                    healthy = connection.Ready;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    await CloseAsync(socket).ConfigureAwait(false);
                    return false;
                }
                catch (DiscordApiException ex) when (ex.Status == System.Net.HttpStatusCode.Unauthorized)
                {
                    outcome = GatewayOutcome.Fatal;
                }
                catch (Exception ex) when (ex is WebSocketException or HttpRequestException or DiscordApiException or IOException)
                {
                    LogConnectFailed(logger, ex.GetType().Name, ex.Message);
                }
            }

            if (outcome == GatewayOutcome.Fatal)
            {
                LogFatal(logger);
                return true;
            }

            if (outcome == GatewayOutcome.Identify)
            {
                state.Reset();
            }

            failures = healthy ? 0 : failures + 1;
            await Delay(NextDelay(settings.GatewayReconnectDelay, failures, outcome), cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>
    /// After a healthy connection: a short jittered pause. After an invalid session: 1–5 × the base (Discord asks
    /// for 1–5 s). While connecting keeps failing: exponential back-off up to a minute, with jitter.
    /// </summary>
    public static TimeSpan NextDelay(TimeSpan baseDelay, int failures, GatewayOutcome outcome)
    {
        if (outcome == GatewayOutcome.Identify)
        {
            return baseDelay * (1 + (4 * Random.Shared.NextDouble()));
        }

        if (failures == 0)
        {
            return baseDelay * Random.Shared.NextDouble();
        }

        var backoff = baseDelay * Math.Pow(2, Math.Min(failures - 1, 16));
        return (backoff < MaxBackoff ? backoff : MaxBackoff) * (0.5 + (Random.Shared.NextDouble() / 2));
    }

    private Task OnInteraction(Interaction interaction)
    {
        var posted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = Task.Run(async () =>
        {
            try
            {
                var response = await processor.RespondAsync(interaction, posted.Task, work.Stopping).ConfigureAwait(false);
                await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, response, work.Stopping).ConfigureAwait(false);
                posted.TrySetResult();
            }
            catch (Exception ex) when (ex is UnsupportedInteractionException or DiscordApiException or HttpRequestException or OperationCanceledException)
            {
                LogInteractionFailed(logger, ex.GetType().Name, ex.Message);
                posted.TrySetCanceled();
            }
        });
        work.Track(task);
        return task;
    }

    private static async Task WatchLeaseAsync(GatewayLeaderLock.Lease lease, TimeSpan interval, CancellationTokenSource leadership)
    {
        while (!leadership.IsCancellationRequested)
        {
            await Task.Delay(interval, leadership.Token).ConfigureAwait(false);
            if (!await lease.CheckAsync(leadership.Token).ConfigureAwait(false))
            {
                await leadership.CancelAsync().ConfigureAwait(false); // lost the database session, so the lock: step down
                return;
            }
        }
    }

    private static async Task CloseAsync(ClientWebSocket socket)
    {
        if (socket.State != WebSocketState.Open)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "shutting down", timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            socket.Abort();
        }
    }

    private static Uri WithVersion(Uri url) => new UriBuilder(url) { Query = "v=10&encoding=json" }.Uri;

    private static async Task Delay(TimeSpan delay, CancellationToken cancellationToken) =>
        await Task.Delay(delay, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway: this host holds the gateway lock")]
    private static partial void LogLeader(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway: the leader lock could not be checked ({Reason})")]
    private static partial void LogLockUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway: connecting failed ({ExceptionType}: {Reason})")]
    private static partial void LogConnectFailed(ILogger logger, string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Discord gateway: Discord refused the bot for good (token, intents or version); the gateway stays off")]
    private static partial void LogFatal(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway: an interaction was not answered ({ExceptionType}: {Reason})")]
    private static partial void LogInteractionFailed(ILogger logger, string exceptionType, string reason);
}

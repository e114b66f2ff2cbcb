using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Telegram.State;
using StudyBot.Telegram.Updates;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace StudyBot.Telegram.Startup;

/// <summary>
/// Tells Telegram about the bot at start: its @username (getMe), its command menus (setMyCommands) and, in Webhook
/// mode, where to post updates (setWebhook with the secret and the update types the bot handles). A Bot API server
/// that refuses any of these (a self-hosted or emulated one) costs a warning with the reason, never the bot.
/// </summary>
public sealed partial class TelegramStartup(
    ITelegramBotClient client,
    TelegramBotIdentity bot,
    IOptions<TelegramOptions> options,
    ILogger<TelegramStartup> logger) : BackgroundService
{
    private readonly TelegramOptions _options = options.Value;

    /// <summary>Completes when every start-up call has been made (or refused); for tests and readiness.</summary>
    public Task Completion => _completion.Task;

    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (bot.Username is null)
            {
                await TryAsync("getMe", async () => bot.Username = (await client.GetMe(stoppingToken).ConfigureAwait(false)).Username).ConfigureAwait(false);
            }

            foreach (var menu in CommandMenus.All())
            {
                await TryAsync("setMyCommands", () => client.SetMyCommands(menu.Commands, menu.Scope, menu.LanguageCode, stoppingToken)).ConfigureAwait(false);
            }

            if (_options.Mode == TelegramMode.Webhook && _options.WebhookUrl is { } url)
            {
                await TryAsync("setWebhook", () => client.SetWebhook(
                    url.AbsoluteUri,
                    allowedUpdates: TelegramUpdateProcessor.AllowedUpdates,
                    secretToken: _options.WebhookSecret,
                    cancellationToken: stoppingToken)).ConfigureAwait(false);
            }

            LogStarted(logger, bot.Username ?? "(unknown username)", _options.Mode);
        }
        finally
        {
            _completion.TrySetResult();
        }
    }

    private async Task TryAsync(string method, Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (RequestException ex)
        {
            LogRefused(logger, method, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: {Method} failed at start ({Reason}); the bot keeps serving")]
    private static partial void LogRefused(ILogger logger, string method, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram adapter on as @{Username} ({Mode})")]
    private static partial void LogStarted(ILogger logger, string username, TelegramMode mode);
}

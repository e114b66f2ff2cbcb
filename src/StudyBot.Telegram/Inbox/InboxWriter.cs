using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StudyBot.Core.Persistence;
using StudyBot.Telegram.State;

namespace StudyBot.Telegram.Inbox;

/// <summary>
/// Stores webhook updates with group commit: every update waiting when the previous INSERT finished goes into the
/// next one (a single statement over arrays), and each caller learns when its row is committed. The row is the
/// handle-once claim too: an update_id stored before is left as it is (ON CONFLICT DO NOTHING).
/// </summary>
public sealed partial class InboxWriter(
    IDbContextFactory<StudyBotDbContext> dbFactory,
    TelegramBotIdentity bot,
    InboxSignal signal,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<InboxWriter> logger) : BackgroundService
{
    private const string InsertSql = """
        INSERT INTO studybot.telegram_processed_updates (bot_id, update_id, received_at, payload)
        SELECT @bot, u.update_id, @now, u.payload FROM unnest(@ids, @payloads) AS u(update_id, payload)
        ON CONFLICT (bot_id, update_id) DO NOTHING
        """;

    private readonly Channel<PendingWrite> _pending = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly int _maxBatch = options.Value.Inbox.MaxWriteBatch;

    /// <summary>Completes once the update is committed (or was stored before); throws when it could not be stored.</summary>
    public Task StoreAsync(long updateId, string payload, CancellationToken cancellationToken)
    {
        var write = new PendingWrite(updateId, payload);
        if (!_pending.Writer.TryWrite(write))
        {
            return Task.FromException(new InvalidOperationException("The inbox is shut down."));
        }

        return write.Stored.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string connectionString;
        await using (var db = await dbFactory.CreateDbContextAsync(stoppingToken).ConfigureAwait(false))
        {
            connectionString = db.Database.GetConnectionString() ?? throw new InvalidOperationException("No connection string for the Telegram inbox.");
        }

        var batch = new List<PendingWrite>(_maxBatch);
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                await WriteWaitingAsync(connectionString, batch).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Shutting down: later requests are refused (503, Telegram retries); what was accepted is still written.
        _pending.Writer.TryComplete();
        await WriteWaitingAsync(connectionString, batch).ConfigureAwait(false);
    }

    private async Task WriteWaitingAsync(string connectionString, List<PendingWrite> batch)
    {
        while (_pending.Reader.TryPeek(out _))
        {
            while (batch.Count < _maxBatch && _pending.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            try
            {
                await InsertAsync(connectionString, batch).ConfigureAwait(false);
                foreach (var write in batch)
                {
                    write.Stored.TrySetResult();
                }

                signal.Wake();
            }
#pragma warning disable CA1031 // every caller gets the failure (its request answers 5xx); the writer keeps going
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogWriteFailed(logger, batch.Count, ex.GetType().Name, ex);
                if (ex is NpgsqlException)
                {
                    NpgsqlConnection.ClearAllPools(); // pooled connections may have died with the server
                }

                foreach (var write in batch)
                {
                    write.Stored.TrySetException(ex);
                }
            }

            batch.Clear();
        }
    }

    private async Task InsertAsync(string connectionString, List<PendingWrite> batch)
    {
        var ids = new long[batch.Count];
        var payloads = new string[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            ids[i] = batch[i].UpdateId;
            payloads[i] = batch[i].Payload;
        }

        // Not cancelled by shutdown: callers are waiting for this answer.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(InsertSql, connection);
        command.Parameters.AddWithValue("bot", bot.Id);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        command.Parameters.AddWithValue("ids", ids);
        command.Parameters.AddWithValue("payloads", payloads);
        await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private sealed class PendingWrite(long updateId, string payload)
    {
        public long UpdateId { get; } = updateId;

        public string Payload { get; } = payload;

        public TaskCompletionSource Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: could not store {Count} webhook updates ({Reason}); they are answered 503 so Telegram retries")]
    private static partial void LogWriteFailed(ILogger logger, int count, string reason, Exception exception);
}

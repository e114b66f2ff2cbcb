using System.Diagnostics;
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
        await using var statement = new InsertStatement(connectionString);
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                await WriteWaitingAsync(statement, batch).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Shutting down: later requests are refused (503, Telegram retries); what was accepted is still written.
        _pending.Writer.TryComplete();
        await WriteWaitingAsync(statement, batch).ConfigureAwait(false);
    }

    private async Task WriteWaitingAsync(InsertStatement statement, List<PendingWrite> batch)
    {
        while (_pending.Reader.TryPeek(out _))
        {
            while (batch.Count < _maxBatch && _pending.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            try
            {
                await statement.ExecuteAsync(bot.Id, time.GetUtcNow(), batch).ConfigureAwait(false);
                foreach (var write in batch)
                {
                    write.Stored.TrySetResult();
                }

                signal.Stored(batch.Count, Stopwatch.GetTimestamp());
            }
#pragma warning disable CA1031 // every caller gets the failure (its request answers 5xx); the writer keeps going
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogWriteFailed(logger, batch.Count, ex.GetType().Name, ex);
                await statement.CloseAsync().ConfigureAwait(false); // the next batch connects afresh
                if (ex is NpgsqlException)
                {
                    NpgsqlConnection.ClearAllPools(); // pooled connections may have died with the server too
                }

                foreach (var write in batch)
                {
                    write.Stored.TrySetException(ex);
                }
            }

            batch.Clear();
        }
    }

    /// <summary>
    /// The INSERT on a connection of the writer's own, prepared once: each batch then costs one round trip and no
    /// planning. After a failure the connection is dropped and the next batch opens a new one.
    /// </summary>
    private sealed class InsertStatement(string connectionString) : IAsyncDisposable
    {
        private NpgsqlConnection? _connection;
        private NpgsqlCommand? _command;

        public async Task ExecuteAsync(long botId, DateTimeOffset now, List<PendingWrite> batch)
        {
            var ids = new long[batch.Count];
            var payloads = new string[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                ids[i] = batch[i].UpdateId;
                payloads[i] = batch[i].Payload;
            }

            // Not cancelled by shutdown: callers are waiting for this answer.
            var command = _command ?? await PrepareAsync().ConfigureAwait(false);
            command.Parameters[0].Value = botId;
            command.Parameters[1].Value = now;
            command.Parameters[2].Value = ids;
            command.Parameters[3].Value = payloads;
            await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }

        private async Task<NpgsqlCommand> PrepareAsync()
        {
            _connection = new NpgsqlConnection(connectionString);
            await _connection.OpenAsync(CancellationToken.None).ConfigureAwait(false);
            _command = new NpgsqlCommand(InsertSql, _connection)
            {
                Parameters =
                {
                    new NpgsqlParameter<long>("bot", NpgsqlTypes.NpgsqlDbType.Bigint),
                    new NpgsqlParameter<DateTimeOffset>("now", NpgsqlTypes.NpgsqlDbType.TimestampTz),
                    new NpgsqlParameter<long[]>("ids", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint),
                    new NpgsqlParameter<string[]>("payloads", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text),
                },
            };
            await _command.PrepareAsync(CancellationToken.None).ConfigureAwait(false);
            return _command;
        }

        public async Task CloseAsync()
        {
            if (_command is not null)
            {
                await _command.DisposeAsync().ConfigureAwait(false);
                _command = null;
            }

            if (_connection is not null)
            {
                await _connection.DisposeAsync().ConfigureAwait(false);
                _connection = null;
            }
        }

        public ValueTask DisposeAsync() => new(CloseAsync());
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

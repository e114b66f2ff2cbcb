using System.Threading.Channels;

namespace StudyBot.Telegram.Inbox;

/// <summary>
/// "There may be work in the inbox": set when updates were stored or a claim finished, so the processor starts at
/// once instead of at its next poll. Wakes while it is busy fold into one.
/// </summary>
public sealed class InboxSignal
{
    private const int BusyWrite = 8;
    private static readonly TimeSpan BusyFor = TimeSpan.FromMilliseconds(200);
    private readonly Channel<bool> _wakes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _busyUntil;

    public void Wake() => _wakes.Writer.TryWrite(true);

    /// <summary>Updates were stored; many in one write means requests are queueing for the webhook (a burst).</summary>
    public void Stored(int count, long timestamp)
    {
        if (count >= BusyWrite)
        {
            Interlocked.Exchange(ref _busyUntil, timestamp + (long)(BusyFor.TotalSeconds * System.Diagnostics.Stopwatch.Frequency));
        }

        Wake();
    }

    /// <summary>Whether the webhook has been busy lately (requests waiting for the same write).</summary>
    public bool WebhookBusy(long timestamp) => timestamp < Interlocked.Read(ref _busyUntil);

    /// <summary>Returns when woken, or after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await _wakes.Reader.ReadAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // the poll interval passed
        }
    }
}

using StudyBot.Core.Delivery;

namespace StudyBot.Telegram.Updates;

/// <summary>The sends one update queued on the outbox, so the inbox can wait for them before marking it handled.</summary>
public sealed class ReplySends
{
    private readonly List<Task<SendResult>> _sends = [];

    public void Add(Task<SendResult> send) => _sends.Add(send);

    public async Task<SendResult[]> AllAsync(CancellationToken cancellationToken) =>
        _sends.Count == 0 ? [] : await Task.WhenAll(_sends).WaitAsync(cancellationToken).ConfigureAwait(false);
}

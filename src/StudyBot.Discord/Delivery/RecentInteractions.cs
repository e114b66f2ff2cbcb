using System.Collections.Concurrent;
using System.Globalization;

namespace StudyBot.Discord.Delivery;

/// <summary>
/// The latest interaction token per member and channel, for 14 minutes (Discord accepts follow-ups for 15).
/// A result that finishes later (background grading) then arrives as an ephemeral follow-up only its member
/// sees, instead of a public mention in the channel. In memory: the replica that took the interaction knows it.
/// </summary>
public sealed class RecentInteractions(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(14);

    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<(string Channel, string User), (string Token, DateTimeOffset At)> _tokens = new();
    private readonly ConcurrentDictionary<string, Task> _finishing = new(StringComparer.Ordinal);

    public void Remember(string channelId, string userId, string token)
    {
        var now = time.GetUtcNow();
        _tokens[(channelId, userId)] = (token, now);
        if (_tokens.Count > PruneAbove)
        {
            foreach (var (key, value) in _tokens)
            {
                if (now - value.At > Lifetime)
                {
                    _tokens.TryRemove(key, out _);
                }
            }
        }
    }

    public string? Find(string channelId, string userId) =>
        _tokens.TryGetValue((channelId, userId), out var entry) && time.GetUtcNow() - entry.At < Lifetime ? entry.Token : null;

    /// <summary>
    /// The reply handle for Incoming.ReplyTo: when the interaction arrived, and its token. The core keeps it with the
    /// pending answer in the database (never in a job's arguments, which Hangfire's dashboard shows), so the result,
    /// graded in any process, can edit this interaction's response.
    /// </summary>
    public string ReplyHandle(string token) =>
        time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + ":" + token;

    /// <summary>The handle's token while Discord still takes edits with it; null when it is too old or not a handle.</summary>
    public string? EditableToken(string? handle)
    {
        var colon = handle?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (handle is null || colon <= 0 || colon == handle.Length - 1
            || !long.TryParse(handle.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return null;
        }

        return time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) < Lifetime ? handle[(colon + 1)..] : null;
    }

    /// <summary>The first reply to an interaction is being put into its deferred response (see <see cref="FinishedAsync"/>).</summary>
    public void Finishing(string token, Task finishing)
    {
        ArgumentNullException.ThrowIfNull(finishing);
        _finishing[token] = finishing;
        finishing.ContinueWith(t => _finishing.TryRemove(KeyValuePair.Create(token, t)), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Waits (at most <paramref name="timeout"/>) until this process has put the command's own reply ("being graded")
    /// into the deferred response, so a background result edited in later is not overwritten by it.
    /// </summary>
    public async Task FinishedAsync(string token, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_finishing.TryGetValue(token, out var finishing))
        {
            await finishing.WaitAsync(timeout, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}

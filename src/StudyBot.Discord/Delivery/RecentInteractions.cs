using System.Collections.Concurrent;

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
}

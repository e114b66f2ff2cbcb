using System.Collections.Concurrent;
using StudyBot.Core.Commands;
using StudyBot.Core.Delivery;
using StudyBot.Core.Persistence;

namespace StudyBot.Grading.OpenAI.Tests.Fakes;

/// <summary>The console platform's sender, recording what background grading delivers.</summary>
public sealed class RecordingChatSender : IChatSender
{
    private readonly ConcurrentQueue<(ChatRef Chat, SenderRef? Recipient, Reply Reply)> _sent = new();

    public Platform Platform => Platform.Console;

    public IReadOnlyList<(ChatRef Chat, SenderRef? Recipient, Reply Reply)> Sent => _sent.ToList();

    public Task<SendResult> SendAsync(ChatRef chat, SenderRef? recipient, Reply reply, CancellationToken cancellationToken)
    {
        _sent.Enqueue((chat, recipient, reply));
        return Task.FromResult(SendResult.Ok);
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> messages in all have been sent; returns them.</summary>
    public async Task<IReadOnlyList<(ChatRef Chat, SenderRef? Recipient, Reply Reply)>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (_sent.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{_sent.Count} of {count} messages sent in time");
            await Task.Delay(20);
        }

        return Sent;
    }
}

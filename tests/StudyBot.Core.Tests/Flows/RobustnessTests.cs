using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using StudyBot.Core.Persistence;
using StudyBot.LocalPostgres;
using StudyBot.Testing;

namespace StudyBot.Core.Tests.Flows;

/// <summary>Bad input is refused clearly and nothing is lost.</summary>
public sealed class RobustnessTests : IAsyncLifetime
{
    private BotDriver _bot = null!;

    public async Task InitializeAsync() => _bot = await BotDriver.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("/frobnicate", "I don't know /frobnicate. Send /help")]
    [InlineData("hello there", "I only understand commands")]
    public async Task Unknown_input_gets_a_hint_to_help(string text, string expected) =>
        Assert.Contains(expected, await _bot.TextAsync(text), StringComparison.Ordinal);

    [Fact]
    public async Task Oversized_input_is_refused_and_nothing_is_stored()
    {
        var text = await _bot.TextAsync("/answer " + new string('a', 4100), user: "newcomer");

        Assert.Contains("too long", text, StringComparison.Ordinal);
        await using var db = _bot.Db();
        Assert.Equal(0, await db.Members.CountAsync());
        Assert.Equal(0, await db.Chats.CountAsync());
    }

    [Fact]
    public async Task State_survives_a_restart_of_the_bot()
    {
        await _bot.SendAsync("/lang zh");
        await _bot.SendAsync("/done");

        await using var restarted = BotDriver.Connect(_bot.ConnectionString, _bot.Time);

        Assert.Contains("今天已经打过卡", await restarted.TextAsync("/done"), StringComparison.Ordinal);
    }
}

/// <summary>The database going away under a running bot: a friendly failure, then recovery.</summary>
public sealed class DatabaseRestartTests
{
    [Fact]
    public async Task A_command_during_a_restart_fails_politely_and_the_next_one_works()
    {
        // A cluster of its own: stopping the shared one would break tests running in parallel.
        var root = Path.Combine(Path.GetTempPath(), "studybot-restart-" + Guid.NewGuid().ToString("N"));
        await using var cluster = await LocalCluster.StartAsync(new LocalClusterOptions(root) { Throwaway = true });
        await StudyBotDatabase.MigrateAsync(cluster.ConnectionString);
        await using var bot = BotDriver.Connect(cluster.ConnectionString, new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero)));

        Assert.Contains("Checked in", await bot.TextAsync("/done"), StringComparison.Ordinal);

        await cluster.StopAsync();
        Assert.Contains("can't reach my database", await bot.TextAsync("/streak"), StringComparison.Ordinal);

        await cluster.RestartAsync();
        Assert.Contains("Current streak: 1", await bot.TextAsync("/streak"), StringComparison.Ordinal);
    }
}

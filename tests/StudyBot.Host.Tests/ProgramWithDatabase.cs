using StudyBot.Testing;

namespace StudyBot.Host.Tests;

/// <summary>
/// What a test of the real program needs: its own database (a copy of the migrated template) and a small content
/// tree, and the environment that points the program at that database.
/// </summary>
public abstract class ProgramWithDatabase : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;

    protected string Content { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Database = await TestCluster.CreateDatabaseAsync();
        Content = TestContent.Write(6);
    }

    public virtual async Task DisposeAsync() => await Database.DisposeAsync();

    protected Dictionary<string, string?> Environment() => new() { ["ConnectionStrings__StudyBot"] = Database.ConnectionString };
}

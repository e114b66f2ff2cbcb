namespace StudyBot.LocalPostgres;

/// <summary>Where and how a project-local cluster lives.</summary>
public sealed record LocalClusterOptions(string RootDirectory)
{
    public string DatabaseName { get; init; } = "studybot";

    public string UserName { get; init; } = "studybot";

    /// <summary>Trades durability for speed (fsync off), and its directory is deleted once disposed: only for test clusters.</summary>
    public bool Throwaway { get; init; }

    /// <summary>
    /// A watchdog process stops the server and deletes <see cref="RootDirectory"/> once this process is gone,
    /// however it ended (a test host killed by its runner never runs exit handlers). Only for throwaway clusters.
    /// </summary>
    public bool RemoveWhenOwnerExits { get; init; }

    public string DataDirectory => Path.Combine(RootDirectory, "data");

    public string PasswordFile => Path.Combine(RootDirectory, "password");

    public string LogFile => Path.Combine(RootDirectory, "server.log");
}

using System.ComponentModel.DataAnnotations;

namespace StudyBot.Host.Scheduling;

/// <summary>Hangfire settings ("Hangfire" section) and who may see its dashboard ("Dashboard" section).</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Hangfire";

    /// <summary>Background workers in this process; 0 runs no Hangfire server here (web-only replica).</summary>
    [Range(0, 200)]
    public int WorkerCount { get; set; } = 4;
}

public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>With both set, the dashboard is served to any address behind basic auth; without, to loopback only.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    public bool HasCredentials => !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password);
}

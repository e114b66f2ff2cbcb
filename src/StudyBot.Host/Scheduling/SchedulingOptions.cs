using System.ComponentModel.DataAnnotations;

namespace StudyBot.Host.Scheduling;

/// <summary>Hangfire settings ("Hangfire" section) and who may see its dashboard ("Dashboard" section).</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Hangfire";

    /// <summary>Background workers in this process; 0 runs no Hangfire server here (web-only replica).</summary>
    [Range(0, 200)]
    public int WorkerCount { get; set; } = 4;

    /// <summary>
    /// How long a sender holds a delivery it took (Sending). It must outlast one send including rate-limit and
    /// 429 waits; once it has passed, the sender is presumed dead (killed, crashed) and the delivery is taken again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan DeliveryLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A job fetched by a worker that died comes back to the queue after this long. Live workers keep their jobs
    /// hidden (Hangfire's sliding invisibility), so it may be short; longer than <see cref="DeliveryLease"/> so a
    /// job back from a dead worker finds the delivery's lease expired and sends it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);
}

public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>With both set, the dashboard is served to any address behind basic auth; without, to loopback only.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    public bool HasCredentials => !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password);
}

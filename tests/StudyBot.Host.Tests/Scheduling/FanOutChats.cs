using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Commands;
using StudyBot.Core.Persistence;

namespace StudyBot.Host.Tests.Scheduling;

/// <summary>Many Telegram groups whose daily lesson is due right now, and the worker settings a fan-out test runs with.</summary>
internal static class FanOutChats
{
    /// <summary>Telegram supergroup ids look like -100xxxxxxxxxx.</summary>
    public const long FirstChatId = -1_001_000_000_000;

    /// <summary>
    /// Inserts <paramref name="count"/> groups on day 2 of the route, posting at 00:00 in a zone where it is about
    /// noon now: due at once, and half a day from a local midnight that would make a second day due.
    /// </summary>
    public static async Task SeedAsync(string connectionString, int count)
    {
        var now = DateTimeOffset.UtcNow;
        var offset = 12 - now.Hour; // -11 … +12
        var zone = offset == 0 ? "Etc/GMT" : string.Create(CultureInfo.InvariantCulture, $"Etc/GMT{(offset > 0 ? "-" : "+")}{Math.Abs(offset)}"); // POSIX signs are inverted
        var localToday = DateOnly.FromDateTime(now.UtcDateTime.AddHours(offset));
        await using var db = new StudyBotDbContext(StudyBotDatabase.Options(connectionString));
        for (var i = 0; i < count; i++)
        {
            db.Chats.Add(new Chat
            {
                Platform = Platform.Telegram,
                ExternalId = (FirstChatId - i).ToString(CultureInfo.InvariantCulture),
                Title = $"group {i}",
                Kind = ChatKind.Group,
                TrackId = "full",
                StartDate = localToday.AddDays(-1),
                TimeZone = zone,
                PostTime = new TimeOnly(0, 0),
                DigestDay = localToday.AddDays(3).DayOfWeek, // no digest today
                DigestTime = new TimeOnly(0, 0),
                EveningTime = new TimeOnly(23, 59),
                Language = "en",
                CreatedAt = now,
            });
        }

        await db.SaveChangesAsync();
    }

    /// <summary>The worker's environment: this database, Telegram at the fake, short leases so a crash heals in seconds.</summary>
    public static Dictionary<string, string?> WorkerEnvironment(string connectionString, FanOutBotApi telegram, TimeSpan lease, TimeSpan invisibility) => new()
    {
        ["ConnectionStrings__StudyBot"] = connectionString,
        ["Telegram__BotToken"] = FanOutBotApi.Token,
        ["Telegram__ApiBaseUrl"] = telegram.BaseUrl.ToString(),
        ["Telegram__Limits__GlobalPerSecond"] = "100000",
        ["Telegram__Limits__MaxAttempts"] = "3",
        ["Telegram__InitialBackoff"] = "00:00:00.200",
        ["Hangfire__WorkerCount"] = "5", // 5 batches of 5 sends at once: two workers stay well inside the test cluster's 100 connections
        ["Hangfire__DeliveryLease"] = lease.ToString("c", CultureInfo.InvariantCulture),
        ["Hangfire__InvisibilityTimeout"] = invisibility.ToString("c", CultureInfo.InvariantCulture),
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__StudyBot.Host.Scheduling"] = "Information",
    };

    public static async Task<(int Deliveries, int Sent, int Open)> CountAsync(string connectionString)
    {
        await using var db = new StudyBotDbContext(StudyBotDatabase.Options(connectionString));
        var byStatus = await db.Deliveries.Where(d => d.Kind == DeliveryKind.DailyLesson)
            .GroupBy(d => d.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var sent = byStatus.Where(s => s.Key == DeliveryStatus.Sent).Sum(s => s.Count);
        var open = byStatus.Where(s => s.Key is DeliveryStatus.Pending or DeliveryStatus.Sending).Sum(s => s.Count);
        return (byStatus.Sum(s => s.Count), sent, open);
    }
}

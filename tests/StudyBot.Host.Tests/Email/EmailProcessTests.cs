using System.Net;
using System.Net.Sockets;
using StudyBot.Core.Persistence;
using StudyBot.Testing;

namespace StudyBot.Host.Tests.Email;

/// <summary>
/// The newsletter inside the real program: the recurring dispatcher mails a due digest to the loopback SMTP
/// server, the run verb serves the unsubscribe page, and the SMTP password never reaches the output.
/// </summary>
public sealed class EmailProcessTests : IAsyncLifetime
{
    private const string Password = "smtp-password-never-shown";
    private TestDatabase _database = null!;
    private string _content = null!;

    public async Task InitializeAsync()
    {
        _database = await TestCluster.CreateDatabaseAsync();
        _content = TestContent.Write(3);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Run_mails_a_due_digest_and_serves_the_unsubscribe_page()
    {
        await using var smtp = new FakeSmtpServer();
        var port = HostProcess.ClosedPort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var env = new Dictionary<string, string?>
        {
            ["ConnectionStrings__StudyBot"] = _database.ConnectionString,
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp__Security"] = "None",
            ["Smtp__Username"] = "bot",
            ["Smtp__Password"] = Password,
            ["Smtp__From"] = "StudyBot <bot@studybot.test>",
            ["Web__PublicBaseUrl"] = baseUrl,
        };
        using var host = HostProcess.Start(["run", "--content", _content, "--urls", baseUrl], env);
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(20) };
        await host.WaitForLiveAsync(http); // migrated by now
        var token = await SubscriberWithDigestDueNowAsync();

        // Hangfire runs the dispatcher once a minute on the real clock: generous wait.
        var digest = (await smtp.WaitForAsync(1, TimeSpan.FromSeconds(150))).Single();
        var page = await http.GetAsync(new Uri($"/email/unsubscribe?token={token}", UriKind.Relative));
        var unknown = await http.GetAsync(new Uri("/email/unsubscribe?token=nope", UriKind.Relative));
        using var oneClick = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
        var done = await http.PostAsync(new Uri($"/email/unsubscribe?token={token}", UriKind.Relative), oneClick);

        host.Terminate();
        Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.True(digest.IsDigest);
        Assert.Equal(["ana@example.com"], digest.To);
        Assert.Equal("\0bot\0" + Password, digest.AuthPlain);
        Assert.Contains($"{baseUrl}/email/unsubscribe?token={token}", digest.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.DoesNotContain(Password, host.Stdout + host.Stderr, StringComparison.Ordinal);
        await using var db = new StudyBotDbContext(StudyBotDatabase.Options(_database.ConnectionString));
        Assert.NotNull(db.EmailSubscriptions.Single().UnsubscribedAt);
        Assert.Equal(DeliveryStatus.Sent, db.Deliveries.Single(d => d.Kind == DeliveryKind.EmailDigest).Status);
    }

    /// <summary>A chat in UTC whose digest is today at 00:00 (so due now), and one confirmed subscriber.</summary>
    private async Task<string> SubscriberWithDigestDueNowAsync()
    {
        var untilMidnight = TimeSpan.FromDays(1) - DateTimeOffset.UtcNow.TimeOfDay;
        if (untilMidnight < TimeSpan.FromMinutes(4))
        {
            await Task.Delay(untilMidnight + TimeSpan.FromSeconds(5)); // the digest weekday must not change under the test
        }

        await using var db = new StudyBotDbContext(StudyBotDatabase.Options(_database.ConnectionString));
        var now = DateTimeOffset.UtcNow;
        var chat = new Chat
        {
            Platform = Platform.Console,
            ExternalId = "mail-group",
            Title = "Mail group",
            Kind = ChatKind.Group,
            TrackId = TestContent.Load(_content).DefaultTrack.Id,
            StartDate = DateOnly.FromDateTime(now.UtcDateTime),
            TimeZone = "Etc/UTC",
            PostTime = new TimeOnly(23, 59),
            DigestDay = now.UtcDateTime.DayOfWeek,
            DigestTime = new TimeOnly(0, 0),
            Language = "en",
            CreatedAt = now,
        };
        var member = new Member { Platform = Platform.Console, ExternalId = "ana", DisplayName = "Ana", CreatedAt = now };
        db.AddRange(chat, member);
        await db.SaveChangesAsync();
        var token = Core.Email.ConfirmationCodes.NewUnsubscribeToken();
        db.EmailSubscriptions.Add(new EmailSubscription
        {
            ChatId = chat.Id,
            MemberId = member.Id,
            Email = "ana@example.com",
            ConfirmationCodeHash = Core.Email.ConfirmationCodes.Hash("123456"),
            CodeExpiresAt = now.AddHours(24),
            ConfirmedAt = now,
            UnsubscribeToken = token,
            CreatedAt = now,
        });
        await db.SaveChangesAsync();
        return token;
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using StudyBot.Core.Email;
using StudyBot.Core.Persistence;
using StudyBot.Testing;

namespace StudyBot.Host.Tests.Email;

/// <summary>
/// The newsletter end to end: /subscribe, the mailed code, confirmation, the digest mailed through real Hangfire
/// and real MailKit to a loopback SMTP server, and the unsubscribe link served by Kestrel.
/// </summary>
public sealed class EmailNewsletterTests
{
    private const string Masked = "j***@example.com";

    [Fact]
    public async Task Subscribe_confirm_digest_mailed_with_both_parts_then_the_link_unsubscribes_and_no_more_mails_come()
    {
        await using var rig = await EmailRig.StartAsync();
        await rig.Bot.SendAsync("/setup start=2026-03-01 tz=Asia/Shanghai digest=Mon@12:00", admin: true); // Monday 14:00 there: due

        var asked = await rig.Bot.SendAsync($"/subscribe {EmailRig.Address}");
        Assert.True(asked.Personal);
        Assert.Contains(Masked, ReplyText.Of(asked), StringComparison.Ordinal);
        Assert.DoesNotContain(EmailRig.Address, ReplyText.Of(asked), StringComparison.Ordinal);

        var codeMail = Assert.Single(await rig.Smtp.WaitForAsync(1));
        Assert.Equal([EmailRig.Address], codeMail.To);
        Assert.Equal("bot@studybot.test", codeMail.From);
        Assert.Contains("group-1", codeMail.Subject, StringComparison.Ordinal);
        var code = EmailRig.CodeIn(codeMail);

        var confirmed = await rig.Bot.SendAsync($"/subscribe {code}");
        Assert.True(confirmed.Personal);
        Assert.Contains(Masked, ReplyText.Of(confirmed), StringComparison.Ordinal);
        await rig.SubscribeAsync(user: "bob", address: "bob@example.org"); // stays subscribed: the control
        await using (var db = rig.Bot.Db())
        {
            var stored = await db.EmailSubscriptions.SingleAsync(s => s.Email == EmailRig.Address);
            Assert.NotNull(stored.ConfirmedAt);
            Assert.Equal(64, stored.ConfirmationCodeHash.Length);
            Assert.DoesNotContain(code, stored.ConfirmationCodeHash, StringComparison.Ordinal);
        }

        Assert.Equal(2, await rig.DispatchWithHangfireAsync(() => rig.Smtp.Received.Count >= 4));
        var digest = rig.Smtp.Received.Single(m => m.To.Contains(EmailRig.Address) && m.IsDigest);
        var message = digest.Message;
        var (subject, textBody, htmlBody) = (digest.Subject, digest.Text, digest.Html);
        Assert.Equal("multipart/alternative", message.Body?.ContentType.MimeType);
        Assert.Equal("group-1 · weekly digest 2026-02-24 – 2026-03-02", subject);
        Assert.Contains("Weekly digest", textBody, StringComparison.Ordinal);
        Assert.Contains("Next week", textBody, StringComparison.Ordinal);
        Assert.Contains("<h2>", htmlBody, StringComparison.Ordinal);
        Assert.Contains("<b>Next week</b>", htmlBody, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        var link = (message.Headers["List-Unsubscribe"] ?? "").Trim().TrimStart('<').TrimEnd('>');
        Assert.StartsWith(rig.Web.Urls.First() + "/email/unsubscribe?token=", link, StringComparison.Ordinal);
        Assert.Contains(link, textBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{link}\"", htmlBody, StringComparison.Ordinal);

        var page = await rig.Http.GetAsync(new Uri(link));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form method=\"post\"", html, StringComparison.Ordinal);
        Assert.Contains(Masked, html, StringComparison.Ordinal);
        Assert.DoesNotContain(EmailRig.Address, html, StringComparison.Ordinal);
        await using (var db = rig.Bot.Db())
        {
            Assert.Null((await db.EmailSubscriptions.SingleAsync(s => s.Email == EmailRig.Address)).UnsubscribedAt); // looking is not unsubscribing
        }

        // What a mail client's one-click button sends (RFC 8058).
        using var oneClick = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
        var done = await rig.Http.PostAsync(new Uri(link), oneClick);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("no more digest mails", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var db = rig.Bot.Db())
        {
            Assert.NotNull((await db.EmailSubscriptions.SingleAsync(s => s.Email == EmailRig.Address)).UnsubscribedAt);
        }

        rig.Bot.Time.Advance(TimeSpan.FromDays(7)); // next Monday, 14:00 in Shanghai
        Assert.Equal(1, await rig.DispatchWithHangfireAsync(() => rig.Smtp.Received.Count >= 5));
        Assert.Equal(5, rig.Smtp.Received.Count);
        Assert.Single(rig.Smtp.Received, m => m.To.Contains(EmailRig.Address) && m.IsDigest);
        Assert.Equal(2, rig.Smtp.Received.Count(m => m.To.Contains("bob@example.org") && m.IsDigest));
    }

    [Fact]
    public async Task Five_wrong_codes_void_the_request_and_a_new_request_replaces_it()
    {
        await using var rig = await EmailRig.StartAsync();
        await rig.Bot.SendAsync($"/subscribe {EmailRig.Address}");
        var code = EmailRig.CodeIn((await rig.Smtp.WaitForAsync(1))[0]);
        var wrong = code == "000000" ? "111111" : "000000";

        for (var left = 4; left >= 1; left--)
        {
            Assert.Contains($"{left} tries left", await rig.Bot.TextAsync($"/subscribe {wrong}"), StringComparison.Ordinal);
        }

        Assert.Contains("void", await rig.Bot.TextAsync($"/subscribe {wrong}"), StringComparison.Ordinal);
        Assert.Contains("void", await rig.Bot.TextAsync($"/subscribe {code}"), StringComparison.Ordinal); // the right code is too late
        await using (var db = rig.Bot.Db())
        {
            var request = await db.EmailSubscriptions.SingleAsync();
            Assert.Null(request.ConfirmedAt);
            Assert.Equal(5, request.ConfirmAttempts);
        }

        await rig.SubscribeAsync(); // a new code, fresh tries
    }

    [Fact]
    public async Task Parallel_guesses_cannot_get_past_five_tries()
    {
        await using var rig = await EmailRig.StartAsync();
        await rig.Bot.SendAsync($"/subscribe {EmailRig.Address}");
        var code = EmailRig.CodeIn((await rig.Smtp.WaitForAsync(1))[0]);
        var guesses = Enumerable.Range(0, 40).Select(i => (code == "000000" ? 100_000 + i : i).ToString("D6", System.Globalization.CultureInfo.InvariantCulture));

        await Task.WhenAll(guesses.Select(g => rig.Bot.SendAsync($"/subscribe {g}")));

        await using var db = rig.Bot.Db();
        Assert.Equal(5, (await db.EmailSubscriptions.SingleAsync()).ConfirmAttempts);
    }

    [Fact]
    public async Task An_expired_code_is_refused()
    {
        await using var rig = await EmailRig.StartAsync();
        await rig.Bot.SendAsync($"/subscribe {EmailRig.Address}");
        var code = EmailRig.CodeIn((await rig.Smtp.WaitForAsync(1))[0]);

        rig.Bot.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));

        Assert.Contains("expired", await rig.Bot.TextAsync($"/subscribe {code}"), StringComparison.Ordinal);
        await using var db = rig.Bot.Db();
        Assert.Null((await db.EmailSubscriptions.SingleAsync()).ConfirmedAt);
    }

    [Theory]
    [InlineData("Jane <jane@example.com>")]
    [InlineData("jane@example.com\r\nBcc: victim@example.org")]
    [InlineData("jane@example.com,victim@example.org")]
    [InlineData("\"jane doe\"@example.com")]
    [InlineData("jane@localhost")]
    [InlineData("jane@@example.com")]
    [InlineData("not-an-address")]
    public async Task Bad_addresses_are_refused_and_nothing_is_mailed(string typed)
    {
        await using var rig = await EmailRig.StartAsync();

        var reply = await rig.Bot.TextAsync($"/subscribe {typed}");

        Assert.Contains("doesn't look like a plain email address", reply, StringComparison.Ordinal);
        Assert.Equal(0, rig.Smtp.Connections);
        await using var db = rig.Bot.Db();
        Assert.Empty(await db.EmailSubscriptions.ToListAsync());
    }

    [Fact]
    public async Task An_overlong_address_is_refused()
    {
        await using var rig = await EmailRig.StartAsync();

        var reply = await rig.Bot.TextAsync($"/subscribe {new string('a', 60)}@{new string('b', 63)}.{new string('c', 63)}.{new string('d', 63)}.com");

        Assert.Contains("at most 254", reply, StringComparison.Ordinal);
        Assert.Equal(0, rig.Smtp.Connections);
    }

    [Fact]
    public async Task Confirmation_mails_are_limited_per_member_per_day_across_chats()
    {
        await using var rig = await EmailRig.StartAsync();
        for (var i = 0; i < ConfirmationMailQuota.PerMemberPerDay; i++)
        {
            Assert.Contains("📧", await rig.Bot.TextAsync($"/subscribe victim{i}@example.org", chat: i == 0 ? "group-1" : "group-2"), StringComparison.Ordinal);
        }

        Assert.Contains("try again tomorrow", await rig.Bot.TextAsync("/subscribe victim@example.org", chat: "group-3"), StringComparison.Ordinal);
        Assert.Contains("📧", await rig.Bot.TextAsync("/subscribe victim@example.org", user: "bob"), StringComparison.Ordinal); // another member has their own quota
        Assert.Equal(ConfirmationMailQuota.PerMemberPerDay + 1, (await rig.Smtp.WaitForAsync(ConfirmationMailQuota.PerMemberPerDay + 1)).Count);

        rig.Bot.Time.Advance(TimeSpan.FromDays(1));
        Assert.Contains("📧", await rig.Bot.TextAsync("/subscribe victim@example.org"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsubscribe_command_stops_the_digest_mail()
    {
        await using var rig = await EmailRig.StartAsync();
        await rig.Bot.SendAsync("/setup start=2026-03-01 tz=Asia/Shanghai digest=Mon@12:00", admin: true);
        await rig.SubscribeAsync();
        Assert.Contains(Masked, await rig.Bot.TextAsync("/subscribe"), StringComparison.Ordinal);

        var reply = await rig.Bot.SendAsync("/unsubscribe");

        Assert.True(reply.Personal);
        Assert.Contains("any more", ReplyText.Of(reply), StringComparison.Ordinal);
        Assert.Contains("not subscribed", await rig.Bot.TextAsync("/unsubscribe"), StringComparison.Ordinal);
        await using var db = rig.Bot.Db();
        Assert.Empty(await DueEmailDigests.FindAsync(db, rig.Bot.Time.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public async Task Chinese_members_get_chinese_replies_and_mails()
    {
        await using var rig = await EmailRig.StartAsync();

        var reply = await rig.Bot.TextAsync($"/subscribe {EmailRig.Address}", locale: "zh-CN");

        Assert.Contains("验证码", reply, StringComparison.Ordinal);
        var mail = (await rig.Smtp.WaitForAsync(1))[0];
        Assert.Contains("确认订阅", mail.Subject, StringComparison.Ordinal); // RFC 2047 on the wire, decoded by MimeKit
        Assert.Contains("验证码", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Smtp_credentials_are_used_when_configured()
    {
        await using var rig = await EmailRig.StartAsync(smtpUsername: "bot");

        await rig.Bot.SendAsync($"/subscribe {EmailRig.Address}");

        var mail = (await rig.Smtp.WaitForAsync(1))[0];
        Assert.Equal("\0bot\0s3cret", mail.AuthPlain);
    }

    [Fact]
    public async Task Simultaneous_first_requests_of_one_member_leave_one_request()
    {
        await using var rig = await EmailRig.StartAsync();
        await rig.Bot.SendAsync("/start"); // registered first, so the race is only about the subscription row

        var replies = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => rig.Bot.TextAsync($"/subscribe {EmailRig.Address}")));

        Assert.Contains(replies, r => r.Contains("📧", StringComparison.Ordinal));
        await using var db = rig.Bot.Db();
        Assert.Single(await db.EmailSubscriptions.ToListAsync());
    }

    [Fact]
    public async Task International_domains_are_mailed_in_punycode_and_replies_show_them_readable()
    {
        await using var rig = await EmailRig.StartAsync(); // a server without SMTPUTF8

        var reply = await rig.Bot.TextAsync("/subscribe ana@例子.中国");

        Assert.Contains("a***@例子.中国", reply, StringComparison.Ordinal);
        Assert.Equal(["ana@xn--fsqu00a.xn--fiqs8s"], (await rig.Smtp.WaitForAsync(1))[0].To);
    }
}

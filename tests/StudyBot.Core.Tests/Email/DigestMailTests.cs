using MimeKit;
using StudyBot.Core.Commands;
using StudyBot.Core.Email;
using StudyBot.Core.Localization;

namespace StudyBot.Core.Tests.Email;

/// <summary>The digest mail: both parts, escaping everywhere, only web links become anchors, one-click headers.</summary>
public sealed class DigestMailTests
{
    private static readonly Uri Unsubscribe = EmailMessages.UnsubscribeUrl(new Uri("https://bot.example.com/base/"), "tok_en-1");

    private static Reply Hostile() => new ReplyBuilder()
        .Heading("<script>alert('x')</script>")
        .Paragraph(new Span("bold & <b>", SpanStyle.Bold), new Span(" click", Link: new Uri("javascript:alert(1)")), new Span(" paper", Link: new Uri("https://arxiv.org/abs/1706.03762?a=1&b=\"2\"")))
        .List(["<img src=x onerror=alert(1)>"])
        .Block(new CodeBlock("a < b && c > d"))
        .Button("Quiz", "/quiz")
        .Build();

    [Fact]
    public void Html_escapes_every_text_and_drops_non_web_links()
    {
        var html = ReplyMailRenderer.Html(Hostile());

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
        Assert.Contains("<b>bold &amp; &lt;b&gt;</b>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://arxiv.org/abs/1706.03762?a=1&amp;b=%222%22\"> paper</a>", html, StringComparison.Ordinal);
        Assert.Contains("<pre>a &lt; b &amp;&amp; c &gt; d</pre>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/quiz", html, StringComparison.Ordinal); // chat buttons mean nothing in a mail
    }

    [Fact]
    public void The_mail_has_text_and_html_parts_a_subject_and_one_click_unsubscribe()
    {
        var message = EmailMessages.Digest("jane@example.com", "AI <study> group", new DateOnly(2026, 3, 8), Hostile(), Unsubscribe, Language.En);

        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Equal("AI <study> group · weekly digest 2026-03-02 – 2026-03-08", message.Subject);
        Assert.Equal("<https://bot.example.com/base/email/unsubscribe?token=tok_en-1>", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("<title>AI &lt;study&gt; group", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<study>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Unsubscribe: https://bot.example.com/base/email/unsubscribe?token=tok_en-1", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("bold & <b> click paper <https://arxiv.org/abs/1706.03762?a=1&b=%222%22>", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Chinese_mails_are_in_chinese()
    {
        var message = EmailMessages.Digest("jane@example.com", "学习群", new DateOnly(2026, 3, 8), Hostile(), Unsubscribe, Language.Zh);

        Assert.Contains("每周简报", message.Subject, StringComparison.Ordinal);
        Assert.Contains("取消订阅", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("lang=\"zh\"", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_chart_travels_as_a_related_png_the_html_shows_and_the_text_names()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        var digest = new ReplyBuilder().Heading("Week").Block(new ImageBlock(png, "checkins.png", "Check-ins <per day>")).Build();

        var message = EmailMessages.Digest("jane@example.com", "Group", new DateOnly(2026, 3, 8), digest, Unsubscribe, Language.En);

        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        var related = Assert.IsType<MultipartRelated>(alternative[1]);
        var image = Assert.Single(related.OfType<MimePart>(), p => p.ContentType.MimeType == "image/png");
        Assert.Equal("checkins.png@studybot", image.ContentId);
        using var bytes = new MemoryStream();
        image.Content!.DecodeTo(bytes);
        Assert.Equal(png, bytes.ToArray());
        Assert.Contains("<img src=\"cid:checkins.png@studybot\" alt=\"Check-ins &lt;per day&gt;\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("[Check-ins <per day>]", message.TextBody, StringComparison.Ordinal);
    }
}

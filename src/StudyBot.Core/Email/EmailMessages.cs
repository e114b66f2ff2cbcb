using System.Text;
using MimeKit;
using StudyBot.Core.Commands;
using StudyBot.Core.Localization;

namespace StudyBot.Core.Email;

/// <summary>The two mails the bot sends: the confirmation code, and the weekly digest (text + HTML, with one-click unsubscribe).</summary>
public static class EmailMessages
{
    public const string UnsubscribePath = "/email/unsubscribe";

    public static MimeMessage Confirmation(string to, string group, string code, int hours, Language language)
    {
        var t = EmailTexts.For(language);
        var message = new MimeMessage { Subject = t.ConfirmationSubject(group) };
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new TextPart("plain") { Text = string.Join("\n\n", t.ConfirmationBody(group, code, hours)) + "\n" };
        return message;
    }

    /// <summary>The link a digest mail carries; the token is URL-safe already, escaped anyway.</summary>
    public static Uri UnsubscribeUrl(Uri publicBaseUrl, string token)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        var root = publicBaseUrl.AbsoluteUri.TrimEnd('/');
        return new Uri($"{root}{UnsubscribePath}?token={Uri.EscapeDataString(token)}");
    }

    public static MimeMessage Digest(string to, string group, DateOnly weekEnd, Reply digest, Uri unsubscribeUrl, Language language)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(unsubscribeUrl);
        var t = EmailTexts.For(language);
        var subject = t.DigestSubject(group, weekEnd.AddDays(-6), weekEnd);
        var message = new MimeMessage { Subject = subject };
        message.To.Add(MailboxAddress.Parse(to));
        // RFC 2369 and RFC 8058: mail clients show an unsubscribe button that POSTs to the link, no page visit needed.
        message.Headers.Add("List-Unsubscribe", $"<{unsubscribeUrl.AbsoluteUri}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");

        var footer = t.DigestFooter(group);
        var text = $"{ReplyMailRenderer.PlainText(digest)}\n--\n{footer}\n{t.UnsubscribeLink}: {unsubscribeUrl.AbsoluteUri}\n";
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"").Append(language.Code()).Append("\">\n<head><meta charset=\"utf-8\"><title>")
            .Append(ReplyMailRenderer.Escape(subject)).Append("</title></head>\n<body>\n")
            .Append(ReplyMailRenderer.Html(digest))
            .Append("<hr>\n<p><small>").Append(ReplyMailRenderer.Escape(footer)).Append(" <a href=\"")
            .Append(ReplyMailRenderer.Escape(unsubscribeUrl.AbsoluteUri)).Append("\">").Append(ReplyMailRenderer.Escape(t.UnsubscribeLink))
            .Append("</a></small></p>\n</body>\n</html>\n")
            .ToString();
        var body = new BodyBuilder { TextBody = text, HtmlBody = html };
        foreach (var image in digest.Blocks.OfType<ImageBlock>())
        {
            var part = body.LinkedResources.Add(image.FileName, image.Png, new ContentType("image", "png"));
            part.ContentId = ReplyMailRenderer.ImageContentId(image);
        }

        message.Body = body.ToMessageBody();
        return message;
    }
}

using System.Text;
using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Email;
using StudyBot.Core.Localization;
using StudyBot.Core.Persistence;

namespace StudyBot.Host.Email;

/// <summary>
/// /email/unsubscribe?token=…: GET shows a page with a button (link scanners that open every link in a mail must
/// not unsubscribe anyone), POST unsubscribes: the button, or a mail client's RFC 8058 one-click POST. An
/// unknown token gets a plain 404 page that says nothing about why.
/// </summary>
public static class UnsubscribeEndpoints
{
    private const int MaxTokenLength = 64;

    public static IEndpointRouteBuilder MapEmailUnsubscribe(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(EmailMessages.UnsubscribePath, ShowAsync);
        app.MapPost(EmailMessages.UnsubscribePath, UnsubscribeAsync);
        return app;
    }

    private static async Task ShowAsync(HttpContext http, IDbContextFactory<StudyBotDbContext> dbFactory)
    {
        var token = Token(http.Request.Query["token"]);
        await using var db = await dbFactory.CreateDbContextAsync(http.RequestAborted).ConfigureAwait(false);
        var found = token is null ? null : await FindAsync(db, token, http.RequestAborted).ConfigureAwait(false);
        if (found is null)
        {
            await NotFoundAsync(http).ConfigureAwait(false);
            return;
        }

        var (subscription, chat) = found.Value;
        var t = EmailTexts.For(Languages.Parse(chat.Language) ?? Language.En);
        if (subscription.UnsubscribedAt is not null)
        {
            await PageAsync(http, StatusCodes.Status200OK, t.PageTitle, $"<p>{Escape(t.PageDone)}</p>").ConfigureAwait(false);
            return;
        }

        var action = $"{EmailMessages.UnsubscribePath}?token={Uri.EscapeDataString(token!)}";
        var body = $"<p>{Escape(t.PageQuestion(EmailAddresses.Mask(subscription.Email), SubscribeHandler.GroupName(chat)))}</p>\n" +
                   $"<form method=\"post\" action=\"{Escape(action)}\"><button type=\"submit\">{Escape(t.PageButton)}</button></form>";
        await PageAsync(http, StatusCodes.Status200OK, t.PageTitle, body).ConfigureAwait(false);
    }

    private static async Task UnsubscribeAsync(HttpContext http, IDbContextFactory<StudyBotDbContext> dbFactory, TimeProvider time)
    {
        var typed = http.Request.Query["token"].ToString();
        if (typed.Length == 0 && http.Request.HasFormContentType)
        {
            typed = (await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false))["token"].ToString();
        }

        var token = Token(typed);
        await using var db = await dbFactory.CreateDbContextAsync(http.RequestAborted).ConfigureAwait(false);
        if (token is not null)
        {
            await UnsubscribeHandler.ByTokenAsync(db, token, time.GetUtcNow(), http.RequestAborted).ConfigureAwait(false);
        }

        // Done now or before: either way the page says so. Unknown: 404, nothing more.
        var found = token is null ? null : await FindAsync(db, token, http.RequestAborted).ConfigureAwait(false);
        if (found is not { } known)
        {
            await NotFoundAsync(http).ConfigureAwait(false);
            return;
        }

        var t = EmailTexts.For(Languages.Parse(known.Chat.Language) ?? Language.En);
        await PageAsync(http, StatusCodes.Status200OK, t.PageTitle, $"<p>{Escape(t.PageDone)}</p>").ConfigureAwait(false);
    }

    private static async Task<(EmailSubscription Subscription, Chat Chat)?> FindAsync(StudyBotDbContext db, string token, CancellationToken cancellationToken)
    {
        var row = await db.EmailSubscriptions.AsNoTracking()
            .Where(s => s.UnsubscribeToken == token)
            .Join(db.Chats, s => s.ChatId, c => c.Id, (s, c) => new { s, c })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return row is null ? null : (row.s, row.c);
    }

    /// <summary>The token when it has the shape of one (URL-safe base64), else null: odd input never reaches the database.</summary>
    private static string? Token(string? typed) =>
        typed is { Length: > 0 and <= MaxTokenLength } && typed.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? typed : null;

    private static Task NotFoundAsync(HttpContext http) =>
        PageAsync(http, StatusCodes.Status404NotFound, "Not found · 未找到", "<p>This link is not valid. · 此链接无效。</p>");

    private static async Task PageAsync(HttpContext http, int status, string title, string bodyHtml)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer"; // the token is in the URL
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; form-action 'self'; frame-ancestors 'none'";
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>")
            .Append(Escape(title)).Append("</title></head>\n<body>\n<h1>").Append(Escape(title)).Append("</h1>\n")
            .Append(bodyHtml).Append("\n</body>\n</html>\n");
        await http.Response.WriteAsync(html.ToString(), http.RequestAborted).ConfigureAwait(false);
    }

    private static string Escape(string text) => ReplyMailRenderer.Escape(text);
}

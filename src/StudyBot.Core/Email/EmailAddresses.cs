using System.Globalization;
using MimeKit;

namespace StudyBot.Core.Email;

/// <summary>
/// Which addresses /subscribe accepts: one plain mailbox (no display name, no route, no group), at most 254
/// characters, nothing that could break a mail header (CR, LF, control characters, spaces, angle brackets),
/// and a domain with a dot. MimeKit parses; the extra rules refuse what it would still accept.
/// </summary>
public static class EmailAddresses
{
    public const int MaxLength = 254;
    private const int MaxLocalPartLength = 64;

    private static readonly ParserOptions Strict = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
        AllowUnquotedCommasInAddresses = false,
    };

    /// <summary>The address as it will be stored (domain lower-cased), or null when it is not acceptable.</summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrEmpty(typed) || typed.Length > MaxLength)
        {
            return null;
        }

        foreach (var c in typed)
        {
            // Whitespace, controls and the characters of display names, routes and groups have no place in a bare address.
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"' or '(' or ')' or ',' or ';' or ':' or '\\' or '[' or ']')
            {
                return null;
            }
        }

        var at = typed.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != typed.LastIndexOf('@') || at > MaxLocalPartLength)
        {
            return null;
        }

        if (!MailboxAddress.TryParse(Strict, typed, out var mailbox) || !string.IsNullOrEmpty(mailbox.Name) || mailbox.Route.Count > 0)
        {
            return null;
        }

        var local = typed[..at];
        var domain = typed[(at + 1)..].ToLowerInvariant();
        if (!IsHostName(domain) || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        return $"{local}@{domain}";
    }

    /// <summary>j***@example.com: enough for its owner to recognise, not enough for the group to learn it.</summary>
    public static string Mask(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var at = address.LastIndexOf('@');
        if (at <= 0)
        {
            return "***";
        }

        var first = StringInfo.GetNextTextElementLength(address, 0);
        return $"{address[..first]}***{address[at..]}";
    }

    private static bool IsHostName(string domain)
    {
        var labels = domain.Split('.');
        if (labels.Length < 2 || domain.Length > 253)
        {
            return false;
        }

        foreach (var label in labels)
        {
            // Letters may be non-ASCII (an internationalised domain); hyphens never at either end.
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || !label.All(c => char.IsLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return !labels[^1].All(char.IsAsciiDigit); // 1.2.3.4 is not a mail domain here
    }
}

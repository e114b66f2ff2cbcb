namespace StudyBot.Core.Commands;

/// <summary>A command as typed: "/lesson 3" → ("lesson", "3").</summary>
public sealed record ParsedCommand(string Name, string Arguments)
{
    public IReadOnlyList<string> Words() => Arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}

public static class CommandParser
{
    /// <summary>
    /// Parses "/name args", also "/name@BotName args" as Telegram sends in groups. A command addressed to
    /// another bot (a different @name) or text without a leading '/' is not a command: null.
    /// </summary>
    public static ParsedCommand? Parse(string text, string? botUsername = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length < 2 || trimmed[0] != '/')
        {
            return null;
        }

        var end = trimmed.IndexOfAny(' ', '\n', '\t');
        var head = end < 0 ? trimmed[1..] : trimmed[1..end];
        var arguments = end < 0 ? string.Empty : trimmed[(end + 1)..].Trim().ToString();

        var at = head.IndexOf('@');
        if (at >= 0)
        {
            var addressee = head[(at + 1)..];
            if (botUsername is not null && !addressee.Equals(botUsername, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            head = head[..at];
        }

        if (head.IsEmpty)
        {
            return null;
        }

        foreach (var c in head)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return null;
            }
        }

        return new ParsedCommand(head.ToString().ToLowerInvariant(), arguments);
    }
}

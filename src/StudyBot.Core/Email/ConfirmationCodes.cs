using System.Security.Cryptography;
using System.Text;

namespace StudyBot.Core.Email;

/// <summary>Six-digit confirmation codes (only their SHA-256 is stored) and unsubscribe tokens.</summary>
public static class ConfirmationCodes
{
    public const int Digits = 6;

    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public static string Hash(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
    }

    /// <summary>Compares in constant time, so the time taken says nothing about how close a guess was.</summary>
    public static bool Matches(string typed, string storedHash)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(storedHash);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(typed)), Encoding.ASCII.GetBytes(storedHash));
    }

    public static bool LooksLikeCode(string text) => text.Length == Digits && text.All(char.IsAsciiDigit);

    /// <summary>256 random bits, URL-safe (43 characters).</summary>
    public static string NewUnsubscribeToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

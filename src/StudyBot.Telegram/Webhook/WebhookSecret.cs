using System.Security.Cryptography;
using System.Text;

namespace StudyBot.Telegram.Webhook;

/// <summary>
/// Checks X-Telegram-Bot-Api-Secret-Token in constant time. Both sides are hashed first, so neither the content
/// nor the length of the secret leaks through timing.
/// </summary>
public sealed class WebhookSecret(string secret)
{
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public bool Matches(string? presented)
    {
        if (presented is null)
        {
            return false;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(hash, _expected);
    }
}

using System.Buffers;
using System.Text;
using System.Globalization;
using NSec.Cryptography;

namespace StudyBot.Discord.Interactions;

/// <summary>
/// Checks Discord's Ed25519 signature over timestamp + raw body with the application's public key, and
/// refuses timestamps more than five minutes away from now (a captured request cannot be replayed later).
/// </summary>
public sealed class InteractionSignature
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;
    private readonly PublicKey _publicKey;
    private readonly TimeProvider _time;

    public InteractionSignature(string publicKeyHex, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(publicKeyHex);
        _publicKey = PublicKey.Import(Ed25519, Convert.FromHexString(publicKeyHex), KeyBlobFormat.RawPublicKey);
        _time = time;
    }

    public bool IsValid(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (signatureHex is null || timestamp is null || signatureHex.Length != Ed25519.SignatureSize * 2 || timestamp.Length is 0 or > 20)
        {
            return false;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(_time.GetUtcNow().ToUnixTimeSeconds() - seconds) > (long)MaxAge.TotalSeconds)
        {
            return false;
        }

        Span<byte> signature = stackalloc byte[Ed25519.SignatureSize];
        if (Convert.FromHexString(signatureHex, signature, out _, out var written) != OperationStatus.Done || written != signature.Length)
        {
            return false;
        }

        // The signed message is the timestamp's ASCII bytes followed by the body, byte for byte.
        var length = timestamp.Length + body.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var prefix = Encoding.ASCII.GetBytes(timestamp, rented);
            body.CopyTo(rented.AsSpan(prefix));
            return Ed25519.Verify(_publicKey, rented.AsSpan(0, prefix + body.Length), signature);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}

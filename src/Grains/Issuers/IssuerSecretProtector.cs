using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Issuers;

/// <summary>
/// Encrypts an issuer's password for grain state: AES-256-GCM under <see cref="IssuerSecretsOptions.Key"/>, a fresh
/// 96-bit nonce per encryption, and the issuer id, base URL and user name as associated data, so a ciphertext moved
/// to another issuer, or an entry whose address or user was edited in storage, does not decrypt: the credential is
/// never sent anywhere but where the operator who typed it said. Stored as <c>aes-gcm:</c> + base64(nonce ‖ tag ‖
/// ciphertext).
/// <para>
/// Why not ASP.NET Core Data Protection: its key ring would itself have to live somewhere every silo shares (blob
/// storage, with the ring's own protection), adding a package and a second secret store to a library that only
/// needs one symmetric key; a configured AES-GCM key is the same on every silo from the first start, is checked at
/// start-up like the other keys, and keeps the Grains assembly free of ASP.NET Core.
/// </para>
/// </summary>
public sealed class IssuerSecretProtector(IOptions<IssuerSecretsOptions> options)
{
    private const string Prefix = "aes-gcm:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _key = Convert.FromHexString(options.Value.Key);

    /// <summary>True when the password of <paramref name="stored"/> is in the protected form (written by <see cref="Protect"/>).</summary>
    public static bool IsProtected(IssuerSettings stored) => stored.Password.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The settings with their password encrypted, bound to the issuer id, base URL and user name.</summary>
    public IssuerSettings Protect(string issuerId, IssuerSettings clear)
    {
        var plain = Encoding.UTF8.GetBytes(clear.Password);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), AssociatedData(issuerId, clear));
        CryptographicOperations.ZeroMemory(plain);
        return clear with { Password = Prefix + Convert.ToBase64String(sealedBytes) };
    }

    /// <summary>
    /// The settings with their password in clear; throws <see cref="CryptographicException"/> when the key is not the one
    /// that protected it, or the password, issuer id, base URL or user name was altered since.
    /// </summary>
    public IssuerSettings Unprotect(string issuerId, IssuerSettings stored)
    {
        if (!IsProtected(stored))
        {
            throw new CryptographicException("The stored issuer password is not in the protected form.");
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(stored.Password[Prefix.Length..]);
        }
        catch (FormatException)
        {
            throw new CryptographicException("The stored issuer password is not valid base64.");
        }

        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The stored issuer password is truncated.");
        }

        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain,
            AssociatedData(issuerId, stored));
        return stored with { Password = Encoding.UTF8.GetString(plain) };
    }

    private static byte[] AssociatedData(string issuerId, IssuerSettings s) => Encoding.UTF8.GetBytes($"{issuerId}\n{s.BaseUrl}\n{s.Username}");
}

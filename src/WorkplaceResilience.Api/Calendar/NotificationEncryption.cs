using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using WorkplaceResilience.Api.Infrastructure;

namespace WorkplaceResilience.Api.Calendar;

/// <summary>A notification's <c>changeNotificationEncryptedContent</c>, as Graph sends it.</summary>
public sealed record EncryptedContent(string Data, string DataKey, string DataSignature, string CertificateId);

/// <summary>
/// The certificate Graph encrypts resource data in calendar change notifications for, and the decryption: the data key
/// comes RSA-OAEP (SHA-1) encrypted with the certificate's public key; the data is AES-CBC with PKCS7 padding under that
/// key, the IV being its first 16 bytes; the signature is HMAC-SHA256 of the encrypted bytes under the key, checked in
/// constant time before anything is decrypted.
/// </summary>
public sealed class NotificationEncryption : IDisposable
{
    public const string FileName = "notification-certificate.pfx";
    private readonly X509Certificate2? certificate;
    private readonly RSA? privateKey;

    /// <param name="certificate">Null: no certificate, so subscriptions go without resource data.</param>
    public NotificationEncryption(X509Certificate2? certificate)
    {
        if (certificate is null) return;
        this.certificate = certificate;
        privateKey = certificate.GetRSAPrivateKey() ?? throw new ArgumentException("The notification certificate needs an RSA private key.", nameof(certificate));
        // The id Graph echoes back: names the certificate without being a secret, and changes when it is replaced.
        CertificateId = "wr-" + certificate.Thumbprint[..16].ToLowerInvariant();
    }

    /// <summary>Whether subscriptions ask for resource data (a certificate is there to decrypt it).</summary>
    public bool Enabled => certificate is not null;

    public string CertificateId { get; } = "";

    /// <summary>The public certificate, base64 DER, for the subscription's <c>encryptionCertificate</c>.</summary>
    public string PublicCertificate => certificate is null ? "" : Convert.ToBase64String(certificate.Export(X509ContentType.Cert));

    /// <summary>The decrypted resource JSON; <see cref="CryptographicException"/> when the content is not ours or was altered.</summary>
    public byte[] Decrypt(EncryptedContent content)
    {
        if (privateKey is null || !string.Equals(content.CertificateId, CertificateId, StringComparison.Ordinal))
            throw new CryptographicException("The notification was encrypted for another certificate.");
        byte[] data, encryptedKey, signature;
        try
        {
            (data, encryptedKey, signature) = (Convert.FromBase64String(content.Data), Convert.FromBase64String(content.DataKey),
                Convert.FromBase64String(content.DataSignature));
        }
        catch (FormatException)
        {
            throw new CryptographicException("The encrypted content is not base64.");
        }
        var key = privateKey.Decrypt(encryptedKey, RSAEncryptionPadding.OaepSHA1);
        try
        {
            if (key.Length < 16 || !CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, data), signature))
                throw new CryptographicException("The notification's data signature does not match.");
            using var aes = Aes.Create();
            aes.Key = key;
            return aes.DecryptCbc(data, key.AsSpan(0, 16), PaddingMode.PKCS7);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// The configured certificate (base64 PFX or a PFX file); with the embedded SQLite default or in demo mode a
    /// self-signed one kept in the data folder (made on first start, readable by the service's user only); otherwise
    /// none, and subscriptions go without resource data.
    /// </summary>
    public static NotificationEncryption Create(SecurityOptions security, StorageOptions storage, DemoOptions demo, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(security.NotificationCertificate))
            return new(X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(security.NotificationCertificate), security.NotificationCertificatePassword,
                X509KeyStorageFlags.EphemeralKeySet));
        if (!string.IsNullOrWhiteSpace(security.NotificationCertificatePath))
            return new(X509CertificateLoader.LoadPkcs12FromFile(Path.GetFullPath(security.NotificationCertificatePath, contentRoot),
                security.NotificationCertificatePassword, X509KeyStorageFlags.EphemeralKeySet));
        if (storage.UsePostgres && !demo.Enabled) return new(null);

        return new(LoadWhenWritten(SecretFile.CreateOnce(storage.DataDirectory, contentRoot, FileName, SelfSigned)));
    }

    private static byte[] SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=WorkplaceResilience change notifications", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
        return certificate.Export(X509ContentType.Pfx);
    }

    private static X509Certificate2 LoadWhenWritten(string file)
    {
        // A process that lost the race to create the file may read it before the winner has finished writing.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return X509CertificateLoader.LoadPkcs12FromFile(file, null, X509KeyStorageFlags.EphemeralKeySet);
            }
            catch (CryptographicException) when (attempt < 50)
            {
                Thread.Sleep(20);
            }
        }
    }

    public void Dispose()
    {
        privateKey?.Dispose();
        certificate?.Dispose();
    }
}

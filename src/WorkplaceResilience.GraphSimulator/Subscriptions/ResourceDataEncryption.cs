using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace WorkplaceResilience.GraphSimulator.Subscriptions;

/// <summary>
/// Graph's encryption of resource data in change notifications (<c>changeNotificationEncryptedContent</c>): a fresh
/// 32-byte AES key per notification encrypts the JSON (CBC, PKCS7, the IV being the key's first 16 bytes); the key goes
/// along encrypted with the subscriber's RSA public key (OAEP, SHA-1); an HMAC-SHA256 of the encrypted bytes under the
/// same key signs it. Public so clients' tests can make notifications as Graph would.
/// </summary>
public static class ResourceDataEncryption
{
    public static JsonObject Encrypt(string json, X509Certificate2 certificate, string certificateId)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        using var aes = Aes.Create();
        aes.Key = key;
        var data = aes.EncryptCbc(Encoding.UTF8.GetBytes(json), key.AsSpan(0, 16), PaddingMode.PKCS7);
        using var rsa = certificate.GetRSAPublicKey()!;
        return new JsonObject
        {
            ["data"] = Convert.ToBase64String(data),
            ["dataKey"] = Convert.ToBase64String(rsa.Encrypt(key, RSAEncryptionPadding.OaepSHA1)),
            ["dataSignature"] = Convert.ToBase64String(HMACSHA256.HashData(key, data)),
            ["encryptionCertificateId"] = certificateId,
            ["encryptionCertificateThumbprint"] = certificate.Thumbprint,
        };
    }
}

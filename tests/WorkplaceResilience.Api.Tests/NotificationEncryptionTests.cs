using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using WorkplaceResilience.Api.Calendar;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.GraphSimulator.Subscriptions;

namespace WorkplaceResilience.Api.Tests;

/// <summary>Resource data in change notifications: decrypted only when it is ours and its signature holds.</summary>
public sealed class NotificationEncryptionTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("wr-notification-cert-").FullName;
    private readonly NotificationEncryption encryption;

    public NotificationEncryptionTests() =>
        encryption = NotificationEncryption.Create(new SecurityOptions(), new StorageOptions { DataDirectory = folder }, new DemoOptions(), folder);

    private X509Certificate2 Public => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(encryption.PublicCertificate));

    private EncryptedContent Encrypt(string json, string? certificateId = null)
    {
        var content = ResourceDataEncryption.Encrypt(json, Public, certificateId ?? encryption.CertificateId);
        return new EncryptedContent((string)content["data"]!, (string)content["dataKey"]!, (string)content["dataSignature"]!,
            (string)content["encryptionCertificateId"]!);
    }

    [Fact]
    public void Content_encrypted_as_Graph_does_decrypts_to_the_event()
    {
        const string json = """{"id":"AAMk=","showAs":"busy"}""";
        Assert.True(encryption.Enabled);
        Assert.Equal(json, Encoding.UTF8.GetString(encryption.Decrypt(Encrypt(json))));
    }

    [Fact]
    public void A_tampered_signature_is_rejected()
    {
        var content = Encrypt("""{"id":"x"}""");
        var signature = Convert.FromBase64String(content.DataSignature);
        signature[0] ^= 1;
        Assert.Throws<CryptographicException>(() => encryption.Decrypt(content with { DataSignature = Convert.ToBase64String(signature) }));
    }

    [Fact]
    public void Tampered_data_is_rejected_before_it_is_decrypted()
    {
        var content = Encrypt("""{"id":"x","showAs":"free"}""");
        var data = Convert.FromBase64String(content.Data);
        data[^1] ^= 1;
        Assert.Throws<CryptographicException>(() => encryption.Decrypt(content with { Data = Convert.ToBase64String(data) }));
    }

    [Fact]
    public void Content_for_another_certificate_id_is_rejected()
    {
        Assert.Throws<CryptographicException>(() => encryption.Decrypt(Encrypt("""{"id":"x"}""", certificateId: "someone-else")));
    }

    [Fact]
    public void Content_encrypted_for_another_key_is_rejected()
    {
        using var rsa = RSA.Create(2048);
        using var other = new CertificateRequest("CN=other", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var content = ResourceDataEncryption.Encrypt("""{"id":"x"}""", other, encryption.CertificateId);
        Assert.ThrowsAny<CryptographicException>(() => encryption.Decrypt(new EncryptedContent((string)content["data"]!, (string)content["dataKey"]!,
            (string)content["dataSignature"]!, encryption.CertificateId)));
    }

    [Fact]
    public void The_demo_certificate_is_made_once_readable_only_by_the_service_and_reused()
    {
        var file = Path.Combine(folder, NotificationEncryption.FileName);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        using var again = NotificationEncryption.Create(new SecurityOptions(), new StorageOptions { DataDirectory = folder }, new DemoOptions(), folder);
        Assert.Equal(encryption.CertificateId, again.CertificateId);
    }

    [Fact]
    public void PostgreSQL_outside_the_demo_without_a_configured_certificate_subscribes_without_resource_data()
    {
        using var none = NotificationEncryption.Create(new SecurityOptions(), new StorageOptions { Postgres = "Host=x" }, new DemoOptions(), folder);
        Assert.False(none.Enabled);
    }

    public void Dispose()
    {
        encryption.Dispose();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}

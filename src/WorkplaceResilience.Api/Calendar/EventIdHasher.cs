using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using WorkplaceResilience.Api.Infrastructure;

namespace WorkplaceResilience.Api.Calendar;

/// <summary>The service's secret for hashing Graph event ids.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";
    /// <summary>
    /// Base64 of at least 32 random bytes (Key Vault in production). When empty with the embedded SQLite default or
    /// in demo mode, a key is generated once and kept in the data folder (<see cref="EventIdHasher.KeyFileName"/>).
    /// </summary>
    public string? EventHashKey { get; set; }

    /// <summary>
    /// The certificate (with its private key) Graph encrypts calendar change notifications for: base64 of a PFX, as a
    /// Key Vault certificate is read as a secret. Or <see cref="NotificationCertificatePath"/>. When neither is set, the
    /// embedded SQLite default and demo mode make a self-signed one in the data folder
    /// (<see cref="NotificationEncryption.FileName"/>); PostgreSQL without one subscribes without resource data.
    /// </summary>
    public string? NotificationCertificate { get; set; }
    /// <summary>A PFX file holding the notification certificate and its private key (e.g. a mounted Key Vault secret).</summary>
    public string? NotificationCertificatePath { get; set; }
    public string? NotificationCertificatePassword { get; set; }
}

/// <summary>
/// Graph event ids are stored only as keyed hashes. The key is per tenant, derived from a service secret, so a
/// stored hash cannot be matched back to an event id by anyone who knows the (public) tenant id, and the same
/// event id never yields the same stored value in two tenants.
/// </summary>
public sealed class EventIdHasher
{
    public const string KeyFileName = "event-hash.key";
    private readonly byte[] serviceKey;
    private readonly ConcurrentDictionary<Guid, byte[]> tenantKeys = new();

    public EventIdHasher(byte[] serviceKey)
    {
        if (serviceKey.Length < 32) throw new ArgumentException("The event-hash key must be at least 32 bytes.", nameof(serviceKey));
        this.serviceKey = serviceKey;
    }

    public string Hash(Guid tenantId, string eventId) =>
        Convert.ToHexString(HMACSHA256.HashData(TenantKey(tenantId), Encoding.UTF8.GetBytes(eventId)), 0, 16);

    /// <summary>A per-tenant secret for another purpose (e.g. report noise), derived from the same service secret.</summary>
    public byte[] TenantSecret(Guid tenantId, string purpose) =>
        HMACSHA256.HashData(serviceKey, Encoding.UTF8.GetBytes($"WorkplaceResilience/{purpose}/{tenantId:N}"));

    private byte[] TenantKey(Guid tenantId) => tenantKeys.GetOrAdd(tenantId,
        id => HMACSHA256.HashData(serviceKey, Encoding.UTF8.GetBytes($"WorkplaceResilience/event-id/{id:N}")));

    /// <summary>The configured key, or (embedded default and demo) the one kept in the data folder, made on first start.</summary>
    public static EventIdHasher Create(SecurityOptions security, StorageOptions storage, DemoOptions demo, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(security.EventHashKey)) return new EventIdHasher(Convert.FromBase64String(security.EventHashKey));
        if (storage.UsePostgres && !demo.Enabled)
            throw new InvalidOperationException("Security:EventHashKey is not configured.");
        var file = SecretFile.CreateOnce(storage.DataDirectory, contentRoot, KeyFileName,
            () => Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        return new EventIdHasher(Convert.FromBase64String(ReadKeyFile(file)));
    }

    private static string ReadKeyFile(string file)
    {
        // A process that lost the race may read before the winner has written its 44 characters.
        for (var attempt = 0; ; attempt++)
        {
            var text = File.ReadAllText(file).Trim();
            if (text.Length >= 44 || attempt == 50) return text;
            Thread.Sleep(20);
        }
    }
}

/// <summary>A secret the service makes itself on first start (embedded default, demo) and keeps in its data folder.</summary>
internal static class SecretFile
{
    /// <summary>Writes the file, readable and writable by the service's user only, unless it exists; returns its path.</summary>
    public static string CreateOnce(string dataDirectory, string contentRoot, string fileName, Func<byte[]> content)
    {
        var folder = Path.GetFullPath(dataDirectory, contentRoot);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, fileName);
        try
        {
            // CreateNew: of two processes starting together, one writes the secret and the other reads it.
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var stream = new FileStream(file, create);
            stream.Write(content());
        }
        catch (IOException) when (File.Exists(file))
        {
        }
        return file;
    }
}

/// <summary>Production (PostgreSQL, not demo) needs the key in configuration; a bad key is named at start-up.</summary>
public sealed class SecurityOptionsValidation(IOptions<StorageOptions> storage, IOptions<DemoOptions> demo) : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.EventHashKey))
            return storage.Value.UsePostgres && !demo.Value.Enabled
                ? ValidateOptionsResult.Fail("Security:EventHashKey (base64 of 32 or more random bytes, from Key Vault) is not configured")
                : ValidateOptionsResult.Success;
        var bytes = new byte[options.EventHashKey.Length];
        return Convert.TryFromBase64String(options.EventHashKey, bytes, out var length) && length >= 32
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Security:EventHashKey must be base64 of at least 32 bytes");
    }
}

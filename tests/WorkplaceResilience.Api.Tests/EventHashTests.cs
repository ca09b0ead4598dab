using System.Security.Cryptography;
using System.Text;
using WorkplaceResilience.Api.Calendar;
using WorkplaceResilience.Api.Infrastructure;

namespace WorkplaceResilience.Api.Tests;

/// <summary>Stored event hashes cannot be matched back to Graph event ids by someone who knows only the tenant id.</summary>
public sealed class EventHashTests
{
    private static readonly Guid Tenant = Guid.Parse("96ba173e-04ae-4bcd-9986-9e56f0adbf3a");
    private const string EventId = "AAMkAGI2TG93AAA=";

    [Fact]
    public void The_hash_depends_on_the_service_key_and_the_tenant_not_on_the_tenant_id_alone()
    {
        var one = new EventIdHasher(RandomNumberGenerator.GetBytes(32));
        var other = new EventIdHasher(RandomNumberGenerator.GetBytes(32));
        Assert.Equal(one.Hash(Tenant, EventId), one.Hash(Tenant, EventId));
        Assert.NotEqual(one.Hash(Tenant, EventId), other.Hash(Tenant, EventId));
        Assert.NotEqual(one.Hash(Tenant, EventId), one.Hash(Guid.NewGuid(), EventId));
        // The scheme it replaces, keyed with the (public) tenant id: anyone could recompute it.
        var keyedWithTenantId = Convert.ToHexString(HMACSHA256.HashData(Tenant.ToByteArray(), Encoding.UTF8.GetBytes(EventId)), 0, 16);
        Assert.NotEqual(keyedWithTenantId, one.Hash(Tenant, EventId));
        Assert.Equal(32, one.Hash(Tenant, EventId).Length);
    }

    [Fact]
    public void The_embedded_default_makes_a_private_key_once_and_keeps_using_it()
    {
        var folder = Directory.CreateTempSubdirectory("wr-event-key-").FullName;
        try
        {
            var storage = new StorageOptions { DataDirectory = folder };
            var first = EventIdHasher.Create(new SecurityOptions(), storage, new DemoOptions(), "/");
            var again = EventIdHasher.Create(new SecurityOptions(), storage, new DemoOptions(), "/");
            Assert.Equal(first.Hash(Tenant, EventId), again.Hash(Tenant, EventId));
            var file = Path.Combine(folder, EventIdHasher.KeyFileName);
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.True(Convert.FromBase64String(File.ReadAllText(file)).Length >= 32);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_configured_key_wins_and_production_on_PostgreSQL_must_configure_one()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var postgres = new StorageOptions { Postgres = "Host=db" };
        var configured = EventIdHasher.Create(new SecurityOptions { EventHashKey = Convert.ToBase64String(key) }, postgres, new DemoOptions(), "/");
        Assert.Equal(new EventIdHasher(key).Hash(Tenant, EventId), configured.Hash(Tenant, EventId));
        var error = Assert.Throws<InvalidOperationException>(() => EventIdHasher.Create(new SecurityOptions(), postgres, new DemoOptions(), "/"));
        Assert.Contains("Security:EventHashKey", error.Message);
    }
}

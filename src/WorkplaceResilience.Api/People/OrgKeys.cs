using System.Security.Cryptography;
using WorkplaceResilience.Api.Calendar;

namespace WorkplaceResilience.Api.People;

/// <summary>
/// People in the org tree as keyed hashes (HMAC-SHA256 under a per-tenant secret, 128 bits in hex): the directory sync
/// stores a person's manager only so, and the rollup hashes each person's id the same way to rebuild the tree.
/// </summary>
public sealed class OrgKeys(byte[] tenantSecret)
{
    public const string Purpose = "org-tree";

    public static OrgKeys For(EventIdHasher hasher, Guid tenantId) => new(hasher.TenantSecret(tenantId, Purpose));

    public string Of(Guid personId) => Convert.ToHexString(HMACSHA256.HashData(tenantSecret, personId.ToByteArray()), 0, 16);
}

using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace WorkplaceResilience.GraphSimulator.Http;

/// <summary>Issues opaque bearer tokens (client credentials) and checks them on every <c>/v1.0</c> request.</summary>
internal sealed class TokenService
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(3599);
    private readonly ConcurrentDictionary<string, DateTimeOffset> issued = new(StringComparer.Ordinal);

    public string Issue()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        issued[token] = DateTimeOffset.UtcNow + Lifetime;
        return token;
    }

    public bool IsValid(string? authorizationHeader)
    {
        const string prefix = "Bearer ";
        if (authorizationHeader is null || !authorizationHeader.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var token = authorizationHeader[prefix.Length..].Trim();
        return issued.TryGetValue(token, out var expires) && expires > DateTimeOffset.UtcNow;
    }
}

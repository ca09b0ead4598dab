using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WorkplaceResilience.Api.Demo;

/// <summary>
/// The demo's own token issuer: an RSA key made when the process starts. Tokens it signs go through the
/// same JwtBearer validation as Entra tokens in production; outside demo mode nothing signs with it.
/// </summary>
public sealed class DemoSigningKey
{
    public const string Issuer = "https://demo.workplace-resilience.local";
    public const string Audience = "api://workplace-resilience-demo";

    public RsaSecurityKey Key { get; } = new(RSA.Create(2048)) { KeyId = "demo" };

    public (string Token, DateTimeOffset ExpiresAt) Issue(Guid tenantId, Guid userId, string name, IEnumerable<string> roles, DateTimeOffset now)
    {
        var expires = now.AddHours(8);
        var claims = new Dictionary<string, object>
        {
            ["tid"] = tenantId.ToString(),
            ["oid"] = userId.ToString(),
            ["name"] = name,
            ["roles"] = roles.ToArray(),
        };
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
        });
        return (token, expires);
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using WorkplaceResilience.Api.Infrastructure;

namespace WorkplaceResilience.Api.Tests.Hosting;

/// <summary>
/// Builds the tokens a hostile client would try: Entra-shaped v2.0 user claims, then signed properly, with a key
/// nobody published, with HMAC keyed by the issuer's public key (key confusion), or not at all (alg none).
/// </summary>
public static class TokenForge
{
    /// <summary>The claims of a Teams SSO token for a person; <paramref name="change"/> then adds, changes or removes claims.</summary>
    public static JsonObject PersonClaims(string issuer, string audience, Guid tenantId, Guid userId, Action<JsonObject>? change = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["aud"] = audience,
            ["iss"] = issuer,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 3600,
            ["tid"] = tenantId.ToString(),
            ["oid"] = userId.ToString(),
            ["sub"] = userId.ToString("N"),
            ["name"] = "Forged Person",
            ["scp"] = AuthenticationSetup.Scope,
            ["ver"] = "2.0",
        };
        change?.Invoke(claims);
        return claims;
    }

    public static string SignRs256(JsonObject claims, RSA key, string keyId) =>
        Sign(claims, new JsonObject { ["alg"] = "RS256", ["kid"] = keyId, ["typ"] = "JWT" },
            data => key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    /// <summary>Signed with a fresh key the issuer never published, under <paramref name="keyId"/>.</summary>
    public static string SignWithUnknownKey(JsonObject claims, string keyId)
    {
        using var stranger = RSA.Create(2048);
        return SignRs256(claims, stranger, keyId);
    }

    /// <summary>The classic key-confusion attack: HS256 with the issuer's public key (as published) as the HMAC secret.</summary>
    public static string SignHs256WithPublicKey(JsonObject claims, RSA publicKey, string keyId)
    {
        var secret = Encoding.ASCII.GetBytes(publicKey.ExportSubjectPublicKeyInfoPem());
        return Sign(claims, new JsonObject { ["alg"] = "HS256", ["kid"] = keyId, ["typ"] = "JWT" }, data => HMACSHA256.HashData(secret, data));
    }

    /// <summary>Same, with the raw modulus bytes as the secret (the other form the public key takes in a JWKS).</summary>
    public static string SignHs256WithModulus(JsonObject claims, RSA publicKey, string keyId) =>
        Sign(claims, new JsonObject { ["alg"] = "HS256", ["kid"] = keyId, ["typ"] = "JWT" },
            data => HMACSHA256.HashData(publicKey.ExportParameters(false).Modulus!, data));

    public static string Unsigned(JsonObject claims, string keyId) =>
        $"{Segment(new JsonObject { ["alg"] = "none", ["kid"] = keyId, ["typ"] = "JWT" })}.{Segment(claims)}.";

    private static string Sign(JsonObject claims, JsonObject header, Func<byte[], byte[]> signature)
    {
        var signed = $"{Segment(header)}.{Segment(claims)}";
        return $"{signed}.{Base64Url(signature(Encoding.ASCII.GetBytes(signed)))}";
    }

    private static string Segment(JsonObject json) => Base64Url(Encoding.UTF8.GetBytes(json.ToJsonString()));

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace WorkplaceResilience.GraphSimulator.Identity;

/// <summary>
/// The simulator's stand-in for Entra ID's token issuer: one RSA key, published the way Entra publishes its keys
/// (OpenID discovery per tenant, <c>common</c> and <c>organizations</c> advertising the <c>{tenantid}</c> issuer template,
/// a JWKS whose keys carry their issuer), so a client validates the simulator's tokens exactly as it validates Entra's.
/// </summary>
internal sealed class SimulatedIssuer : IDisposable
{
    private const string TenantTemplate = "{tenantid}";
    private static readonly string[] MultiTenantAliases = ["common", "organizations", "consumers"];
    private readonly RSA key = RSA.Create(2048);
    private readonly string keyId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));

    /// <summary>Root of the simulator, e.g. <c>http://127.0.0.1:5123/</c>; known once Kestrel has bound its port.</summary>
    public Uri Root { get; set; } = new("http://127.0.0.1/");

    public string IssuerFor(string tenant) => $"{Root}{tenant}/v2.0";

    /// <summary>Signs the given claims as an RS256 JWT. The caller chooses every claim, including <c>iss</c> and <c>aud</c>.</summary>
    public string Sign(JsonObject claims)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = keyId, ["typ"] = "JWT" };
        var signed = $"{Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()))}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signed}.{Base64Url(signature)}";
    }

    public JsonObject Discovery(string tenant)
    {
        var issuerTenant = MultiTenantAliases.Contains(tenant, StringComparer.OrdinalIgnoreCase) ? TenantTemplate : tenant;
        return new JsonObject
        {
            ["issuer"] = IssuerFor(issuerTenant),
            ["authorization_endpoint"] = $"{Root}{tenant}/oauth2/v2.0/authorize",
            ["token_endpoint"] = $"{Root}{tenant}/oauth2/v2.0/token",
            ["jwks_uri"] = $"{Root}{tenant}/discovery/v2.0/keys",
            ["response_types_supported"] = new JsonArray("code", "id_token", "code id_token", "id_token token"),
            ["subject_types_supported"] = new JsonArray("pairwise"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "private_key_jwt", "client_secret_basic"),
            ["scopes_supported"] = new JsonArray("openid", "profile", "email", "offline_access"),
            ["tenant_region_scope"] = "EU",
        };
    }

    public JsonObject Keys()
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = keyId,
                ["n"] = Base64Url(parameters.Modulus!),
                ["e"] = Base64Url(parameters.Exponent!),
                // Entra attaches the issuer template to each key; validators check the token's tid against it.
                ["issuer"] = IssuerFor(TenantTemplate),
            }),
        };
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public void Dispose() => key.Dispose();
}

/// <summary><c>GET /{tenant}/v2.0/.well-known/openid-configuration</c> and <c>GET /{tenant}/discovery/v2.0/keys</c>.</summary>
internal static class IdentityEndpoints
{
    private static readonly JsonSerializerOptions Json = new();

    public static void MapIdentity(this IEndpointRouteBuilder app, SimulatedIssuer issuer)
    {
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", context =>
            context.Response.WriteAsJsonAsync(issuer.Discovery(context.Request.RouteValues["tenant"]?.ToString() ?? ""), Json));
        app.MapGet("/{tenant}/discovery/v2.0/keys", context => context.Response.WriteAsJsonAsync(issuer.Keys(), Json));
    }
}

using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using WorkplaceResilience.Api.Infrastructure;

namespace WorkplaceResilience.Api.Demo;

/// <summary>
/// The demo sign-in's tokens: Entra-shaped v2.0 access tokens signed by the Graph simulator, which publishes its key
/// the way Entra does. They go through Microsoft.Identity.Web's validation like any production token.
/// </summary>
public sealed class DemoTokens(DemoSimulator simulator, IOptionsMonitor<MicrosoftIdentityOptions> identity)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public (string Token, DateTimeOffset ExpiresAt) IssueForPerson(Guid tenantId, Guid userId, string name, IEnumerable<string> roles) =>
        Issue(tenantId, claims =>
        {
            claims["oid"] = userId.ToString();
            claims["sub"] = userId.ToString("N");
            claims["name"] = name;
            claims["scp"] = AuthenticationSetup.Scope;
            claims["roles"] = new JsonArray(roles.Select(r => (JsonNode)r).ToArray());
        });

    /// <summary>Any token the demo identity provider could sign: a base of Entra's v2.0 claims for the tenant, then <paramref name="shape"/>
    /// adds, changes or removes claims (tests mint other tenants' and app-only tokens with it).</summary>
    internal (string Token, DateTimeOffset ExpiresAt) Issue(Guid tenantId, Action<JsonObject> shape)
    {
        var server = simulator.Server ?? throw new InvalidOperationException("The demo simulator has not started.");
        // Token lifetimes are checked against real time, so not the (test-adjustable) TimeProvider.
        var now = DateTimeOffset.UtcNow;
        var expires = now.Add(Lifetime);
        var claims = new JsonObject
        {
            ["aud"] = Audience,
            ["iss"] = server.IssuerFor(tenantId),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["tid"] = tenantId.ToString(),
            ["ver"] = "2.0",
            ["azp"] = "5e3ce6c0-2b1f-4285-8d4b-75ee78787346", // Teams web client, as in a real Teams SSO token
            ["azpacr"] = "0",
        };
        shape(claims);
        return (server.SignToken(claims), expires);
    }

    private string Audience => identity.Get(JwtBearerDefaults.AuthenticationScheme).ClientId ?? AuthenticationSetup.DemoClientId;
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkplaceResilience.GraphSimulator.Tests.Infrastructure;

namespace WorkplaceResilience.GraphSimulator.Tests;

[Collection("simulator")]
public sealed class IdentityProviderTests(SimulatorFixture fixture)
{
    [Theory]
    [InlineData("organizations", "{tenantid}")]
    [InlineData("common", "{tenantid}")]
    [InlineData("0f4d1b7e-7a0e-4a55-9c3e-2f1b1a2b3c4d", "0f4d1b7e-7a0e-4a55-9c3e-2f1b1a2b3c4d")]
    public async Task Discovery_advertises_Entra_style_issuers_and_keys_that_carry_the_issuer_template(string tenant, string issuerTenant)
    {
        using var http = new HttpClient();
        var root = fixture.Server.IdentityInstance;
        var discovery = await http.GetFromJsonAsync<JsonElement>(new Uri(root, $"{tenant}/v2.0/.well-known/openid-configuration"));
        Assert.Equal($"{root}{issuerTenant}/v2.0", discovery.GetProperty("issuer").GetString());
        var keys = await http.GetFromJsonAsync<JsonElement>(discovery.GetProperty("jwks_uri").GetString());
        var key = keys.GetProperty("keys")[0];
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal($"{root}{{tenantid}}/v2.0", key.GetProperty("issuer").GetString());
    }

    [Fact]
    public void Signed_tokens_carry_the_callers_claims_and_the_published_key_id()
    {
        var tenant = fixture.Server.Tenant.TenantId;
        var token = fixture.Server.SignToken(new JsonObject { ["iss"] = fixture.Server.IssuerFor(tenant), ["tid"] = tenant.ToString() });
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        var payload = JsonNode.Parse(Decode(parts[1]))!;
        Assert.Equal($"{fixture.Server.IdentityInstance}{tenant}/v2.0", payload["iss"]!.GetValue<string>());
        Assert.Equal("RS256", JsonNode.Parse(Decode(parts[0]))!["alg"]!.GetValue<string>());
    }

    [Fact]
    public async Task ThrottleOnce_answers_one_429_with_Retry_After_then_serves_again()
    {
        var user = fixture.Server.Tenant.Users[1];
        using var http = new HttpClient();
        var token = (await (await http.PostAsync(fixture.Server.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "app", ["client_secret"] = "s", ["scope"] = "https://graph.microsoft.com/.default",
        }))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        fixture.Server.ThrottleOnce(user.Id, "mailboxSettings", TimeSpan.FromSeconds(2));
        var url = $"{fixture.Server.GraphBaseUrl}/users/{user.Id}/mailboxSettings";
        using var throttled = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), throttled.Headers.RetryAfter?.Delta);
        using var again = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    private static string Decode(string part) =>
        Encoding.UTF8.GetString(Convert.FromBase64String(part.Replace('-', '+').Replace('_', '/').PadRight(part.Length + (4 - part.Length % 4) % 4, '=')));
}

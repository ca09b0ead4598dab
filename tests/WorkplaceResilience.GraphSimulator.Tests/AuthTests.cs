using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Core;
using Microsoft.Graph.Models.ODataErrors;
using WorkplaceResilience.GraphSimulator.Tests.Infrastructure;

namespace WorkplaceResilience.GraphSimulator.Tests;

[Collection("simulator")]
public sealed class AuthTests(SimulatorFixture fixture)
{
    private sealed class BogusCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new("not-issued-here", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(GetToken(requestContext, cancellationToken));
    }

    [Fact]
    public async Task Requests_without_a_simulator_token_get_401_invalid_authentication_token()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync($"{fixture.Server.GraphBaseUrl}/users");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("InvalidAuthenticationToken", body.GetProperty("error").GetProperty("code").GetString());
        Assert.True(body.GetProperty("error").GetProperty("innerError").TryGetProperty("request-id", out _));

        var client = GraphClients.Create(fixture.Server, new BogusCredential());
        var error = await Assert.ThrowsAsync<ODataError>(() => client.Users.GetAsync());
        Assert.Equal(401, error.ResponseStatusCode);
        Assert.Equal("InvalidAuthenticationToken", error.Error!.Code);
    }

    [Fact]
    public async Task Token_endpoint_issues_bearer_tokens_and_rejects_bad_grants_and_tenants()
    {
        using var http = new HttpClient();
        FormUrlEncodedContent Form(string grant) => new(new Dictionary<string, string>
        {
            ["grant_type"] = grant,
            ["client_id"] = "app",
            ["client_secret"] = "secret",
            ["scope"] = "https://graph.microsoft.com/.default",
        });

        using var ok = await http.PostAsync(fixture.Server.TokenEndpoint, Form("client_credentials"));
        var token = await ok.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.Equal(3599, token.GetProperty("expires_in").GetInt32());
        Assert.False(string.IsNullOrEmpty(token.GetProperty("access_token").GetString()));

        using var badGrant = await http.PostAsync(fixture.Server.TokenEndpoint, Form("password"));
        Assert.Equal(HttpStatusCode.BadRequest, badGrant.StatusCode);
        Assert.Equal("unsupported_grant_type", (await badGrant.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        using var badTenant = await http.PostAsync(new Uri(fixture.Server.TokenEndpoint, $"/{Guid.NewGuid()}/oauth2/v2.0/token"), Form("client_credentials"));
        Assert.Equal(HttpStatusCode.BadRequest, badTenant.StatusCode);
        Assert.Equal("invalid_request", (await badTenant.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }
}

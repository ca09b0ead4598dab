using System.Net.Http.Json;
using System.Text.Json;
using Azure.Core;

namespace WorkplaceResilience.GraphSimulator.Tests.Infrastructure;

/// <summary>Client-credentials flow against the simulator's token endpoint (MSAL refuses http authorities), with a token cache.</summary>
public sealed class SimulatorTokenCredential(Uri tokenEndpoint, HttpClient? httpClient = null) : TokenCredential
{
    private readonly HttpClient http = httpClient ?? new HttpClient();
    private readonly SemaphoreSlim gate = new(1, 1);
    private AccessToken? cached;

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (cached is { } token && token.ExpiresOn > DateTimeOffset.UtcNow.AddMinutes(5))
            {
                return token;
            }

            using var response = await http.PostAsync(tokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "11111111-2222-3333-4444-555555555555",
                ["client_secret"] = "demo-secret",
                ["scope"] = string.Join(' ', requestContext.Scopes),
            }), cancellationToken);
            response.EnsureSuccessStatusCode();
            var json = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            cached = new AccessToken(json.GetProperty("access_token").GetString()!, DateTimeOffset.UtcNow.AddSeconds(json.GetProperty("expires_in").GetInt32()));
            return cached.Value;
        }
        finally
        {
            gate.Release();
        }
    }
}

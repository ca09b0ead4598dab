using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Azure.Core;

namespace WorkplaceResilience.Api.Graph;

/// <summary>
/// Client-credentials flow against the Graph simulator's token endpoint. Used only in demo mode and tests;
/// production uses Azure.Identity's credentials against Entra ID.
/// </summary>
public sealed class SimulatorCredential(HttpClient http, Uri tokenEndpoint, string clientId) : TokenCredential
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private AccessToken cached;

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        if (cached.ExpiresOn > DateTimeOffset.UtcNow.AddMinutes(5)) return cached;
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (cached.ExpiresOn > DateTimeOffset.UtcNow.AddMinutes(5)) return cached;
            using var response = await http.PostAsync(tokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = clientId,
                ["client_secret"] = "demo",
                ["scope"] = string.Join(' ', requestContext.Scopes),
            }), cancellationToken);
            response.EnsureSuccessStatusCode();
            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
                ?? throw new InvalidOperationException("The simulator's token endpoint returned no token.");
            cached = new AccessToken(token.AccessToken, DateTimeOffset.UtcNow.AddSeconds(token.ExpiresIn));
            return cached;
        }
        finally
        {
            gate.Release();
        }
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}

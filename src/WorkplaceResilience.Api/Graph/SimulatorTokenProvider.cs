using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Kiota.Abstractions.Authentication;

namespace WorkplaceResilience.Api.Graph;

/// <summary>
/// Client-credentials flow against the Graph simulator's token endpoint, for demo mode and tests only: MSAL (behind
/// Microsoft.Identity.Web) refuses http authorities, and the simulator listens on loopback http.
/// </summary>
internal sealed class SimulatorTokenProvider(HttpClient http, Uri tokenEndpoint, string graphHost) : IAccessTokenProvider
{
    public const string HttpClientName = "graph-simulator-token";
    private readonly SemaphoreSlim gate = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt) cached;

    public AllowedHostsValidator AllowedHostsValidator { get; } = new([graphHost]);

    public async Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null,
        CancellationToken cancellationToken = default)
    {
        if (!AllowedHostsValidator.IsUrlHostValid(uri)) return string.Empty;
        if (cached.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(5)) return cached.Token;
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (cached.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(5)) return cached.Token;
            using var response = await http.PostAsync(tokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "demo-app",
                ["client_secret"] = "demo",
                ["scope"] = "https://graph.microsoft.com/.default",
            }), cancellationToken);
            response.EnsureSuccessStatusCode();
            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
                ?? throw new InvalidOperationException("The simulator's token endpoint returned no token.");
            cached = (token.AccessToken, DateTimeOffset.UtcNow.AddSeconds(token.ExpiresIn));
            return cached.Token;
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

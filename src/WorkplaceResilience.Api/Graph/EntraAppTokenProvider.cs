using Microsoft.Identity.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;

namespace WorkplaceResilience.Api.Graph;

/// <summary>
/// App-only Graph tokens for one customer tenant from Microsoft.Identity.Web's token acquisition (MSAL with the
/// credentials in AzureAd:ClientCredentials: managed-identity federation, certificate or secret), cached by MSAL.
/// Identity.Web registers its header provider per scope (it serves requests too), so each token is asked for in a
/// scope of its own; MSAL's token cache is shared, so that costs no extra token request.
/// </summary>
internal sealed class EntraAppTokenProvider(IServiceScopeFactory scopes, Guid tenantId, string graphHost) : IAccessTokenProvider
{
    private const string Scope = "https://graph.microsoft.com/.default";
    private const string BearerPrefix = "Bearer ";

    public AllowedHostsValidator AllowedHostsValidator { get; } = new([graphHost]);

    public async Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null,
        CancellationToken cancellationToken = default)
    {
        if (!AllowedHostsValidator.IsUrlHostValid(uri)) return string.Empty;
        if (uri.Scheme != Uri.UriSchemeHttps) throw new ArgumentException("Graph tokens are only sent over HTTPS.", nameof(uri));
        using var scope = scopes.CreateScope();
        var headers = scope.ServiceProvider.GetRequiredService<IAuthorizationHeaderProvider>();
        var header = await headers.CreateAuthorizationHeaderForAppAsync(Scope, new AuthorizationHeaderProviderOptions
        {
            AcquireTokenOptions = new AcquireTokenOptions { Tenant = tenantId.ToString() },
        }, cancellationToken);
        return header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? header[BearerPrefix.Length..] : header;
    }
}

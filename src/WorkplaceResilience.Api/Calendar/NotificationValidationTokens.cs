using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using WorkplaceResilience.Api.Infrastructure;

namespace WorkplaceResilience.Api.Calendar;

/// <summary>What the validation tokens of a collection with resource data say.</summary>
public enum TokenVerdict { Valid, Invalid, KeysUnknown }

/// <summary>
/// Checks the <c>validationTokens</c> Graph puts in a notification collection that carries resource data, as Microsoft
/// documents: each an RS256 JWT signed with a key of the identity platform (discovery at
/// <c>{AzureAd:Instance}common/v2.0/.well-known/openid-configuration</c>: Entra's in production, the simulator's in demo),
/// within its lifetime, audience our app's client id, issuer <c>{Instance}{tenantId}/v2.0</c> of the notifications'
/// tenant, and <c>azp</c> (v1: <c>appid</c>) Graph's change-tracking app. Every tenant with resource data in the
/// collection needs one valid token. The signing keys are fetched at start and refreshed hourly in the background, so a
/// check never waits on the network; until they are known, and for a token signed with a key not (yet) among them, it
/// answers <see cref="TokenVerdict.KeysUnknown"/>: nothing is processed, and Graph sends the collection again later.
/// </summary>
public sealed class NotificationValidationTokens(
    IOptionsMonitor<MicrosoftIdentityOptions> identity, IHttpClientFactory httpClients, TimeProvider clock, ILogger<NotificationValidationTokens> logger)
    : BackgroundService
{
    /// <summary>Microsoft Graph's change-tracking application: the only app that issues validation tokens.</summary>
    public const string ChangeTrackingAppId = "0bf30f3b-4a52-48df-9a82-234910c4a086";

    private static readonly TimeSpan RefreshEvery = TimeSpan.FromHours(1);
    private static readonly TimeSpan MinimumBetweenFetches = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };
    private readonly SemaphoreSlim refreshNow = new(0, 1);
    private volatile IReadOnlyList<SecurityKey>? keys;

    private MicrosoftIdentityOptions Identity => identity.Get(JwtBearerDefaults.AuthenticationScheme);

    private string Instance => (Identity.Instance ?? "https://login.microsoftonline.com/").TrimEnd('/') + "/";

    public string MetadataAddress => $"{Instance}common/v2.0/.well-known/openid-configuration";

    /// <summary>Checks the collection's tokens against the tenants whose notifications carry resource data; CPU only.</summary>
    public async Task<TokenVerdict> CheckAsync(IReadOnlyList<string> tokens, IReadOnlyCollection<Guid> tenants)
    {
        if (keys is not { } signingKeys) return TokenVerdict.KeysUnknown;
        var issuers = tenants.ToDictionary(t => $"{Instance}{t}/v2.0", t => t, StringComparer.Ordinal);
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKeys = signingKeys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidAudience = Identity.ClientId,
            ValidIssuers = issuers.Keys,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            // The host's clock (a simulated one in tests and the benchmark), not the machine's.
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return expires is { } end && now <= end + ClockSkew && (notBefore is not { } start || now >= start - ClockSkew);
            },
        };
        var covered = new HashSet<Guid>();
        var unknownKey = false;
        foreach (var token in tokens)
        {
            var result = await handler.ValidateTokenAsync(token, parameters);
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
            {
                // Signed with a key we have not fetched: the keys may have rolled over. Nothing is processed, but Graph is
                // asked to send again (503) once the keys are fetched anew, rather than told the collection is forged.
                RequestRefresh();
                unknownKey = true;
                continue;
            }
            if (!result.IsValid) return TokenVerdict.Invalid;
            var jwt = (JsonWebToken)result.SecurityToken;
            var app = jwt.TryGetPayloadValue<string>("azp", out var azp) ? azp : jwt.TryGetPayloadValue<string>("appid", out var appId) ? appId : null;
            if (!string.Equals(app, ChangeTrackingAppId, StringComparison.OrdinalIgnoreCase)) return TokenVerdict.Invalid;
            if (!issuers.TryGetValue(jwt.Issuer, out var tenant)) return TokenVerdict.Invalid;
            covered.Add(tenant);
        }
        return unknownKey ? TokenVerdict.KeysUnknown : covered.Count == tenants.Count ? TokenVerdict.Valid : TokenVerdict.Invalid;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RefreshKeysAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping (also when the host is disposed without being stopped first): not a failure.
        }
    }

    private async Task RefreshKeysAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = RefreshEvery;
            try
            {
                var address = MetadataAddress;
                var documents = new HttpDocumentRetriever(httpClients.CreateClient(nameof(NotificationValidationTokens)))
                {
                    RequireHttps = address.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || !IsLoopback(address),
                };
                var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(address, documents, stoppingToken);
                if (configuration.SigningKeys.Count == 0) throw new InvalidOperationException("The discovery document lists no signing keys.");
                keys = configuration.SigningKeys.ToList();
            }
            catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(error, "Fetching the signing keys of Graph's validation tokens failed; retrying in {Seconds} s", MinimumBetweenFetches.TotalSeconds);
                wait = MinimumBetweenFetches;
            }
            // The next fetch: after RefreshEvery, or sooner when a token names an unknown key, but never within MinimumBetweenFetches.
            await Task.Delay(MinimumBetweenFetches, stoppingToken);
            await refreshNow.WaitAsync(wait - MinimumBetweenFetches, stoppingToken);
        }
    }

    private void RequestRefresh()
    {
        try
        {
            refreshNow.Release();
        }
        catch (SemaphoreFullException)
        {
            // A refresh is already asked for.
        }
    }

    /// <summary>Plain http only for the demo's simulator on this machine.</summary>
    private static bool IsLoopback(string address) => Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.IsLoopback;
}

using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using WorkplaceResilience.Api.Infrastructure;

namespace WorkplaceResilience.Api.Graph;

/// <summary>
/// One <see cref="GraphServiceClient"/> per customer tenant, each with app-only tokens for that tenant from
/// Microsoft.Identity.Web. In demo mode the base URL and the token endpoint are the in-process Graph simulator's.
/// </summary>
public sealed class GraphClients(
    IOptions<GraphOptions> options, IOptions<DemoOptions> demo, IHttpClientFactory httpClients, GraphEndpoint endpoint,
    IServiceScopeFactory scopes, GraphCredentialStatus credentialStatus)
{
    public const string HttpClientName = "graph";
    private readonly ConcurrentDictionary<Guid, GraphServiceClient> clients = new();

    public GraphServiceClient For(Guid tenantId)
    {
        // In demo mode the simulator answers for its own tenant only; a real tenant in the same database is never
        // sent to it (nor, from a demo process, to real Graph).
        if (demo.Value.Enabled && endpoint.DemoTenantId != tenantId)
            throw new InvalidOperationException($"Demo mode serves only the demo tenant; tenant {tenantId} is not synced by this process.");
        return clients.GetOrAdd(tenantId, Create);
    }

    /// <summary>
    /// Whether the service gets an app-only Graph token for the tenant, which Entra issues only once an admin of that
    /// tenant has consented. Used to check a consent callback, which anyone can call with any tenant id; it neither
    /// caches a client nor touches readiness's credential status, so unknown tenants leave nothing behind.
    /// </summary>
    public async Task<bool> CanActForAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        if (demo.Value.Enabled && endpoint.DemoTenantId != tenantId) return false;
        var baseUrl = BaseUrl;
        try
        {
            var token = await Tokens(tenantId, baseUrl).GetAuthorizationTokenAsync(baseUrl, cancellationToken: cancellationToken);
            return !string.IsNullOrEmpty(token);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return false;
        }
    }

    private Uri BaseUrl => endpoint.GraphBaseUrl ?? new Uri(options.Value.BaseUrl);

    private IAccessTokenProvider Tokens(Guid tenantId, Uri baseUrl) => endpoint.TokenEndpoint is { } simulatorTokens
        ? new SimulatorTokenProvider(httpClients.CreateClient(SimulatorTokenProvider.HttpClientName), simulatorTokens, baseUrl.Host)
        : new EntraAppTokenProvider(scopes, tenantId, baseUrl.Host);

    private GraphServiceClient Create(Guid tenantId)
    {
        var baseUrl = BaseUrl;
        var tokens = new RecordedTokens(Tokens(tenantId, baseUrl), tenantId, credentialStatus);
        return new GraphServiceClient(httpClients.CreateClient(HttpClientName), new BaseBearerTokenAuthenticationProvider(tokens),
            baseUrl.ToString().TrimEnd('/'));
    }
}

/// <summary>Tells readiness whether Graph tokens are being issued for the tenant.</summary>
internal sealed class RecordedTokens(IAccessTokenProvider inner, Guid tenantId, GraphCredentialStatus status) : IAccessTokenProvider
{
    public AllowedHostsValidator AllowedHostsValidator => inner.AllowedHostsValidator;

    public async Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null,
        CancellationToken cancellationToken = default)
    {
        try
        {
            var token = await inner.GetAuthorizationTokenAsync(uri, additionalAuthenticationContext, cancellationToken);
            status.Succeeded(tenantId);
            return token;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            status.Failed(tenantId, error);
            throw;
        }
    }
}

/// <summary>Where Graph is: set by the demo simulator when it starts, otherwise empty (real Graph and Entra ID).</summary>
public sealed class GraphEndpoint
{
    public Uri? GraphBaseUrl { get; set; }
    public Uri? TokenEndpoint { get; set; }
    /// <summary>The demo identity provider's instance, standing in for https://login.microsoftonline.com/.</summary>
    public Uri? IdentityInstance { get; set; }
    /// <summary>The simulator's tenant, in demo mode: the only tenant the jobs of a demo process touch.</summary>
    public Guid? DemoTenantId { get; set; }

    /// <summary>Whether this process syncs and notifies the tenant (outside demo mode: every tenant).</summary>
    public bool Serves(Guid tenantId) => DemoTenantId is null || DemoTenantId == tenantId;
}

public static class GraphSetup
{
    /// <summary>
    /// The Graph HttpClient carries the Graph SDK's default middleware (retry honouring Retry-After, redirect,
    /// telemetry…) through IHttpClientFactory, which manages the handlers' lifetimes; innermost, a handler that counts
    /// requests by route for the <c>WorkplaceResilience</c> meter. HttpClient's own per-request logs name people in
    /// their URLs, so those loggers are removed.
    /// </summary>
    public static IServiceCollection AddGraphClients(this IServiceCollection services)
    {
        services.AddSingleton<GraphEndpoint>();
        services.AddSingleton<GraphClients>();
        services.AddHttpClient(GraphClients.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // The SDK's redirect handler follows redirects itself (dropping the token on a host change).
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .ConfigureAdditionalHttpMessageHandlers((handlers, _) =>
            {
                foreach (var handler in GraphClientFactory.CreateDefaultHandlers()) handlers.Add(handler);
                handlers.Add(new GraphTrafficHandler());
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        services.AddHttpClient(SimulatorTokenProvider.HttpClientName).RemoveAllLoggers();
        return services;
    }
}

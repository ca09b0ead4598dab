using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Identity.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using WorkplaceResilience.Api.Infrastructure;

namespace WorkplaceResilience.Api.Graph;

/// <summary>
/// One <see cref="GraphServiceClient"/> per customer tenant, each with app-only tokens for that tenant from
/// Microsoft.Identity.Web. In demo mode the base URL and the token endpoint are the in-process Graph simulator's.
/// </summary>
public sealed class GraphClients(
    IOptions<GraphOptions> options, IHttpClientFactory httpClients, GraphEndpoint endpoint, IServiceScopeFactory scopes) : IDisposable
{
    public const string HttpClientName = "graph";
    private readonly ConcurrentDictionary<Guid, GraphServiceClient> clients = new();
    // Identity.Web registers the header provider as scoped (Development's scope validation refuses it in a singleton);
    // app-only tokens need no request, so one scope lives as long as this singleton.
    private readonly Lazy<IServiceScope> tokenScope = new(scopes.CreateScope);

    public void Dispose()
    {
        if (tokenScope.IsValueCreated) tokenScope.Value.Dispose();
    }

    public GraphServiceClient For(Guid tenantId) => clients.GetOrAdd(tenantId, Create);

    private GraphServiceClient Create(Guid tenantId)
    {
        var baseUrl = endpoint.GraphBaseUrl ?? new Uri(options.Value.BaseUrl);
        IAccessTokenProvider tokens = endpoint.TokenEndpoint is { } simulatorTokens
            ? new SimulatorTokenProvider(httpClients.CreateClient(SimulatorTokenProvider.HttpClientName), simulatorTokens, baseUrl.Host)
            : new EntraAppTokenProvider(
                tokenScope.Value.ServiceProvider.GetRequiredService<IAuthorizationHeaderProvider>(), tenantId, baseUrl.Host);
        return new GraphServiceClient(httpClients.CreateClient(HttpClientName), new BaseBearerTokenAuthenticationProvider(tokens),
            baseUrl.ToString().TrimEnd('/'));
    }
}

/// <summary>Where Graph is: set by the demo simulator when it starts, otherwise empty (real Graph and Entra ID).</summary>
public sealed class GraphEndpoint
{
    public Uri? GraphBaseUrl { get; set; }
    public Uri? TokenEndpoint { get; set; }
    /// <summary>The demo identity provider's instance, standing in for https://login.microsoftonline.com/.</summary>
    public Uri? IdentityInstance { get; set; }
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

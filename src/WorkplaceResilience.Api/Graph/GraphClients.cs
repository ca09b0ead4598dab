using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;
using WorkplaceResilience.Api.Infrastructure;

namespace WorkplaceResilience.Api.Graph;

/// <summary>
/// One <see cref="GraphServiceClient"/> per customer tenant, each with an app-only credential for that tenant.
/// In demo mode the credential and base URL point at the in-process Graph simulator.
/// </summary>
public sealed class GraphClients(
    IOptions<GraphOptions> options, IHttpClientFactory httpClients, GraphEndpoint endpoint)
{
    private static readonly string[] Scopes = ["https://graph.microsoft.com/.default"];
    private readonly ConcurrentDictionary<Guid, GraphServiceClient> clients = new();

    public GraphServiceClient For(Guid tenantId) => clients.GetOrAdd(tenantId, Create);

    private GraphServiceClient Create(Guid tenantId)
    {
        var baseUrl = endpoint.GraphBaseUrl ?? new Uri(options.Value.BaseUrl);
        var credential = endpoint.TokenEndpoint is { } simulatorTokens
            ? new SimulatorCredential(httpClients.CreateClient("graph-auth"), simulatorTokens, options.Value.ClientId ?? "demo-app")
            : CreateEntraCredential(tenantId, options.Value);
        var auth = new AzureIdentityAuthenticationProvider(credential, allowedHosts: [baseUrl.Host], scopes: Scopes);
        return new GraphServiceClient(httpClients.CreateClient("graph"), auth, baseUrl.ToString().TrimEnd('/'));
    }

    private static TokenCredential CreateEntraCredential(Guid tenantId, GraphOptions graph)
    {
        var clientId = graph.ClientId ?? throw new InvalidOperationException("Graph:ClientId is not configured.");
        var authority = new Uri(graph.AuthorityHost);
        var tenant = tenantId.ToString();
        return graph.CredentialType switch
        {
            "ClientSecret" => new ClientSecretCredential(tenant, clientId,
                graph.ClientSecret ?? throw new InvalidOperationException("Graph:ClientSecret is not configured."),
                new ClientSecretCredentialOptions { AuthorityHost = authority }),
            "Certificate" => new ClientCertificateCredential(tenant, clientId,
                X509CertificateLoader.LoadPkcs12FromFile(
                    graph.CertificatePath ?? throw new InvalidOperationException("Graph:CertificatePath is not configured."), null),
                new ClientCertificateCredentialOptions { AuthorityHost = authority }),
            "WorkloadIdentity" => new WorkloadIdentityCredential(new WorkloadIdentityCredentialOptions
            {
                TenantId = tenant, ClientId = clientId, AuthorityHost = authority,
            }),
            "ManagedIdentity" => new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)),
            var other => throw new InvalidOperationException(
                $"Graph:CredentialType '{other}' is not one of ClientSecret, Certificate, ManagedIdentity, WorkloadIdentity."),
        };
    }
}

/// <summary>Where Graph is: set by the demo simulator when it starts, otherwise empty (real Graph).</summary>
public sealed class GraphEndpoint
{
    public Uri? GraphBaseUrl { get; set; }
    public Uri? TokenEndpoint { get; set; }
}

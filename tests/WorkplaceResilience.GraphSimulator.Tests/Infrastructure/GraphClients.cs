using System.Net.Http.Headers;
using System.Text.Json;
using Azure.Core;
using Microsoft.Graph;
using Microsoft.Graph.Authentication;

namespace WorkplaceResilience.GraphSimulator.Tests.Infrastructure;

/// <summary>Builds the real Graph SDK client against a simulator, exactly as the service does.</summary>
public static class GraphClients
{
    public static GraphServiceClient Create(GraphSimulatorServer server, TokenCredential? credential = null)
    {
        credential ??= new SimulatorTokenCredential(server.TokenEndpoint);
        var authProvider = new AzureIdentityAuthenticationProvider(
            credential,
            allowedHosts: ["127.0.0.1"],
            observabilityOptions: null,
            isCaeEnabled: false, // names the overload (the call is ambiguous without it); the simulator issues no CAE claims
            scopes: ["https://graph.microsoft.com/.default"]);
        var httpClient = GraphClientFactory.Create(); // Graph's middleware: retry (429/503/504 + Retry-After), redirect, compression…
        return new GraphServiceClient(httpClient, authProvider, server.GraphBaseUrl.ToString());
    }

    /// <summary>A plain HttpClient with a simulator bearer token, for raw-payload assertions.</summary>
    public static async Task<HttpClient> RawAsync(GraphSimulatorServer server)
    {
        var credential = new SimulatorTokenCredential(server.TokenEndpoint);
        var token = await credential.GetTokenAsync(new TokenRequestContext(["https://graph.microsoft.com/.default"]), CancellationToken.None);
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return http;
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} from {url}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

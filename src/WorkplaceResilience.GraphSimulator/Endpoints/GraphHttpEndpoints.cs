using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkplaceResilience.GraphSimulator.Http;

namespace WorkplaceResilience.GraphSimulator.Endpoints;

/// <summary>Maps <c>/v1.0/{**path}</c>: checks the bearer token, turns the HTTP request into a <see cref="GraphRequest"/>, dispatches it and writes the answer.</summary>
internal static class GraphHttpEndpoints
{
    public const string JsonContentType = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

    public static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static IEnumerable<GraphRoute> AllRoutes() =>
    [
        .. UserEndpoints.Routes(),
        .. GroupEndpoints.Routes(),
        .. MailboxSettingsEndpoints.Routes(),
        .. DeltaEndpoints.Routes(),
        .. CalendarViewEndpoints.Routes(),
        .. EventWriteEndpoints.Routes(),
        .. BatchEndpoint.Routes(),
        .. PresenceEndpoints.Routes(),
        .. TeamworkEndpoints.Routes(),
        .. Subscriptions.SubscriptionEndpoints.Routes(),
    ];

    public static void MapGraph(this IEndpointRouteBuilder app, SimulatorState state, Func<string> baseUrl)
    {
        app.Map("/v1.0/{**path}", async context =>
        {
            var request = context.Request;
            if (!state.Tokens.IsValid(request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null))
            {
                var message = request.Headers.Authorization.Count == 0 ? "Access token is empty." : "Access token validation failure. Invalid audience.";
                var unauthorized = GraphErrors.Response(401, "InvalidAuthenticationToken", message, Guid.NewGuid().ToString(), request.Headers["client-request-id"].FirstOrDefault());
                unauthorized.Headers["WWW-Authenticate"] = "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\"";
                await WriteAsync(context, unauthorized);
                return;
            }

            JsonNode? body = null;
            if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
            {
                try
                {
                    body = await JsonNode.ParseAsync(request.Body, cancellationToken: context.RequestAborted);
                }
                catch (JsonException)
                {
                    await WriteAsync(context, GraphErrors.Response(400, "BadRequest", "Unable to read JSON request payload.", Guid.NewGuid().ToString()));
                    return;
                }
            }

            var graphRequest = new GraphRequest
            {
                Method = request.Method,
                Path = (request.Path.Value ?? "")["/v1.0".Length..].TrimStart('/'),
                Query = GraphRequest.ParseQuery(request.QueryString.Value),
                Headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                Body = body,
                BaseUrl = baseUrl(),
            };
            await WriteAsync(context, await state.Dispatcher.DispatchAsync(graphRequest));
        });
    }

    private static async Task WriteAsync(HttpContext context, GraphResponse response)
    {
        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.Headers["OData-Version"] = "4.0";
        if (response.Body is not null)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(response.Body, Json);
            context.Response.ContentType = JsonContentType;
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }
}

using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkplaceResilience.GraphSimulator.Http;

namespace WorkplaceResilience.GraphSimulator.Endpoints;

/// <summary>
/// <c>POST /{tenant}/oauth2/v2.0/token</c>, the Entra ID client-credentials flow: form fields grant_type=client_credentials,
/// client_id, client_secret (any non-empty values), scope ending in <c>/.default</c>. Tenant is the tenant id or the
/// onmicrosoft.com domain. Errors use the OAuth shape (<c>error</c>, <c>error_description</c>, <c>error_codes</c>…).
/// </summary>
internal static class TokenEndpoint
{
    public static void MapToken(this IEndpointRouteBuilder app, SimulatorState state)
    {
        app.MapPost("/{tenant}/oauth2/v2.0/token", async context =>
        {
            state.Count("token");
            var tenant = context.Request.RouteValues["tenant"]?.ToString() ?? "";
            if (!context.Request.HasFormContentType)
            {
                await ErrorAsync(context, "invalid_request", 900144, "AADSTS900144: The request body must contain the following parameter: 'grant_type'.");
                return;
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var knownTenant = tenant.Equals(state.Tenant.TenantId.ToString(), StringComparison.OrdinalIgnoreCase)
                || tenant.Equals(Tenant.DemoOrganisation.Domain, StringComparison.OrdinalIgnoreCase);
            var (error, code, description) = (form["grant_type"].ToString(), form["client_id"].ToString(), form["client_secret"].ToString(), form["scope"].ToString()) switch
            {
                _ when !knownTenant => ("invalid_request", 90002, $"AADSTS90002: Tenant '{tenant}' not found."),
                (var g, _, _, _) when g != "client_credentials" => ("unsupported_grant_type", 70003, $"AADSTS70003: The app requested an unsupported grant type '{g}'."),
                (_, "", _, _) => ("invalid_request", 900144, "AADSTS900144: The request body must contain the following parameter: 'client_id'."),
                (_, _, "", _) when form["client_assertion"].Count == 0 => ("invalid_client", 7000216, "AADSTS7000216: 'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type."),
                (_, _, _, var s) when !s.EndsWith("/.default", StringComparison.Ordinal) => ("invalid_scope", 1002012, $"AADSTS1002012: The provided value for scope '{s}' is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier."),
                _ => ("", 0, ""),
            };
            if (error.Length > 0)
            {
                await ErrorAsync(context, error, code, description);
                return;
            }

            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = (int)TokenService.Lifetime.TotalSeconds,
                ["ext_expires_in"] = (int)TokenService.Lifetime.TotalSeconds,
                ["access_token"] = state.Tokens.Issue(),
            });
        });
    }

    private static Task ErrorAsync(HttpContext context, string error, int code, string description)
    {
        context.Response.StatusCode = 400;
        var traceId = Guid.NewGuid().ToString();
        return context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["error"] = error,
            ["error_description"] = $"{description}\r\nTrace ID: {traceId}\r\nTimestamp: {DateTime.UtcNow:yyyy-MM-dd HH:mm:ssZ}",
            ["error_codes"] = new JsonArray(code),
            ["timestamp"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["trace_id"] = traceId,
            ["correlation_id"] = Guid.NewGuid().ToString(),
        });
    }
}

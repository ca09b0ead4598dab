using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace WorkplaceResilience.GraphSimulator.Endpoints;

/// <summary>Unauthenticated views for people watching the demo: <c>/_simulator/notifications</c>, <c>/_simulator/tenant</c>, <c>/_simulator/requests</c>.</summary>
internal static class SimulatorEndpoints
{
    public static void MapSimulatorViews(this IEndpointRouteBuilder app, SimulatorState state)
    {
        app.MapGet("/_simulator/notifications", context =>
            context.Response.WriteAsJsonAsync(state.Notifications(), GraphHttpEndpoints.Json));
        app.MapGet("/_simulator/tenant", context =>
            context.Response.WriteAsJsonAsync(state.Tenant, GraphHttpEndpoints.Json));
        app.MapGet("/_simulator/requests", context =>
            context.Response.WriteAsJsonAsync(state.RequestCounts(), GraphHttpEndpoints.Json));
    }
}

using System.Text.Json.Nodes;
using WorkplaceResilience.GraphSimulator.Http;
using WorkplaceResilience.GraphSimulator.Tenant;

namespace WorkplaceResilience.GraphSimulator.Endpoints;

/// <summary>
/// <c>POST /communications/getPresencesByUserId</c> (≤650 ids) and <c>GET /users/{id}/presence</c>, derived
/// deterministically from the calendar at the simulated "now": an OOF event → Offline/OutOfOffice; a busy focus
/// block → DoNotDisturb/DoNotDisturb; another busy event → Busy/InAMeeting; outside working hours → Away/Away;
/// otherwise Available/Available. Unknown ids → PresenceUnknown. A presence set with
/// <see cref="GraphSimulatorServer.SetPresence"/> (a call or a presentation the calendar does not show) wins.
/// </summary>
internal static class PresenceEndpoints
{
    public const int MaxIds = 650;

    public static IEnumerable<GraphRoute> Routes() =>
    [
        new("POST", "communications/getPresencesByUserId", "presence", false, ManyAsync),
        new("GET", "users/{userId}/presence", "presence", false, OneAsync),
    ];

    private static Task<GraphResponse> ManyAsync(SimulatorState state, GraphRequest request)
    {
        if (request.Body?["ids"] is not JsonArray ids)
        {
            throw GraphErrors.BadRequest("The request body needs an 'ids' array.");
        }

        if (ids.Count == 0 || ids.Count > MaxIds)
        {
            throw GraphErrors.BadRequest($"The number of ids must be between 1 and {MaxIds}; got {ids.Count}.");
        }

        var value = ids.Select(id => (JsonNode?)Render(state, id?.ToString() ?? "")).ToArray();
        return Task.FromResult(GraphResponse.Ok(new JsonObject
        {
            ["@odata.context"] = $"{request.BaseUrl}/$metadata#Collection(presence)",
            ["value"] = new JsonArray(value),
        }));
    }

    private static Task<GraphResponse> OneAsync(SimulatorState state, GraphRequest request)
    {
        var id = request.RouteValues["userId"];
        _ = state.FindUser(id) ?? throw GraphErrors.DirectoryObjectNotFound(id);
        var body = Render(state, id);
        body.Insert(0, "@odata.context", $"{request.BaseUrl}/$metadata#users('{id}')/presence/$entity");
        return Task.FromResult(GraphResponse.Ok(body));
    }

    private static JsonObject Render(SimulatorState state, string id)
    {
        var profile = state.FindUser(id);
        var (availability, activity) = profile is null ? ("PresenceUnknown", "PresenceUnknown") : Compute(state, profile);
        return new JsonObject
        {
            ["id"] = profile?.User.Id.ToString() ?? id,
            ["availability"] = availability,
            ["activity"] = activity,
            ["statusMessage"] = null,
            ["outOfOfficeSettings"] = new JsonObject { ["message"] = null, ["isOutOfOffice"] = activity == "OutOfOffice" },
        };
    }

    public static (string Availability, string Activity) Compute(SimulatorState state, MailboxProfile profile)
    {
        if (state.PresenceOverrides.TryGetValue(profile.User.Id, out var set))
        {
            return set;
        }

        var now = state.Now;
        var current = state.Store.View(profile.User.Id, now, now.AddTicks(1))
            .Where(e => !e.IsCancelled && e.Response != "declined")
            .ToList();
        if (current.Any(e => e.ShowAs == "oof"))
        {
            return ("Offline", "OutOfOffice");
        }

        var busy = current.Where(e => e.ShowAs == "busy" && !e.IsAllDay).ToList();
        if (busy.Any(e => e.Subject.StartsWith("Focus time", StringComparison.Ordinal)))
        {
            return ("DoNotDisturb", "DoNotDisturb");
        }

        if (busy.Count > 0)
        {
            return ("Busy", "InAMeeting");
        }

        return profile.IsWorkingTime(now) ? ("Available", "Available") : ("Away", "Away");
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using WorkplaceResilience.GraphSimulator.Http;
using WorkplaceResilience.GraphSimulator.Tenant;

namespace WorkplaceResilience.GraphSimulator.Endpoints;

/// <summary>
/// <c>GET /users/delta</c>: the first round pages every present user (<c>$skiptoken</c>) and ends with an
/// <c>@odata.deltaLink</c>; a round from a delta token returns the users changed since, deleted ones as
/// <c>{"id", "@removed": {"reason": "changed"}}</c>. With <c>manager</c> in <c>$select</c> the first round carries each
/// user's manager and later rounds a changed one, as <c>manager@delta</c> (a removed manager with <c>@removed</c>). An
/// unknown or expired token is answered as Graph answers directory delta: 400 <c>syncStateNotFound</c>.
/// </summary>
internal static class UserDeltaEndpoints
{
    private const int PageSize = 200;
    private const string Initial = "users-initial", Changes = "users-changes", Delta = "users-delta";

    public static IEnumerable<GraphRoute> Routes() => [new("GET", "users/delta", "users-delta", false, DeltaAsync)];

    private static Task<GraphResponse> DeltaAsync(SimulatorState state, GraphRequest request)
    {
        var token = request.QueryValue("$skiptoken") ?? request.QueryValue("$deltatoken");
        var select = ODataQuery.Select(request);
        DeltaState sync;
        if (token is null)
        {
            sync = new DeltaState(Initial, Guid.Empty, DateTimeOffset.MinValue, DateTimeOffset.MinValue, 0, state.Directory.CurrentVersion, "0", PageSize);
        }
        else
        {
            var expired = request.QueryValue("$deltatoken") is not null && state.Faults.Roll(f => f.DeltaTokenExpiryRate);
            sync = !expired && state.DeltaTokens.Decode(token) is { } decoded && decoded.UserId == Guid.Empty && decoded.Kind.StartsWith("users-", StringComparison.Ordinal)
                ? decoded
                : throw GraphErrors.BadRequest("The sync state generation is not found. The delta token is expired and data must be synchronized again.", "syncStateNotFound");
            if (sync.Kind == Delta) sync = sync with { Kind = Changes, Upto = state.Directory.CurrentVersion, Cursor = sync.Since.ToString(CultureInfo.InvariantCulture) };
        }

        var withManager = select?.Contains("manager") == true;
        var cursor = long.Parse(sync.Cursor, CultureInfo.InvariantCulture);
        List<JsonObject> page;
        string? next;
        if (sync.Kind == Initial)
        {
            var (entries, position) = state.Directory.Page((int)cursor, sync.PageSize);
            page = entries.Select(e => Render(state, e, select, withManager, initial: true)).ToList();
            next = position?.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            var entries = state.Directory.ChangedBetween(cursor, sync.Upto, sync.PageSize);
            page = entries.Select(e => Render(state, e, select, withManager, initial: false)).ToList();
            next = entries.Count == sync.PageSize ? entries[^1].Version.ToString(CultureInfo.InvariantCulture) : null;
        }

        // Graph keeps the query's $select in its links.
        var link = $"{request.BaseUrl}/users/delta" + (request.QueryValue("$select") is { } rawSelect ? $"?$select={ODataQuery.Encode(rawSelect)}&" : "?");
        var body = new JsonObject { ["@odata.context"] = $"{request.BaseUrl}/$metadata#users" + (select is null ? "" : $"({string.Join(',', select)})") };
        body[next is null ? "@odata.deltaLink" : "@odata.nextLink"] = next is null
            ? $"{link}$deltatoken={state.DeltaTokens.Encode(sync with { Kind = Delta, Since = sync.Upto, Cursor = "0" })}"
            : $"{link}$skiptoken={state.DeltaTokens.Encode(sync with { Cursor = next })}";
        body["value"] = new JsonArray(page.Select(i => (JsonNode?)i).ToArray());
        return Task.FromResult(GraphResponse.Ok(body));
    }

    private static JsonObject Render(SimulatorState state, DirectoryEntry entry, HashSet<string>? select, bool withManager, bool initial)
    {
        if (entry.Deleted)
            return new JsonObject { ["id"] = entry.Id.ToString(), ["@removed"] = new JsonObject { ["reason"] = "changed" } };
        var user = UserEndpoints.Render(state.RequireMailbox(entry.Id), entry, select);
        if (!withManager) return user;
        var reported = initial || entry.ManagerChanged ? entry.ManagerId : null;
        if (reported is { } manager)
        {
            user["manager@delta"] = new JsonArray(new JsonObject { ["@odata.type"] = "#microsoft.graph.user", ["id"] = manager.ToString() });
        }
        else if (!initial && entry.ManagerChanged && entry.PreviousManagerId is { } previous)
        {
            user["manager@delta"] = new JsonArray(new JsonObject
            {
                ["@odata.type"] = "#microsoft.graph.user", ["id"] = previous.ToString(), ["@removed"] = new JsonObject { ["reason"] = "deleted" },
            });
        }
        return user;
    }
}

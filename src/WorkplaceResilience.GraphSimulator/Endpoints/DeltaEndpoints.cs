using System.Globalization;
using System.Text.Json.Nodes;
using WorkplaceResilience.GraphSimulator.Calendar;
using WorkplaceResilience.GraphSimulator.Http;

namespace WorkplaceResilience.GraphSimulator.Endpoints;

/// <summary>
/// <c>GET /users/{id}/calendarView/delta</c>: the first call fixes the window (startDateTime/endDateTime) and pages
/// the events in it via <c>$skiptoken</c>; the last page carries <c>@odata.deltaLink</c> (<c>$deltatoken</c>).
/// A round with a delta token returns events added, moved or cancelled since, and <c>@removed</c> for deletions and
/// for events moved out of the window. <c>$select</c> is refused; unknown tokens get 410 <c>syncStateNotFound</c>.
/// </summary>
internal static class DeltaEndpoints
{
    public static IEnumerable<GraphRoute> Routes() =>
    [
        new("GET", "users/{userId}/calendarView/delta", "delta", true, DeltaAsync),
        new("GET", "users/{userId}/calendar/calendarView/delta", "delta", true, DeltaAsync),
    ];

    private static Task<GraphResponse> DeltaAsync(SimulatorState state, GraphRequest request)
    {
        var profile = state.FindUser(request.RouteValues["userId"])!;
        if (request.QueryValue("$select") is not null)
        {
            throw GraphErrors.BadRequest("The query option '$select' is not supported with delta queries of calendarView.", "ErrorInvalidUrlQuery");
        }

        var token = request.QueryValue("$skiptoken") ?? request.QueryValue("$deltatoken");
        DeltaState sync;
        if (token is null)
        {
            var (start, end) = CalendarViewEndpoints.Window(request);
            sync = new DeltaState("initial", profile.User.Id, start, end, 0, state.Store.CurrentVersion, "", CalendarViewEndpoints.DefaultPageSize);
        }
        else
        {
            var expired = request.QueryValue("$deltatoken") is not null && state.Faults.Roll(f => f.DeltaTokenExpiryRate);
            sync = !expired && state.DeltaTokens.Decode(token) is { } decoded && decoded.UserId == profile.User.Id
                ? decoded
                : throw new GraphException(410, "syncStateNotFound", "The sync state generation is not found or has expired. Please restart the sync without a token.");
            if (sync.Kind == "delta")
            {
                // A new round: everything changed after the last round, up to now.
                sync = sync with { Kind = "changes", Upto = state.Store.CurrentVersion, Cursor = "" };
            }
        }

        var (preferred, fromPrefer) = ODataQuery.PageSize(request, sync.PageSize, CalendarViewEndpoints.MaxPageSize, allowTop: false);
        sync = sync with { PageSize = fromPrefer ? preferred : sync.PageSize };
        var (zone, zoneName, zoneApplied) = ODataQuery.OutlookTimeZone(request);

        var (page, nextCursor, more) = sync.Kind == "initial" ? InitialPage(state, sync, zone, zoneName) : ChangesPage(state, sync, zone, zoneName);
        var link = $"{request.BaseUrl}/users/{profile.User.Id}/calendarView/delta";
        var body = new JsonObject { ["@odata.context"] = $"{request.BaseUrl}/$metadata#Collection(event)" };
        if (more)
        {
            body["@odata.nextLink"] = $"{link}?$skiptoken={state.DeltaTokens.Encode(sync with { Cursor = nextCursor })}";
        }
        else
        {
            body["@odata.deltaLink"] = $"{link}?$deltatoken={state.DeltaTokens.Encode(sync with { Kind = "delta", Since = sync.Upto, Cursor = "" })}";
        }

        body["value"] = new JsonArray(page.Select(i => (JsonNode?)i).ToArray());
        return Task.FromResult(CalendarViewEndpoints.WithPreferences(GraphResponse.Ok(body), fromPrefer ? sync.PageSize : null, zoneApplied ? zoneName : null));
    }

    /// <summary>Keyset paging by (start, id): an event deleted or moved between pages never makes another one be skipped.</summary>
    private static (List<JsonObject> Page, string Cursor, bool More) InitialPage(SimulatorState state, DeltaState sync, TimeZoneInfo zone, string zoneName)
    {
        var ordered = state.Store.View(sync.UserId, sync.Start, sync.End)
            .OrderBy(e => e.Start.UtcTicks).ThenBy(e => e.Id, StringComparer.Ordinal)
            .AsEnumerable();
        if (sync.Cursor.Length > 0)
        {
            var colon = sync.Cursor.IndexOf(':');
            var ticks = long.Parse(sync.Cursor[..colon], CultureInfo.InvariantCulture);
            var id = sync.Cursor[(colon + 1)..];
            ordered = ordered.Where(e => e.Start.UtcTicks > ticks || (e.Start.UtcTicks == ticks && string.CompareOrdinal(e.Id, id) > 0));
        }

        var window = ordered.Take(sync.PageSize + 1).ToList();
        var page = window.Take(sync.PageSize).ToList();
        var cursor = page.Count == 0 ? sync.Cursor : $"{page[^1].Start.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{page[^1].Id}";
        return (page.Select(e => EventJson.Render(e, zone, zoneName)).ToList(), cursor, window.Count > sync.PageSize);
    }

    /// <summary>Changes in (Since, Upto], in version order, paged by the last version sent.</summary>
    private static (List<JsonObject> Page, string Cursor, bool More) ChangesPage(SimulatorState state, DeltaState sync, TimeZoneInfo zone, string zoneName)
    {
        var after = sync.Cursor.Length > 0 ? long.Parse(sync.Cursor, CultureInfo.InvariantCulture) : sync.Since;
        var items = new List<(long Version, JsonObject Item)>();
        foreach (var e in state.Store.ChangedBetween(sync.UserId, after, sync.Upto))
        {
            var inWindow = e.Overlaps(sync.Start, sync.End);
            var wasInWindow = e.PreviouslyOverlapped(sync.Start, sync.End);
            if (e.Deleted || !inWindow)
            {
                if (inWindow || wasInWindow)
                {
                    items.Add((e.Version, EventJson.Removed(e)));
                }
            }
            else
            {
                items.Add((e.Version, EventJson.Render(e, zone, zoneName)));
            }

            if (items.Count > sync.PageSize)
            {
                break;
            }
        }

        var page = items.Take(sync.PageSize).ToList();
        var cursor = page.Count == 0 ? sync.Cursor : page[^1].Version.ToString(CultureInfo.InvariantCulture);
        return (page.Select(p => p.Item).ToList(), cursor, items.Count > sync.PageSize);
    }
}

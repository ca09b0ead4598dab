using System.Text;
using System.Text.Json.Nodes;
using WorkplaceResilience.GraphSimulator.Calendar;
using WorkplaceResilience.GraphSimulator.Http;

namespace WorkplaceResilience.GraphSimulator.Endpoints;

/// <summary>
/// <c>GET /users/{id}/calendarView?startDateTime=&amp;endDateTime=</c> (also under <c>/calendar</c>): events overlapping
/// the window, by start; pages of 10 by default (Outlook's default), <c>$top</c> or <c>Prefer: odata.maxpagesize</c>
/// up to 1000, next pages via <c>$skip</c>; <c>Prefer: outlook.timezone</c>; <c>$select</c>.
/// </summary>
internal static class CalendarViewEndpoints
{
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 1000;

    public static IEnumerable<GraphRoute> Routes() =>
    [
        new("GET", "users/{userId}/calendarView", "calendarView", true, ListAsync),
        new("GET", "users/{userId}/calendar/calendarView", "calendarView", true, ListAsync),
        new("GET", "users/{userId}/events/{eventId}", "event", true, GetAsync),
        new("GET", "users/{userId}/calendar/events/{eventId}", "event", true, GetAsync),
    ];

    public static (DateTimeOffset Start, DateTimeOffset End) Window(GraphRequest request)
    {
        var start = ODataQuery.DateTimeParameter(request, "startDateTime");
        var end = ODataQuery.DateTimeParameter(request, "endDateTime");
        if (start is null || end is null)
        {
            throw GraphErrors.BadRequest(
                "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.", "ErrorInvalidParameter");
        }

        if (end <= start)
        {
            throw GraphErrors.BadRequest("The value of EndDateTime must be later than StartDateTime.", "ErrorInvalidParameter");
        }

        return (start.Value, end.Value);
    }

    private static Task<GraphResponse> ListAsync(SimulatorState state, GraphRequest request)
    {
        var profile = state.FindUser(request.RouteValues["userId"])!;
        var (start, end) = Window(request);
        var (pageSize, fromPrefer) = ODataQuery.PageSize(request, DefaultPageSize, MaxPageSize);
        var skip = ODataQuery.Int(request, "$skip", 0, int.MaxValue) ?? 0;
        var select = ODataQuery.Select(request);
        var (zone, zoneName, zoneApplied) = ODataQuery.OutlookTimeZone(request);
        var events = state.Store.View(profile.User.Id, start, end);
        var page = events.Skip(skip).Take(pageSize)
            .Select(e => (JsonNode?)EventJson.Render(e, zone, zoneName, select))
            .ToArray();

        var body = new JsonObject { ["@odata.context"] = $"{request.BaseUrl}/$metadata#users('{profile.User.Id}')/calendarView" };
        if (skip + pageSize < events.Count)
        {
            var next = new StringBuilder($"{request.BaseUrl}/{request.Path}?startDateTime={ODataQuery.Encode(request.QueryValue("startDateTime")!)}")
                .Append("&endDateTime=").Append(ODataQuery.Encode(request.QueryValue("endDateTime")!));
            if (request.QueryValue("$select") is { } rawSelect)
            {
                next.Append("&$select=").Append(ODataQuery.Encode(rawSelect));
            }

            next.Append("&$top=").Append(pageSize).Append("&$skip=").Append(skip + pageSize);
            body["@odata.nextLink"] = next.ToString();
        }

        body["value"] = new JsonArray(page);
        return Task.FromResult(WithPreferences(GraphResponse.Ok(body), fromPrefer ? pageSize : null, zoneApplied ? zoneName : null));
    }

    private static Task<GraphResponse> GetAsync(SimulatorState state, GraphRequest request)
    {
        var profile = state.FindUser(request.RouteValues["userId"])!;
        var e = state.Store.Find(profile.User.Id, request.RouteValues["eventId"])
            ?? throw new GraphException(404, "ErrorItemNotFound", "The specified object was not found in the store.");
        var (zone, zoneName, zoneApplied) = ODataQuery.OutlookTimeZone(request);
        var body = EventJson.Render(e, zone, zoneName, ODataQuery.Select(request));
        body.Insert(0, "@odata.context", $"{request.BaseUrl}/$metadata#users('{profile.User.Id}')/events/$entity");
        return Task.FromResult(WithPreferences(GraphResponse.Ok(body), null, zoneApplied ? zoneName : null));
    }

    public static GraphResponse WithPreferences(GraphResponse response, int? maxPageSize, string? timeZone)
    {
        var applied = new List<string>();
        if (maxPageSize is { } size)
        {
            applied.Add($"odata.maxpagesize={size}");
        }

        if (timeZone is not null)
        {
            applied.Add($"outlook.timezone=\"{timeZone}\"");
        }

        return applied.Count == 0 ? response : response.WithHeader("Preference-Applied", string.Join(", ", applied));
    }
}

using System.Text.Json.Nodes;
using WorkplaceResilience.GraphSimulator.Calendar;
using WorkplaceResilience.GraphSimulator.Http;

namespace WorkplaceResilience.GraphSimulator.Endpoints;

/// <summary>
/// <c>POST /users/{id}/events</c> (also under <c>/calendar</c>): creates a single-instance event the user organizes from
/// subject, start and end (<c>dateTimeTimeZone</c>), showAs and sensitivity; answers 201 with the event.
/// <c>DELETE /users/{id}/events/{eventId}</c>: removes it (204; 404 when there is no such event). Both are kept in the
/// calendar like any other change (calendarView, delta and change notifications see them).
/// </summary>
internal static class EventWriteEndpoints
{
    public static IEnumerable<GraphRoute> Routes() =>
    [
        new("POST", "users/{userId}/events", "createEvent", true, CreateAsync),
        new("POST", "users/{userId}/calendar/events", "createEvent", true, CreateAsync),
        new("DELETE", "users/{userId}/events/{eventId}", "deleteEvent", true, DeleteAsync),
        new("DELETE", "users/{userId}/calendar/events/{eventId}", "deleteEvent", true, DeleteAsync),
    ];

    private static Task<GraphResponse> CreateAsync(SimulatorState state, GraphRequest request)
    {
        var profile = state.FindUser(request.RouteValues["userId"])!;
        var body = request.Body as JsonObject ?? throw GraphErrors.BadRequest("An event body is required.");
        var start = Instant(body["start"], "start");
        var end = Instant(body["end"], "end");
        if (end <= start) throw GraphErrors.BadRequest("The event's end must be after its start.", "ErrorInvalidRequest");
        var showAs = body["showAs"]?.ToString() ?? "busy";
        if (showAs is not ("free" or "tentative" or "busy" or "oof" or "workingElsewhere"))
            throw GraphErrors.BadRequest($"'{showAs}' is not a freeBusyStatus.", "ErrorInvalidRequest");
        var sensitivity = body["sensitivity"]?.ToString() ?? "normal";
        if (sensitivity is not ("normal" or "personal" or "private" or "confidential"))
            throw GraphErrors.BadRequest($"'{sensitivity}' is not a sensitivity.", "ErrorInvalidRequest");

        var random = new Random();
        var id = EventIds.NewId(random);
        var now = state.Now;
        var created = state.Store.Apply(profile.User.Id, id, _ => new SimEvent
        {
            Id = id,
            ICalUId = EventIds.NewICalUId(random),
            OwnerId = profile.User.Id,
            OwnerZone = profile.User.TimeZone,
            Subject = body["subject"]?.ToString() ?? "",
            BodyHtml = "",
            BodyPreview = "",
            Start = start,
            End = end,
            ShowAs = showAs,
            Sensitivity = sensitivity,
            Response = "organizer",
            IsOrganizer = true,
            Organizer = new SimPerson(profile.User.DisplayName, profile.Mail),
            Created = now,
            LastModified = now,
        });
        state.Record(new EventWrite("created", profile.User.Id, id, created.Subject, showAs, sensitivity, start, end, now));
        state.Subscriptions.Notify(created, "created");
        var json = EventJson.Render(created, TimeZoneInfo.Utc, "UTC");
        json.Insert(0, "@odata.context", $"{request.BaseUrl}/$metadata#users('{profile.User.Id}')/events/$entity");
        return Task.FromResult(new GraphResponse(201, json, []));
    }

    private static Task<GraphResponse> DeleteAsync(SimulatorState state, GraphRequest request)
    {
        var profile = state.FindUser(request.RouteValues["userId"])!;
        var eventId = request.RouteValues["eventId"];
        var existing = state.Store.Find(profile.User.Id, eventId)
            ?? throw new GraphException(404, "ErrorItemNotFound", "The specified object was not found in the store.");
        var now = state.Now;
        state.Record(new EventWrite("deleted", profile.User.Id, eventId, existing.Subject, existing.ShowAs, existing.Sensitivity, existing.Start, existing.End, now));
        var deleted = state.Store.Apply(profile.User.Id, eventId, e => e! with { Deleted = true, LastModified = now > e.LastModified ? now : e.LastModified.AddSeconds(1) });
        state.Subscriptions.Notify(deleted, "deleted");
        return Task.FromResult(GraphResponse.NoContent());
    }

    /// <summary>A <c>dateTimeTimeZone</c>: a local date and time in a Windows or IANA zone (UTC when none is given).</summary>
    private static DateTimeOffset Instant(JsonNode? value, string name)
    {
        if (value?["dateTime"]?.ToString() is not { } text || !DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var local))
            throw GraphErrors.BadRequest($"'{name}' needs a dateTime.", "ErrorInvalidRequest");
        var zoneName = value["timeZone"]?.ToString() ?? "UTC";
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(zoneName);
        }
        catch (TimeZoneNotFoundException)
        {
            throw GraphErrors.BadRequest($"'{zoneName}' is not a time zone.", "ErrorTimeZoneNotSupportedException");
        }
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }
}

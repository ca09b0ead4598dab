using System.Text.Json.Nodes;
using WorkplaceResilience.GraphSimulator.Http;

namespace WorkplaceResilience.GraphSimulator.Calendar;

/// <summary>Renders a <see cref="SimEvent"/> as Graph's v1.0 <c>event</c> JSON.</summary>
internal static class EventJson
{
    private const string NoTime = "0001-01-01T00:00:00Z";

    /// <param name="zone">Zone for start/end (Prefer: outlook.timezone); <paramref name="zoneName"/> is echoed as dateTimeTimeZone.timeZone.</param>
    /// <param name="select">Properties to include (<c>$select</c>); null for all. id and annotations are always there.</param>
    public static JsonObject Render(SimEvent e, TimeZoneInfo zone, string zoneName, HashSet<string>? select = null)
    {
        var changeKey = ChangeKey(e);
        var json = new JsonObject { ["@odata.etag"] = $"W/\"{changeKey}\"", ["id"] = e.Id };
        void Put(string name, Func<JsonNode?> value)
        {
            if (select is null || select.Contains(name))
            {
                json[name] = value();
            }
        }

        Put("createdDateTime", () => ODataQuery.Instant(e.Created));
        Put("lastModifiedDateTime", () => ODataQuery.Instant(e.LastModified));
        Put("changeKey", () => changeKey);
        Put("categories", () => new JsonArray());
        Put("transactionId", () => null);
        Put("originalStartTimeZone", () => e.OwnerZone);
        Put("originalEndTimeZone", () => e.OwnerZone);
        Put("iCalUId", () => e.ICalUId);
        Put("reminderMinutesBeforeStart", () => e.IsAllDay ? 1080 : 15);
        Put("isReminderOn", () => !e.IsAllDay);
        Put("hasAttachments", () => false);
        Put("subject", () => e.Subject);
        Put("bodyPreview", () => e.BodyPreview);
        Put("importance", () => e.Importance);
        Put("sensitivity", () => e.Sensitivity);
        Put("isAllDay", () => e.IsAllDay);
        Put("isCancelled", () => e.IsCancelled);
        Put("isOrganizer", () => e.IsOrganizer);
        Put("responseRequested", () => true);
        Put("seriesMasterId", () => e.SeriesMasterId);
        Put("showAs", () => e.ShowAs);
        Put("type", () => e.Type);
        Put("webLink", () => $"https://outlook.office365.com/owa/?itemid={Uri.EscapeDataString(e.Id)}&exvsurl=1&path=/calendar/item");
        Put("onlineMeetingUrl", () => null);
        Put("isOnlineMeeting", () => e.IsOnlineMeeting);
        Put("onlineMeetingProvider", () => e.IsOnlineMeeting ? "teamsForBusiness" : "unknown");
        Put("allowNewTimeProposals", () => true);
        Put("isDraft", () => false);
        Put("hideAttendees", () => false);
        Put("recurrence", () => null);
        Put("onlineMeeting", () => e.IsOnlineMeeting
            ? new JsonObject { ["joinUrl"] = $"https://teams.microsoft.com/l/meetup-join/19%3ameeting_{e.ICalUId[^16..]}%40thread.v2/0" }
            : null);
        Put("responseStatus", () => ResponseStatus(e.Response, e.ResponseTime));
        Put("body", () => new JsonObject { ["contentType"] = "html", ["content"] = e.BodyHtml });
        Put("start", () => DateTimeTimeZone(e.Start, e.AllDayStart, zone, zoneName));
        Put("end", () => DateTimeTimeZone(e.End, e.AllDayEnd, zone, zoneName));
        Put("location", () => Location(e.Location));
        Put("locations", () => e.Location.Length == 0 ? new JsonArray() : new JsonArray(Location(e.Location)));
        Put("attendees", () => new JsonArray(e.Attendees.Select(a => (JsonNode?)new JsonObject
        {
            ["type"] = a.Type,
            ["status"] = ResponseStatus(a.Response, a.Response is "none" or "notResponded" ? null : e.LastModified),
            ["emailAddress"] = EmailAddress(a.Person),
        }).ToArray()));
        Put("organizer", () => new JsonObject { ["emailAddress"] = EmailAddress(e.Organizer) });
        return json;
    }

    /// <summary>A deletion (or an event that left the window) in a delta response.</summary>
    public static JsonObject Removed(SimEvent e) => new()
    {
        ["@odata.type"] = "#microsoft.graph.event",
        ["id"] = e.Id,
        ["@removed"] = new JsonObject { ["reason"] = "deleted" },
    };

    private static JsonObject DateTimeTimeZone(DateTimeOffset instant, DateOnly? allDayDate, TimeZoneInfo zone, string zoneName)
    {
        // All-day events float: midnight of their date in whichever zone the caller asked for, as Outlook renders them.
        var local = allDayDate is { } date ? date.ToDateTime(TimeOnly.MinValue) : TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        return new JsonObject { ["dateTime"] = ODataQuery.LocalDateTime(local), ["timeZone"] = zoneName };
    }

    private static JsonObject ResponseStatus(string response, DateTimeOffset? time) => new()
    {
        ["response"] = response,
        ["time"] = response is "organizer" or "none" || time is null ? NoTime : ODataQuery.Instant(time.Value),
    };

    private static JsonObject EmailAddress(SimPerson person) => new() { ["name"] = person.Name, ["address"] = person.Address };

    private static JsonObject Location(string displayName) => displayName.Length == 0
        ? new JsonObject { ["displayName"] = "", ["locationType"] = "default", ["uniqueIdType"] = "unknown", ["address"] = new JsonObject(), ["coordinates"] = new JsonObject() }
        : new JsonObject
        {
            ["displayName"] = displayName,
            ["locationType"] = "default",
            ["uniqueId"] = displayName,
            ["uniqueIdType"] = "private",
        };

    private static string ChangeKey(SimEvent e)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{e.Id}:{e.Version}:{e.LastModified.UtcTicks}"));
        return Convert.ToBase64String(hash, 0, 21);
    }
}

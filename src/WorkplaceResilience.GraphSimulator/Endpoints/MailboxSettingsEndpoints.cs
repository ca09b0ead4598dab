using System.Text.Json.Nodes;
using WorkplaceResilience.GraphSimulator.Http;
using WorkplaceResilience.GraphSimulator.Tenant;

namespace WorkplaceResilience.GraphSimulator.Endpoints;

/// <summary><c>GET /users/{id}/mailboxSettings</c> and <c>.../mailboxSettings/workingHours</c>.</summary>
internal static class MailboxSettingsEndpoints
{
    private static readonly DayOfWeek[] WeekOrder =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static IEnumerable<GraphRoute> Routes() =>
    [
        new("GET", "users/{userId}/mailboxSettings", "mailboxSettings", true, GetAsync),
        new("GET", "users/{userId}/mailboxSettings/workingHours", "mailboxSettings", true, WorkingHoursAsync),
    ];

    private static Task<GraphResponse> GetAsync(SimulatorState state, GraphRequest request)
    {
        var profile = state.FindUser(request.RouteValues["userId"])!;
        var locale = UserEndpoints.Locale(profile.User.Country);
        var settings = new JsonObject
        {
            ["@odata.context"] = $"{request.BaseUrl}/$metadata#users('{profile.User.Id}')/mailboxSettings",
            ["archiveFolder"] = "AAMkAGArchive" + profile.User.Id.ToString("N")[..12],
            ["timeZone"] = profile.User.TimeZone,
            ["delegateMeetingMessageDeliveryOptions"] = "sendToDelegateOnly",
            ["dateFormat"] = locale switch { "en-US" => "M/d/yyyy", "nl-NL" => "d-M-yyyy", "en-AU" => "d/MM/yyyy", _ => "dd/MM/yyyy" },
            ["timeFormat"] = locale == "en-US" ? "h:mm tt" : "HH:mm",
            ["userPurpose"] = "user",
            ["automaticRepliesSetting"] = new JsonObject
            {
                ["status"] = "disabled",
                ["externalAudience"] = "all",
                ["internalReplyMessage"] = "",
                ["externalReplyMessage"] = "",
                ["scheduledStartDateTime"] = new JsonObject { ["dateTime"] = ODataQuery.LocalDateTime(state.Now.UtcDateTime.Date), ["timeZone"] = "UTC" },
                ["scheduledEndDateTime"] = new JsonObject { ["dateTime"] = ODataQuery.LocalDateTime(state.Now.UtcDateTime.Date.AddDays(1)), ["timeZone"] = "UTC" },
            },
            ["language"] = new JsonObject { ["locale"] = locale, ["displayName"] = new System.Globalization.CultureInfo(locale).EnglishName },
            ["workingHours"] = WorkingHours(profile),
        };
        return Task.FromResult(GraphResponse.Ok(ODataQuery.Project(settings, ODataQuery.Select(request))));
    }

    private static Task<GraphResponse> WorkingHoursAsync(SimulatorState state, GraphRequest request)
    {
        var profile = state.FindUser(request.RouteValues["userId"])!;
        var body = WorkingHours(profile);
        body.Insert(0, "@odata.context", $"{request.BaseUrl}/$metadata#users('{profile.User.Id}')/mailboxSettings/workingHours");
        return Task.FromResult(GraphResponse.Ok(body));
    }

    public static JsonObject WorkingHours(MailboxProfile profile) => new()
    {
        ["daysOfWeek"] = new JsonArray(WeekOrder.Where(profile.WorkDays.Contains).Select(d => (JsonNode?)d.ToString().ToLowerInvariant()).ToArray()),
        ["startTime"] = profile.WorkStart.ToString("HH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture),
        ["endTime"] = profile.WorkEnd.ToString("HH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture),
        ["timeZone"] = new JsonObject { ["name"] = profile.User.TimeZone },
    };
}

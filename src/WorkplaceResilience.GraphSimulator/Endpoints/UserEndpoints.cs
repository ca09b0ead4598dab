using System.Text;
using System.Text.Json.Nodes;
using WorkplaceResilience.GraphSimulator.Http;
using WorkplaceResilience.GraphSimulator.Tenant;

namespace WorkplaceResilience.GraphSimulator.Endpoints;

/// <summary><c>GET /users</c> (paged with <c>$skiptoken</c>) and <c>GET /users/{id}</c>.</summary>
internal static class UserEndpoints
{
    /// <summary>Graph's default user properties; department, country and accountEnabled need <c>$select</c>, as in Graph.</summary>
    private static readonly string[] DefaultProperties =
        ["businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id"];

    public static IEnumerable<GraphRoute> Routes() =>
    [
        new("GET", "users", "users", false, ListAsync),
        .. UserDeltaEndpoints.Routes(),
        new("GET", "users/{userId}", "user", false, GetAsync),
    ];

    private static Task<GraphResponse> ListAsync(SimulatorState state, GraphRequest request)
    {
        var top = ODataQuery.Int(request, "$top", 1, 999) ?? 100;
        var offset = SkipTokens.Decode(request.QueryValue("$skiptoken"), "users");
        var select = ODataQuery.Select(request);
        var present = state.Directory.Present();
        var page = present.Skip(offset).Take(top).Select(e => Render(state.RequireMailbox(e.Id), e, select)).ToArray<JsonNode?>();
        var body = new JsonObject
        {
            ["@odata.context"] = $"{request.BaseUrl}/$metadata#users" + (select is null ? "" : $"({string.Join(',', select)})"),
        };
        if (offset + top < present.Count)
        {
            var next = new StringBuilder($"{request.BaseUrl}/users?$top={top}");
            if (request.QueryValue("$select") is { } rawSelect)
            {
                next.Append("&$select=").Append(ODataQuery.Encode(rawSelect));
            }

            next.Append("&$skiptoken=").Append(SkipTokens.Encode("users", offset + top));
            body["@odata.nextLink"] = next.ToString();
        }

        body["value"] = new JsonArray(page);
        return Task.FromResult(GraphResponse.Ok(body));
    }

    private static Task<GraphResponse> GetAsync(SimulatorState state, GraphRequest request)
    {
        var id = request.RouteValues["userId"];
        var profile = state.FindUser(id) is { } found && state.Directory.Find(found.User.Id) is { Deleted: false } entry
            ? (found, entry)
            : throw GraphErrors.DirectoryObjectNotFound(id);
        var body = Render(profile.found, profile.entry, ODataQuery.Select(request));
        body.Insert(0, "@odata.context", $"{request.BaseUrl}/$metadata#users/$entity");
        return Task.FromResult(GraphResponse.Ok(body));
    }

    /// <summary>A user as Graph returns it: the profile's names and title, the directory's current department, office,
    /// country and sign-in state.</summary>
    public static JsonObject Render(MailboxProfile profile, DirectoryEntry directory, HashSet<string>? select)
    {
        var user = profile.User;
        var names = user.DisplayName.Split(' ', 2);
        var all = new JsonObject
        {
            ["businessPhones"] = new JsonArray(),
            ["displayName"] = user.DisplayName,
            ["givenName"] = names[0],
            ["jobTitle"] = profile.JobTitle,
            ["mail"] = profile.Mail,
            ["mobilePhone"] = null,
            ["officeLocation"] = directory.OfficeLocation,
            ["preferredLanguage"] = Locale(directory.Country),
            ["surname"] = names.Length > 1 ? names[1] : "",
            ["userPrincipalName"] = user.UserPrincipalName,
            ["id"] = user.Id.ToString(),
            ["department"] = directory.Department,
            ["country"] = directory.Country,
            ["accountEnabled"] = directory.AccountEnabled,
            ["usageLocation"] = CountryCode(directory.Country),
            ["companyName"] = DemoOrganisation.CompanyName,
            ["employeeType"] = "Employee",
        };
        var keep = select ?? new HashSet<string>(DefaultProperties, StringComparer.OrdinalIgnoreCase);
        return ODataQuery.Project(all, keep);
    }

    public static string Locale(string country) => country switch
    {
        "United Kingdom" => "en-GB",
        "Netherlands" => "nl-NL",
        "India" => "en-IN",
        "Australia" => "en-AU",
        _ => "en-US",
    };

    private static string CountryCode(string country) => country switch
    {
        "United Kingdom" => "GB",
        "Netherlands" => "NL",
        "India" => "IN",
        "Australia" => "AU",
        _ => "US",
    };
}

using System.Text;
using System.Text.Json.Nodes;
using WorkplaceResilience.GraphSimulator.Http;

namespace WorkplaceResilience.GraphSimulator.Endpoints;

/// <summary>
/// <c>GET /groups/{id}</c> and <c>GET /groups/{id}/transitiveMembers</c>, whole (directoryObjects: the nested groups
/// and the users, each with its <c>@odata.type</c>) or cast to users (<c>/microsoft.graph.user</c>); paged with
/// <c>$skiptoken</c>, 100 a page by default, <c>$top</c> up to 999.
/// </summary>
internal static class GroupEndpoints
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 999;
    /// <summary>Directory objects carry whole-second instants, unlike Outlook's seven decimals.</summary>
    private const string Created = "2021-03-15T09:00:00Z";

    public static IEnumerable<GraphRoute> Routes() =>
    [
        new("GET", "groups/{groupId}", "group", false, GetAsync),
        new("GET", "groups/{groupId}/transitiveMembers", "transitiveMembers", false, (state, request) => MembersAsync(state, request, usersOnly: false)),
        new("GET", "groups/{groupId}/transitiveMembers/user", "transitiveMembers", false, (state, request) => MembersAsync(state, request, usersOnly: true)),
    ];

    private static DemoGroup Find(SimulatorState state, GraphRequest request)
    {
        var raw = request.RouteValues["groupId"];
        if (!Guid.TryParse(raw, out var id))
        {
            throw GraphErrors.BadRequest($"Invalid object identifier '{raw}'.", "Request_BadRequest");
        }

        return state.FindGroup(id) ?? throw GraphErrors.DirectoryObjectNotFound(raw);
    }

    private static Task<GraphResponse> GetAsync(SimulatorState state, GraphRequest request)
    {
        var body = Render(Find(state, request), ODataQuery.Select(request));
        body.Insert(0, "@odata.context", $"{request.BaseUrl}/$metadata#groups/$entity");
        return Task.FromResult(GraphResponse.Ok(body));
    }

    private static Task<GraphResponse> MembersAsync(SimulatorState state, GraphRequest request, bool usersOnly)
    {
        var group = Find(state, request);
        var top = ODataQuery.Int(request, "$top", 1, MaxPageSize) ?? DefaultPageSize;
        var offset = SkipTokens.Decode(request.QueryValue("$skiptoken"), $"members:{group.Id:N}:{(usersOnly ? "user" : "all")}");
        var select = ODataQuery.Select(request);

        // Graph lists nested groups among a group's transitive members; the cast to users leaves them out.
        var members = usersOnly
            ? group.MemberIds.Select(id => (Id: id, IsGroup: false))
            : group.NestedGroupIds.Select(id => (Id: id, IsGroup: true)).Concat(group.MemberIds.Select(id => (Id: id, IsGroup: false)));
        var all = members.ToList();
        var page = all.Skip(offset).Take(top).Select(m => RenderMember(state, m.Id, m.IsGroup, select, usersOnly)).ToArray<JsonNode?>();

        var entitySet = usersOnly ? "users" : "directoryObjects";
        var body = new JsonObject
        {
            ["@odata.context"] = $"{request.BaseUrl}/$metadata#{entitySet}" + (select is null ? "" : $"({string.Join(',', select)})"),
        };
        if (offset + top < all.Count)
        {
            var next = new StringBuilder($"{request.BaseUrl}/groups/{group.Id}/transitiveMembers");
            next.Append(usersOnly ? "/microsoft.graph.user" : "").Append("?$top=").Append(top);
            if (request.QueryValue("$select") is { } rawSelect)
            {
                next.Append("&$select=").Append(ODataQuery.Encode(rawSelect));
            }

            next.Append("&$skiptoken=").Append(SkipTokens.Encode($"members:{group.Id:N}:{(usersOnly ? "user" : "all")}", offset + top));
            body["@odata.nextLink"] = next.ToString();
        }

        body["value"] = new JsonArray(page);
        return Task.FromResult(GraphResponse.Ok(body));
    }

    private static JsonObject RenderMember(SimulatorState state, Guid id, bool isGroup, HashSet<string>? select, bool usersOnly)
    {
        var item = isGroup
            ? Render(state.FindGroup(id)!, select)
            : UserEndpoints.Render(state.FindUser(id)!, state.Directory.Find(id)!, select);
        if (!usersOnly)
        {
            item.Insert(0, "@odata.type", isGroup ? "#microsoft.graph.group" : "#microsoft.graph.user");
        }

        return item;
    }

    public static JsonObject Render(DemoGroup group, HashSet<string>? select)
    {
        var all = new JsonObject
        {
            ["id"] = group.Id.ToString(),
            ["deletedDateTime"] = null,
            ["classification"] = null,
            ["createdDateTime"] = Created,
            ["description"] = group.Department is null ? $"{group.DisplayName} of {Tenant.DemoOrganisation.CompanyName}" : $"Everyone in {group.Department}",
            ["displayName"] = group.DisplayName,
            ["expirationDateTime"] = null,
            ["groupTypes"] = new JsonArray(),
            ["isAssignableToRole"] = null,
            ["mail"] = null,
            ["mailEnabled"] = false,
            ["mailNickname"] = group.MailNickname,
            ["membershipRule"] = null,
            ["membershipRuleProcessingState"] = null,
            ["preferredDataLocation"] = null,
            ["preferredLanguage"] = null,
            ["proxyAddresses"] = new JsonArray(),
            ["renewedDateTime"] = Created,
            ["securityEnabled"] = true,
            ["securityIdentifier"] = SecurityIdentifier(group.Id),
            ["theme"] = null,
            ["visibility"] = null,
        };
        return ODataQuery.Project(all, select);
    }

    /// <summary>Entra's SID of a cloud group: S-1-12-1 followed by the object id's bytes as four unsigned integers.</summary>
    private static string SecurityIdentifier(Guid id)
    {
        var bytes = id.ToByteArray();
        var parts = Enumerable.Range(0, 4).Select(i => BitConverter.ToUInt32(bytes, i * 4));
        return "S-1-12-1-" + string.Join('-', parts);
    }
}

using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions.Serialization;

namespace WorkplaceResilience.Api.People;

/// <summary>A user as a <c>users/delta</c> round reports them. Null fields were not reported (keep what is stored);
/// <see cref="ManagerReported"/> says whether <see cref="ManagerId"/> (null: no manager) is news.</summary>
public sealed record DirectoryChange(
    Guid Id, string? Department, string? OfficeLocation, string? Country, bool? Enabled, bool ManagerReported, Guid? ManagerId);

/// <summary>One <c>users/delta</c> round: everyone (<see cref="Full"/>) or the changes since the stored link.</summary>
public sealed record DirectoryRound(bool Full, IReadOnlyList<DirectoryChange> Changed, IReadOnlySet<Guid> Removed, string DeltaLink, int Requests);

/// <summary>
/// Reads the directory through <c>users/delta</c> with only what the service needs (<c>$select</c>: id, department,
/// office, country and usage location, sign-in state, manager). Without a link, or when Graph has dropped the link's
/// sync state (400 or 410 <c>syncStateNotFound</c>; directory links live 7 days), a full round reads everyone.
/// </summary>
public static class DirectoryDelta
{
    private static readonly string[] Select = ["id", "department", "officeLocation", "country", "usageLocation", "accountEnabled", "manager"];

    public static async Task<DirectoryRound> ReadAsync(GraphServiceClient client, string? link, CancellationToken cancellationToken)
    {
        if (link is not null)
        {
            try
            {
                return await RoundAsync(client, link, cancellationToken);
            }
            catch (ODataError error) when (error.ResponseStatusCode == 410 || error.Error?.Code is "syncStateNotFound" or "resyncRequired")
            {
                // The sync state expired: start over with everyone.
            }
        }
        return await RoundAsync(client, null, cancellationToken);
    }

    private static async Task<DirectoryRound> RoundAsync(GraphServiceClient client, string? link, CancellationToken cancellationToken)
    {
        var changed = new Dictionary<Guid, DirectoryChange>();
        var removed = new HashSet<Guid>();
        var requests = 1;
        var page = link is null
            ? await client.Users.Delta.GetAsDeltaGetResponseAsync(r => r.QueryParameters.Select = Select, cancellationToken)
            : await new Microsoft.Graph.Users.Delta.DeltaRequestBuilder(link, client.RequestAdapter).GetAsDeltaGetResponseAsync(cancellationToken: cancellationToken);
        while (true)
        {
            foreach (var user in page?.Value ?? [])
            {
                if (!Guid.TryParse(user.Id, out var id)) continue;
                if (user.AdditionalData?.ContainsKey("@removed") == true)
                {
                    changed.Remove(id);
                    removed.Add(id);
                    continue;
                }
                removed.Remove(id);
                var (reported, manager) = Manager(user);
                var country = string.IsNullOrWhiteSpace(user.Country) ? user.UsageLocation : user.Country;
                // A user reported twice in a round (changed again while it was read) keeps its latest values.
                var before = changed.GetValueOrDefault(id);
                changed[id] = new DirectoryChange(id, user.Department ?? before?.Department, user.OfficeLocation ?? before?.OfficeLocation,
                    country ?? before?.Country, user.AccountEnabled ?? before?.Enabled,
                    reported || before?.ManagerReported == true, reported ? manager : before?.ManagerId);
            }
            if (page?.OdataNextLink is { } next)
            {
                page = await new Microsoft.Graph.Users.Delta.DeltaRequestBuilder(next, client.RequestAdapter).GetAsDeltaGetResponseAsync(cancellationToken: cancellationToken);
                requests++;
                continue;
            }
            var deltaLink = page?.OdataDeltaLink ?? throw new InvalidOperationException("A users/delta page had neither a next nor a delta link.");
            return new DirectoryRound(link is null, changed.Values.ToList(), removed, deltaLink, requests);
        }
    }

    /// <summary><c>manager@delta</c>: the manager's reference, or the reference removed (no manager now).</summary>
    private static (bool Reported, Guid? Manager) Manager(User user)
    {
        if (user.AdditionalData?.TryGetValue("manager@delta", out var raw) != true || raw is not UntypedArray references) return (false, null);
        Guid? manager = null;
        foreach (var reference in references.GetValue().OfType<UntypedObject>())
        {
            var properties = reference.GetValue().ToDictionary(p => p.Key, p => p.Value);
            if (properties.ContainsKey("@removed")) continue;
            if (properties.TryGetValue("id", out var id) && id is UntypedString text && Guid.TryParse(text.GetValue(), out var parsed)) manager = parsed;
        }
        return (true, manager);
    }
}

using WorkplaceResilience.Api.People;
using WorkplaceResilience.Core.Reporting;

namespace WorkplaceResilience.Api.Reports;

/// <summary>
/// HR's groups by manager hierarchy: one grouping per configured level (<c>org-level-2</c>: each director's org in a
/// chief executive → vice presidents → directors tree), built from the stored manager keys. A group is named without a
/// name: the department of the person heading it and the first six characters of their keyed hash
/// ("Engineering org 3F9A2C"), stable from week to week; people above the level form one group of their own.
/// </summary>
public static class OrgGroups
{
    public const string GroupingPrefix = "org-level-";
    public const string AboveTheLevel = "Above this level";

    public static string Grouping(int level) => $"{GroupingPrefix}{level}";

    public sealed record Member(Guid Id, string? ManagerKey, string Department);

    /// <summary>Each person's group in each org grouping of <paramref name="levels"/>.</summary>
    public static Dictionary<Guid, Dictionary<string, string>> Assign(IReadOnlyList<Member> people, OrgKeys keys, IReadOnlyList<int> levels)
    {
        var keyOf = people.ToDictionary(p => p.Id, p => keys.Of(p.Id));
        var departmentOf = people.ToDictionary(p => keyOf[p.Id], p => p.Department, StringComparer.Ordinal);
        var tree = new OrgTree(people.Select(p => (keyOf[p.Id], p.ManagerKey)));
        return people.ToDictionary(p => p.Id, p => levels.ToDictionary(Grouping, level =>
            tree.HeadAt(keyOf[p.Id], level) is { } head ? Name(departmentOf[head], head) : AboveTheLevel));
    }

    private static string Name(string department, string headKey) =>
        $"{(string.IsNullOrWhiteSpace(department) ? "Unassigned" : department)} org {headKey[..6]}";
}

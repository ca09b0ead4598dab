namespace WorkplaceResilience.GraphSimulator.Tenant;

/// <summary>The demo tenant's security groups: "All staff" (holding the department groups), one per department, and a small "Pilot".</summary>
internal static class DemoGroups
{
    public const string AllStaff = "All staff";
    public const string Pilot = "Pilot";

    /// <summary>One person in this many is in the pilot.</summary>
    private const int PilotEvery = 25;

    public static IReadOnlyList<DemoGroup> Create(int seed, IReadOnlyList<DemoUser> users, IReadOnlyList<string> departments)
    {
        // A sequence of its own, so group ids neither shift the people's (drawn from the seed's main sequence) nor
        // change with the head count.
        var random = new Random(unchecked(seed * 31 + 0x47524F55));
        var allStaffId = DemoOrganisation.NewGuid(random);
        var departmentGroups = departments
            .Select(name => new DemoGroup(DemoOrganisation.NewGuid(random), name, Nickname(name), name,
                users.Where(u => u.Department == name).Select(u => u.Id).ToArray(), []))
            .ToList();
        var pilotId = DemoOrganisation.NewGuid(random);

        var allStaff = new DemoGroup(allStaffId, AllStaff, Nickname(AllStaff), null,
            departmentGroups.SelectMany(g => g.MemberIds).ToArray(), departmentGroups.Select(g => g.Id).ToArray());
        var pilot = new DemoGroup(pilotId, Pilot, Nickname(Pilot), null,
            users.Where((_, i) => i % PilotEvery == 2).Select(u => u.Id).ToArray(), []);
        return [allStaff, .. departmentGroups, pilot];
    }

    private static string Nickname(string displayName) =>
        new string(displayName.Where(char.IsAsciiLetterOrDigit).ToArray()).ToLowerInvariant();
}

namespace WorkplaceResilience.GraphSimulator.Tenant;

/// <summary>
/// The demo's org tree: the first person is the chief executive; the first other person of each department is its
/// vice president (reporting to the chief executive); below them about one director per 40 people of the department,
/// one manager per 8, and everyone else an individual contributor, each level spread evenly over the one above.
/// </summary>
internal static class DemoHierarchy
{
    private const int PeoplePerDirector = 40;
    private const int PeoplePerManager = 8;

    /// <summary>Each person's manager (null for the chief executive). Job titles stay as drawn: the demo's calendars
    /// are generated from them, and a tree drawn later must not move anyone's meetings.</summary>
    public static Guid?[] Create(IReadOnlyList<DemoUser> users)
    {
        var managers = new Guid?[users.Count];
        if (users.Count == 0) return managers;
        foreach (var department in Enumerable.Range(1, users.Count - 1).GroupBy(i => users[i].Department))
        {
            var people = department.ToList();
            var vp = people[0];
            managers[vp] = users[0].Id;
            var rest = people.Skip(1).ToList();
            var directorCount = rest.Count == 0 ? 0 : Math.Max(1, (rest.Count + PeoplePerDirector / 2) / PeoplePerDirector);
            var directors = rest.Take(directorCount).ToList();
            var managerCount = Math.Max(0, Math.Min(rest.Count - directorCount, (rest.Count + PeoplePerManager / 2) / PeoplePerManager - directorCount));
            var leads = rest.Skip(directorCount).Take(managerCount).ToList();
            var contributors = rest.Skip(directorCount + managerCount).ToList();
            foreach (var director in directors) managers[director] = users[vp].Id;
            Spread(leads, directors.Count > 0 ? directors : [vp], users, managers);
            Spread(contributors, leads.Count > 0 ? leads : directors.Count > 0 ? directors : [vp], users, managers);
        }
        return managers;
    }

    private static void Spread(List<int> people, List<int> over, IReadOnlyList<DemoUser> users, Guid?[] managers)
    {
        for (var i = 0; i < people.Count; i++) managers[people[i]] = users[over[i % over.Count]].Id;
    }
}

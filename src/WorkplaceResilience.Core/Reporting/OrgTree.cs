namespace WorkplaceResilience.Core.Reporting;

/// <summary>
/// The org tree for HR's groups by manager hierarchy, on keys (hashed person ids), never on names. A person's depth is
/// their distance from the top of the tree (someone without a known manager: depth 0; the chief executive's direct
/// reports: 1; theirs: 2, ...). The org of a person at depth L is that person and everyone below them; at level L every
/// person at depth L or deeper is in exactly one org (their ancestor at depth L), the others in none. Pure.
/// </summary>
public sealed class OrgTree
{
    private readonly Dictionary<string, string?> managerOf;
    private readonly Dictionary<string, List<string>> chains = new(StringComparer.Ordinal);

    /// <param name="managers">Each person's key and their manager's key (null: none). A manager who is not one of the
    /// people, or a loop in the directory's data, ends the chain there.</param>
    public OrgTree(IEnumerable<(string Person, string? Manager)> managers)
    {
        managerOf = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (person, manager) in managers) managerOf[person] = manager;
    }

    /// <summary>The head of the person's org at <paramref name="level"/>, or null when they sit above it.</summary>
    public string? HeadAt(string person, int level)
    {
        var chain = Chain(person);
        // chain[0] is the person, chain[^1] the top: the ancestor at depth L is chain[^(L + 1)].
        return chain.Count > level ? chain[chain.Count - 1 - level] : null;
    }

    /// <summary>How many people are in the org headed by each person at <paramref name="level"/>.</summary>
    public Dictionary<string, int> OrgSizes(int level)
    {
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var person in managerOf.Keys)
            if (HeadAt(person, level) is { } head) sizes[head] = sizes.GetValueOrDefault(head) + 1;
        return sizes;
    }

    private List<string> Chain(string person)
    {
        if (chains.TryGetValue(person, out var known)) return known;
        var chain = new List<string> { person };
        var seen = new HashSet<string>(StringComparer.Ordinal) { person };
        for (var current = person; managerOf.TryGetValue(current, out var manager) && manager is not null && managerOf.ContainsKey(manager) && seen.Add(manager);)
        {
            chain.Add(manager);
            current = manager;
        }
        chains[person] = chain;
        return chain;
    }
}

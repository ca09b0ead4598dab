using System.Security.Cryptography;
using WorkplaceResilience.Core.Reporting;

namespace WorkplaceResilience.Core.Tests.Reporting;

/// <summary>
/// Groups by manager hierarchy: the org tree on hashed keys, and the gate's rules on nested orgs. Each adversarial test
/// plays HR subtracting a sub-org from the org around it to single out the few people left, and fails.
/// </summary>
public sealed class ManagerGroupTests
{
    private static readonly string[] Levels = ["org-level-1", "org-level-2"];
    private static readonly Dictionary<string, IReadOnlyList<string>> Buckets = new() { ["skipReasons"] = ["busy"], ["practiceMix"] = ["breathing"] };
    private static readonly GateSettings Settings = new(10, 0.5);

    private static List<PersonWeek> People(int count, string vpOrg, string directorOrg) =>
        Enumerable.Range(0, count).Select(_ => new PersonWeek
        {
            Person = Guid.NewGuid(),
            Groups = new Dictionary<string, string> { ["org-level-1"] = vpOrg, ["org-level-2"] = directorOrg },
            Engaged = true, Delivered = 5, Started = 3, Completed = 2, Skipped = 1, Sessions = 2, WorkingDays = 5, MeetingMinutes = 600,
        }).ToList();

    private static IReadOnlyList<ReleasedCell> Release(List<PersonWeek> people) =>
        AnonymityGate.Release(people, Levels, Buckets, Settings, RandomNumberGenerator.GetBytes(32), "2026-W10");

    private static ReleasedCell Cell(IReadOnlyList<ReleasedCell> cells, string grouping, string group) =>
        cells.Single(c => c.Grouping == grouping && c.Group == group);

    [Fact]
    public void The_tree_puts_everyone_at_or_below_a_level_in_the_org_of_their_ancestor_there()
    {
        // ceo → vp → director → manager → ic; a second vp without reports; a person whose manager is unknown.
        var tree = new OrgTree([("ceo", null), ("vp", "ceo"), ("vp2", "ceo"), ("director", "vp"), ("manager", "director"), ("ic", "manager"), ("stray", "someone-else")]);
        Assert.Equal("director", tree.HeadAt("ic", 2));
        Assert.Equal("director", tree.HeadAt("director", 2));
        Assert.Equal("vp", tree.HeadAt("ic", 1));
        Assert.Null(tree.HeadAt("vp", 2));
        Assert.Null(tree.HeadAt("stray", 1));
        Assert.Equal("stray", tree.HeadAt("stray", 0));
        Assert.Equal(new Dictionary<string, int> { ["vp"] = 4, ["vp2"] = 1 }, tree.OrgSizes(1));
    }

    [Fact]
    public void A_loop_in_the_directory_data_ends_the_chain_instead_of_hanging()
    {
        var tree = new OrgTree([("a", "b"), ("b", "c"), ("c", "a")]);
        Assert.NotNull(tree.HeadAt("a", 2));
        Assert.Null(tree.HeadAt("a", 3));
    }

    [Fact]
    public void Adversary_a_vp_org_minus_its_only_director_org_would_be_three_people_so_the_director_org_is_withheld()
    {
        // VP org North = director org North-1 (30 people) + 3 people reporting to the VP directly.
        var people = People(30, "North", "North-1").Concat(People(3, "North", "above")).Concat(People(40, "South", "South-1")).ToList();
        var cells = Release(people);
        Assert.Null(Cell(cells, "org-level-1", "North").Hidden);
        Assert.NotNull(Cell(cells, "org-level-2", "North-1").Hidden); // overlap, or first as the small "above" group's complement
        // South: VP org and director org are the same people: only one of them is released.
        Assert.Equal(HiddenReasons.Overlap, Cell(cells, "org-level-2", "South-1").Hidden);
        AssertNoDifferenceIsolatesFewerThanK(people, cells);
    }

    [Fact]
    public void Adversary_a_vp_org_minus_the_sum_of_its_director_orgs_would_be_the_vps_direct_reports()
    {
        // North = North-1 (20) + North-2 (15) + 4 people under the VP alone. Pairwise each director org differs from
        // North by 19 or more, yet North − North-1 − North-2 = 4 people.
        var people = People(20, "North", "North-1").Concat(People(15, "North", "North-2")).Concat(People(4, "North", "above"))
            .Concat(People(30, "South", "South-1")).Concat(People(30, "South", "South-2")).Concat(People(12, "South", "above")).ToList();
        var cells = Release(people);
        Assert.Null(Cell(cells, "org-level-1", "North").Hidden);
        Assert.Equal(HiddenReasons.Overlap, Cell(cells, "org-level-2", "North-2").Hidden);
        // South's VP has 12 direct reports (≥ k): both director orgs and the VP org are released.
        Assert.Null(Cell(cells, "org-level-2", "South-1").Hidden);
        Assert.Null(Cell(cells, "org-level-2", "South-2").Hidden);
        Assert.Null(Cell(cells, "org-level-1", "South").Hidden);
        AssertNoDifferenceIsolatesFewerThanK(people, cells);
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    public void Nested_orgs_are_both_released_only_when_they_differ_by_k_people(int directReports, bool bothReleased)
    {
        var people = People(25, "North", "North-1").Concat(People(directReports, "North", "above")).Concat(People(30, "South", "South-1"))
            .Concat(People(10, "South", "above")).ToList();
        var cells = Release(people);
        Assert.Equal(bothReleased, Cell(cells, "org-level-1", "North").Hidden is null && Cell(cells, "org-level-2", "North-1").Hidden is null);
        AssertNoDifferenceIsolatesFewerThanK(people, cells);
    }

    /// <summary>
    /// HR's best subtraction: for every released group A and every set of released groups of the other grouping, the
    /// people in exactly one of A and their union are 0 or at least k (0: the union is A, which tells nothing new).
    /// </summary>
    private static void AssertNoDifferenceIsolatesFewerThanK(List<PersonWeek> people, IReadOnlyList<ReleasedCell> cells)
    {
        var shown = cells.Where(c => c.Hidden is null).ToList();
        HashSet<Guid> Members(ReleasedCell c) => people.Where(p => p.Groups[c.Grouping] == c.Group).Select(p => p.Person).ToHashSet();
        foreach (var a in shown)
        {
            var others = shown.Where(c => c.Grouping != a.Grouping).ToList();
            for (var mask = 1; mask < 1 << others.Count; mask++)
            {
                var union = others.Where((_, i) => (mask & 1 << i) != 0).SelectMany(Members).ToHashSet();
                var difference = Members(a);
                difference.SymmetricExceptWith(union);
                Assert.True(difference.Count == 0 || difference.Count >= 10,
                    $"{a.Group} against {string.Join('+', others.Where((_, i) => (mask & 1 << i) != 0).Select(c => c.Group))}: {difference.Count} people");
            }
        }
    }
}

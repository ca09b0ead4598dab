using System.Security.Cryptography;
using System.Text.Json;
using WorkplaceResilience.Core.Reporting;

namespace WorkplaceResilience.Core.Tests.Reporting;

/// <summary>
/// The anonymity gate. Besides the rules themselves, each adversarial test plays an attacker who tries to learn one
/// person's value from what is released, and fails.
/// </summary>
public sealed class AnonymityGateTests
{
    private static readonly GateSettings Settings = new(10, 0.5);
    private static readonly string[] Departments = ["department"];
    private static readonly string[] AllGroupings = ["department", "office", "country"];
    private static readonly Dictionary<string, IReadOnlyList<string>> Buckets = new()
    {
        ["skipReasons"] = ["gap", "afterBackToBack", "arrival"],
        ["practiceMix"] = ["soothing-touch", "self-compassion-break", "kind-inner-voice"],
    };

    private static PersonWeek Person(string department, string office = "Lisbon", string country = "PT", Action<PersonWeek>? change = null)
    {
        var person = new PersonWeek
        {
            Person = Guid.NewGuid(),
            Groups = new Dictionary<string, string> { ["department"] = department, ["office"] = office, ["country"] = country },
            Engaged = true, Delivered = 6, Started = 3, Completed = 2, Skipped = 2, Sessions = 2, FeltWorse = 0,
            MeetingMinutes = 900, BackToBackMinutes = 300, WorkingDays = 5, HeavyDays = 1,
        };
        person.SkippedByReason["gap"] = 2;
        person.PracticeMix["soothing-touch"] = 2;
        change?.Invoke(person);
        return person;
    }

    private static List<PersonWeek> People(int count, string department, string office = "Lisbon", string country = "PT", Action<PersonWeek>? change = null) =>
        Enumerable.Range(0, count).Select(_ => Person(department, office, country, change)).ToList();

    private static IReadOnlyList<ReleasedCell> Release(IReadOnlyList<PersonWeek> people, IReadOnlyList<string>? groupings = null,
        GateSettings? settings = null, byte[]? key = null, string period = "2026-W10") =>
        AnonymityGate.Release(people, groupings ?? Departments, Buckets, settings ?? Settings, key ?? RandomNumberGenerator.GetBytes(32), period);

    private static ReleasedCell Cell(IEnumerable<ReleasedCell> cells, string grouping, string group) =>
        cells.Single(c => c.Grouping == grouping && c.Group == group);

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(11, true)]
    public void A_group_is_released_from_k_active_people(int people, bool released)
    {
        var cell = Release(People(people, "Sales")).Single();
        Assert.Equal(released, cell.Hidden is null);
        if (!released)
        {
            Assert.Equal(HiddenReasons.SmallGroup, cell.Hidden);
            Assert.Empty(cell.Figures); // not one number of a small group, not even its head count
        }
        else Assert.NotNull(cell.Figures["people"].Value);
    }

    [Theory]
    [InlineData(3, 4, false)]
    [InlineData(3, 5, true)]
    [InlineData(12, 11, false)]
    [InlineData(12, 12, true)]
    public void A_tenant_cannot_set_k_below_five_but_may_raise_it(int configured, int people, bool released)
    {
        Assert.Equal(Math.Max(5, configured), AnonymityGate.EffectiveMinimum(configured));
        var cell = Release(People(people, "Sales"), settings: new GateSettings(configured, 0.5)).Single();
        Assert.Equal(released, cell.Hidden is null);
    }

    [Fact]
    public void Adversary_a_group_of_k_minus_1_cannot_be_recovered_from_a_sibling_subtotal()
    {
        // Legal has 9 people; the country total covers everyone. Total − Engineering − Sales would be Legal's figures,
        // so a second department is withheld with it, and together they hold at least k people.
        var people = People(9, "Legal").Concat(People(14, "Sales")).Concat(People(40, "Engineering")).ToList();
        var cells = Release(people, ["department", "country"]);

        Assert.Equal(HiddenReasons.SmallGroup, Cell(cells, "department", "Legal").Hidden);
        Assert.Equal(HiddenReasons.Complementary, Cell(cells, "department", "Sales").Hidden);
        Assert.Null(Cell(cells, "department", "Engineering").Hidden);
        Assert.Null(Cell(cells, "country", "PT").Hidden);
        // What the attacker can subtract: country − Engineering = Legal + Sales, 23 people together, never Legal alone.
        var shown = cells.Where(c => c is { Hidden: null, Grouping: "department" }).Select(c => c.Group).ToList();
        Assert.Equal(["Engineering"], shown);
    }

    [Fact]
    public void Withheld_groups_together_hold_at_least_k_people()
    {
        var people = People(3, "Legal").Concat(People(3, "Audit")).Concat(People(10, "Sales")).Concat(People(40, "Engineering")).ToList();
        var cells = Release(people);
        Assert.Equal(HiddenReasons.SmallGroup, Cell(cells, "department", "Legal").Hidden);
        Assert.Equal(HiddenReasons.SmallGroup, Cell(cells, "department", "Audit").Hidden);
        // Two withheld of 3 + 3 people: their sum would describe 6 people, so Sales goes too.
        Assert.Equal(HiddenReasons.Complementary, Cell(cells, "department", "Sales").Hidden);
        Assert.Null(Cell(cells, "department", "Engineering").Hidden);
    }

    [Fact]
    public void Adversary_two_overlapping_groups_that_differ_by_one_person_are_not_both_released()
    {
        // Sales = 29 people in Lisbon + Ana in Porto; Porto = 20 engineers + Ana. Sales − Lisbon and Porto − Engineering
        // would both be Ana.
        var people = People(29, "Sales", "Lisbon").Concat(People(1, "Sales", "Porto")).Concat(People(20, "Engineering", "Porto")).ToList();
        var cells = Release(people, ["department", "office"]);

        Assert.Null(Cell(cells, "department", "Sales").Hidden);
        Assert.Null(Cell(cells, "department", "Engineering").Hidden);
        Assert.Equal(HiddenReasons.Overlap, Cell(cells, "office", "Lisbon").Hidden);
        Assert.NotNull(Cell(cells, "office", "Porto").Hidden);
    }

    [Fact]
    public void Groups_that_differ_by_k_people_or_more_are_both_released()
    {
        var people = People(20, "Sales", "Lisbon").Concat(People(10, "Sales", "Porto")).Concat(People(20, "Engineering", "Porto")).ToList();
        var cells = Release(people, ["department", "office"]);
        Assert.All(cells, c => Assert.Null(c.Hidden));
    }

    [Fact]
    public void Adversary_a_group_where_everybody_did_the_same_thing_shows_bands_not_numbers()
    {
        // Nobody completed a break and everybody engaged: exact figures would state each person's behaviour.
        var cell = Release(People(12, "Sales", change: p => { p.Completed = 0; p.Started = 0; })).Single();

        Assert.Equal("high", cell.Figures["engagedShare"].Band);
        Assert.Equal("low", cell.Figures["completedRate"].Band);
        Assert.Equal("low", cell.Figures["startedRate"].Band);
        Assert.Null(cell.Figures["completed"].Value);
        Assert.Null(cell.Figures["started"].Value);
        Assert.Null(cell.Figures["delivered"].Value);
    }

    [Fact]
    public void Adversary_the_counts_beside_a_hidden_rate_are_withheld_too()
    {
        // 19 of 20 people started all of their breaks: the started rate is "over 90%", and started / delivered shown beside
        // it would give the exact rate back.
        var people = People(19, "Sales", change: p => { p.Started = p.Delivered; p.Skipped = 0; }).Concat(People(1, "Sales", change: p => p.Started = 0)).ToList();
        var cell = Release(people).Single();

        Assert.Equal("high", cell.Figures["startedRate"].Band);
        Assert.Null(cell.Figures["startedRate"].Value);
        Assert.Equal(HiddenReasons.RevealsBand, cell.Figures["started"].Hidden);
        Assert.Equal(HiddenReasons.RevealsBand, cell.Figures["delivered"].Hidden);
    }

    [Fact]
    public void Every_number_in_a_cell_needs_k_people_behind_it_not_only_the_head_count()
    {
        // 3 of 30 people shared check-ins and 4 skipped: numbers about them alone are withheld.
        var people = People(30, "Sales", change: p => p.Skipped = 0);
        foreach (var person in people.Take(3)) person.CheckInChange = 2;
        foreach (var person in people.Skip(10).Take(4)) person.Skipped = 5;
        var cell = Release(people).Single();

        Assert.NotNull(cell.Figures["people"].Value);
        Assert.Equal(HiddenReasons.FewPeople, cell.Figures["checkInChange"].Hidden);
        Assert.Equal(HiddenReasons.FewPeople, cell.Figures["skipped"].Hidden);
    }

    [Fact]
    public void Breakdown_buckets_need_k_people_and_an_unused_bucket_looks_like_a_rarely_used_one()
    {
        var people = People(30, "Sales");
        foreach (var person in people.Take(2)) person.PracticeMix["kind-inner-voice"] = 1;
        var mix = Release(people).Single().Breakdowns["practiceMix"];

        Assert.Equal(HiddenReasons.FewPeople, mix["kind-inner-voice"].Hidden);
        Assert.Equal(HiddenReasons.FewPeople, mix["self-compassion-break"].Hidden);
        // The two withheld buckets hold 2 people: the sum of the buckets minus the one shown would be theirs.
        Assert.Equal(HiddenReasons.Complementary, mix["soothing-touch"].Hidden);

        foreach (var person in people.Skip(10).Take(10)) person.PracticeMix["self-compassion-break"] = 1;
        mix = Release(people).Single().Breakdowns["practiceMix"];
        // Now the rare bucket's companion is the next smallest, and the big one is shown.
        Assert.NotNull(mix["soothing-touch"].Value);
        Assert.Equal(HiddenReasons.FewPeople, mix["kind-inner-voice"].Hidden);
        Assert.Equal(HiddenReasons.Complementary, mix["self-compassion-break"].Hidden);
    }

    [Fact]
    public void Adversary_repeated_reads_cannot_be_averaged_because_the_noise_is_fixed_per_cell_and_period()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var people = People(25, "Sales");
        var reads = Enumerable.Range(0, 20).Select(_ => JsonSerializer.Serialize(Release(people, key: key))).Distinct().ToList();
        Assert.Single(reads);
        // ...yet the noise is there: another period's release of the same people differs.
        var periods = Enumerable.Range(0, 20).Select(w => Cell(Release(people, key: key, period: $"2026-W{w:00}"), "department", "Sales").Figures["delivered"].Value).Distinct().Count();
        Assert.True(periods > 5, $"{periods} distinct noisy values in 20 periods");
    }

    [Fact]
    public void Adversary_the_same_group_in_consecutive_weeks_when_one_person_joins_does_not_give_the_joiner_away()
    {
        // The attacker knows everyone else's weeks exactly (the worst case) and that Ana joined in week 11. Did she complete
        // 0 or 10 breaks? Guessing from the change in "completed" must do no better than the noise allows: ε = 0.5 on that
        // value bounds the attacker's success at e^ε / (1 + e^ε) ≈ 62%; without noise it would be 100%.
        var others = People(20, "Sales");
        var correct = 0;
        const int trials = 400;
        for (var trial = 0; trial < trials; trial++)
        {
            var key = RandomNumberGenerator.GetBytes(32);
            var completedTen = trial % 2 == 0;
            var ana = Person("Sales", change: p => { p.Completed = completedTen ? 10 : 0; p.Started = 10; p.Delivered = 10; });
            var week10 = Release(others, key: key, period: "2026-W10").Single().Figures["completed"].Value!.Value;
            var week11 = Release([.. others, ana], key: key, period: "2026-W11").Single().Figures["completed"].Value!.Value;
            var othersCompleted = others.Sum(p => p.Completed);
            // Her best estimate: week 11 minus what the others are known to have done.
            var guessTen = week11 - othersCompleted > 5;
            if (guessTen == completedTen) correct++;
            _ = week10;
        }
        var bound = Math.Exp(0.5) / (1 + Math.Exp(0.5));
        Assert.True(correct / (double)trials < bound + 3 * Math.Sqrt(0.25 / trials), $"attacker right {correct} of {trials} times");
    }

    [Fact]
    public void Released_counts_carry_noise()
    {
        var people = People(25, "Sales");
        var exact = people.Sum(p => p.Delivered);
        var noisy = Enumerable.Range(0, 20).Count(_ => Release(people).Single().Figures["delivered"].Value != exact);
        Assert.True(noisy >= 15, $"{noisy} of 20 releases differ from the exact count");
    }

    [Fact]
    public void Epsilon_per_release_counts_every_noisy_value_of_each_group_a_person_is_in() =>
        Assert.Equal(3 * WeeklyMeasures.NoisyValuesPerCell * 0.5, AnonymityGate.EpsilonPerRelease(3, 0.5));

    [Fact]
    public void A_withheld_figure_in_one_group_is_withheld_in_another_so_totals_do_not_give_it_away()
    {
        // Only Legal has fewer than k people who skipped; Sales and Engineering show their skips. The grouping's total
        // (from another grouping) minus those two would be Legal's.
        var people = People(20, "Legal", change: p => p.Skipped = 0)
            .Concat(People(20, "Sales")).Concat(People(20, "Engineering")).ToList();
        people.First(p => p.Groups["department"] == "Legal").Skipped = 1;
        var cells = Release(people);
        var hidden = cells.Count(c => c.Figures["skipped"].Value is null);
        Assert.True(hidden >= 2, $"{hidden} cells withhold the skips");
        Assert.Equal(HiddenReasons.FewPeople, Cell(cells, "department", "Legal").Figures["skipped"].Hidden);
    }
}

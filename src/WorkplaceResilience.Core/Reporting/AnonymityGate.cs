namespace WorkplaceResilience.Core.Reporting;

/// <summary>A published number: a noisy <see cref="Value"/> with <see cref="PlusMinus"/>, the noise's typical size (its
/// standard deviation, worked out from released values only), or a <see cref="Band"/> ("low": under the margin, "high":
/// over 1 − margin), or <see cref="Hidden"/> with the reason (see <see cref="HiddenReasons"/>).</summary>
public sealed record Figure(double? Value, string? Band = null, string? Hidden = null, double? PlusMinus = null)
{
    public static Figure HiddenFor(string reason) => new(null, null, reason);
}

/// <summary>A group's released week. <see cref="Hidden"/> set: the whole cell is withheld and has no figures.</summary>
public sealed record ReleasedCell(
    string Grouping, string Group, string? Hidden,
    IReadOnlyDictionary<string, Figure> Figures,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, Figure>> Breakdowns);

/// <summary>Why a cell or a number is withheld; the dashboard explains each.</summary>
public static class HiddenReasons
{
    /// <summary>Fewer than k people active in the group.</summary>
    public const string SmallGroup = "small-group";
    /// <summary>Withheld so that another withheld value cannot be worked out from totals.</summary>
    public const string Complementary = "complementary";
    /// <summary>The group's members differ from another released group's by fewer than k people.</summary>
    public const string Overlap = "overlap";
    /// <summary>Fewer than k people are behind this number.</summary>
    public const string FewPeople = "few-people";
    /// <summary>Shown beside a share given as a band, it would give the share away.</summary>
    public const string RevealsBand = "reveals-band";
}

/// <param name="MinimumGroupSize">The tenant's k (raised to the floor if lower).</param>
/// <param name="EpsilonPerValue">ε spent on each noisy value.</param>
/// <param name="ActionClip">Offers or practices one person may add to a week's totals (the tenant's daily cap × 5).</param>
public sealed record GateSettings(int MinimumGroupSize, double EpsilonPerValue, int ActionClip = WeeklyMeasures.DefaultActionClip)
{
    public static int ActionClipFor(int dailyCap) => Math.Max(1, dailyCap) * WeeklyMeasures.ActionsPerCapDay;
}

/// <summary>
/// The one place every HR number passes through (DESIGN.md §5). From people's weeks it builds one cell per group of each
/// grouping and releases only what keeps every person hidden: groups of fewer than k active people are withheld, with
/// complementary suppression so no withheld group follows from totals; a group whose members differ from an already
/// released group's by fewer than k people is withheld; inside a released cell every number needs k people behind it,
/// shares near 0% or 100% become bands and the counts beside them that would reveal them are withheld; every count and
/// clipped sum carries discrete Laplace noise keyed by tenant, period, cell and measure. Pure.
/// </summary>
public static class AnonymityGate
{
    public const int FloorGroupSize = 5;
    public const int DefaultGroupSize = 10;
    /// <summary>Shares under this or over 1 − this are shown as bands.</summary>
    public const double BandMargin = 0.1;

    public static int EffectiveMinimum(int configured) => Math.Max(FloorGroupSize, configured);

    /// <summary>ε one person's data costs in one weekly release: every noisy value of each group they are in.</summary>
    public static double EpsilonPerRelease(int groupings, double epsilonPerValue) =>
        groupings * WeeklyMeasures.NoisyValuesPerCell * epsilonPerValue;

    /// <param name="buckets">Every bucket of each histogram, whether anyone used it or not: a bucket that appeared only
    /// when someone used it would tell that someone did.</param>
    public static IReadOnlyList<ReleasedCell> Release(
        IReadOnlyList<PersonWeek> people, IReadOnlyList<string> groupings, IReadOnlyDictionary<string, IReadOnlyList<string>> buckets,
        GateSettings settings, byte[] noiseKey, string period)
    {
        var k = EffectiveMinimum(settings.MinimumGroupSize);
        var cells = groupings
            .SelectMany(grouping => people.GroupBy(p => p.Groups[grouping])
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new Candidate(grouping, g.Key, g.ToList())))
            .ToList();
        var hidden = cells.Where(c => c.Active < k).ToDictionary(c => c, _ => HiddenReasons.SmallGroup);
        while (true)
        {
            foreach (var grouping in cells.GroupBy(c => c.Grouping))
                Complement(grouping.Select(c => (c, c.Active)).ToList(), hidden, k, HiddenReasons.Complementary);
            if (!WithholdOverlaps(cells, groupings, hidden, k)) break;
        }

        var released = cells.Where(c => !hidden.ContainsKey(c)).ToDictionary(c => c, c => new CellFigures(c, buckets, settings, k, noiseKey, period));
        foreach (var grouping in released.Values.GroupBy(c => c.Candidate.Grouping))
            foreach (var figure in WeeklyMeasures.Figures)
                ComplementFigure(grouping.ToList(), figure, k);

        return cells.Select(c => released.TryGetValue(c, out var figures)
            ? new ReleasedCell(c.Grouping, c.Group, null, figures.Figures, figures.Breakdowns)
            : new ReleasedCell(c.Grouping, c.Group, hidden[c], new Dictionary<string, Figure>(), new Dictionary<string, IReadOnlyDictionary<string, Figure>>()))
            .ToList();
    }

    /// <summary>
    /// Complementary suppression over parts of one whole: when anything is withheld, keep withholding the smallest shown
    /// part until at least two are withheld and together they hold k people or more, so that the whole minus what is
    /// shown describes no fewer than k people. Returns the parts newly withheld.
    /// </summary>
    public static List<T> Complement<T>(IReadOnlyList<(T Part, int People)> parts, IDictionary<T, string> withheld, int k, string reason)
        where T : notnull
    {
        var added = new List<T>();
        if (parts.Count < 2) return added;
        bool Safe() => parts.Count(p => withheld.ContainsKey(p.Part)) is var n && (n == 0 || (n >= 2 && parts.Where(p => withheld.ContainsKey(p.Part)).Sum(p => p.People) >= k));
        while (!Safe())
        {
            var next = parts.Where(p => !withheld.ContainsKey(p.Part)).OrderBy(p => p.People).FirstOrDefault();
            if (next.Part is null) break;
            withheld[next.Part] = reason;
            added.Add(next.Part);
        }
        return added;
    }

    /// <summary>
    /// The differencing guard, over groups of different groupings (a grouping's groups are disjoint), counting members
    /// and active members apart. (1) Of two released groups whose members differ by fewer than k people, the later one
    /// is withheld. (2) Nested groups: released groups of one grouping, added up, must not match another released group
    /// but for 1 to k−1 people (a VP's org minus its directors' orgs would be the few people reporting to the VP
    /// directly); the smallest of those groups is withheld, or the matched group if its grouping comes later. Returns
    /// whether anything was withheld.
    /// </summary>
    private static bool WithholdOverlaps(List<Candidate> cells, IReadOnlyList<string> groupings, Dictionary<Candidate, string> hidden, int k)
    {
        var shown = cells.Where(c => !hidden.ContainsKey(c)).ToList();
        var index = shown.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var cellsOf = new Dictionary<Guid, (List<int> Cells, bool Active)>();
        foreach (var cell in shown)
            foreach (var person in cell.Members)
            {
                if (!cellsOf.TryGetValue(person.Person, out var entry)) cellsOf[person.Person] = entry = ([], person.Active);
                entry.Cells.Add(index[cell]);
            }
        var shared = new Dictionary<(int, int), (int All, int Active)>();
        foreach (var (list, active) in cellsOf.Values)
            for (var a = 0; a < list.Count; a++)
                for (var b = a + 1; b < list.Count; b++)
                {
                    var pair = (Math.Min(list[a], list[b]), Math.Max(list[a], list[b]));
                    var (all, activeCount) = shared.GetValueOrDefault(pair);
                    shared[pair] = (all + 1, activeCount + (active ? 1 : 0));
                }
        var changed = false;
        foreach (var ((first, second), common) in shared.OrderBy(p => p.Key.Item2).ThenBy(p => p.Key.Item1))
        {
            if (hidden.ContainsKey(shown[first]) || hidden.ContainsKey(shown[second])) continue;
            var (a, b) = (shown[first], shown[second]);
            if (a.Members.Count + b.Members.Count - 2 * common.All >= k && a.Active + b.Active - 2 * common.Active >= k) continue;
            hidden[b] = HiddenReasons.Overlap;
            changed = true;
        }
        if (changed) return true;

        // (2): for a group A and another grouping's groups B, |A Δ ∪T| over a set T of them is least when T holds every
        // B with more members inside A than outside: |A| + Σ (|B| − 2|A ∩ B|) over those.
        var order = groupings.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i);
        var overlapping = shared.SelectMany(p => new[] { (A: p.Key.Item1, B: p.Key.Item2, p.Value), (A: p.Key.Item2, B: p.Key.Item1, p.Value) })
            .GroupBy(x => (x.A, shown[x.B].Grouping));
        foreach (var group in overlapping.OrderBy(g => g.Key.A))
        {
            var a = shown[group.Key.A];
            if (hidden.ContainsKey(a)) continue;
            var inside = group.Where(x => !hidden.ContainsKey(shown[x.B])).ToList();
            foreach (var (count, common) in new (Func<Candidate, int> Count, Func<(int All, int Active), int> Common)[]
                     { (c => c.Members.Count, c => c.All), (c => c.Active, c => c.Active) })
            {
                var nested = inside.Where(x => count(shown[x.B]) - 2 * common(x.Value) < 0).ToList();
                if (nested.Count < 2) continue; // a single group is the pairwise rule's
                var remainder = count(a) + nested.Sum(x => count(shown[x.B]) - 2 * common(x.Value));
                if (remainder == 0 || remainder >= k) continue; // exactly their union isolates nobody
                var withheld = order[a.Grouping] > order[group.Key.Grouping] ? a : nested.Select(x => shown[x.B]).OrderBy(count).First();
                hidden[withheld] = HiddenReasons.Overlap;
                changed = true; // later groups see it withheld; the caller runs the guard again until nothing changes
                break;
            }
        }
        return changed;
    }

    /// <summary>The same figure withheld in one group of a grouping but shown in the others would follow from totals.</summary>
    private static void ComplementFigure(List<CellFigures> cells, FigureDefinition figure, int k)
    {
        var withheld = cells.Where(c => c.Figures[figure.Name].Value is null).ToDictionary(c => c, c => c.Figures[figure.Name].Hidden ?? "band");
        foreach (var cell in Complement(cells.Select(c => (c, c.Behind(figure.Numerator))).ToList(), withheld, k, HiddenReasons.Complementary))
            cell.Figures[figure.Name] = Figure.HiddenFor(HiddenReasons.Complementary);
    }

    internal sealed record Candidate(string Grouping, string Group, List<PersonWeek> Members)
    {
        /// <summary>Members active in the period: the k rule's count.</summary>
        public int Active { get; } = Members.Count(m => m.Active);
    }

    /// <summary>One released cell's figures and breakdowns, computed from its members' clipped, noised sums.</summary>
    private sealed class CellFigures
    {
        private readonly Dictionary<string, (double Raw, double Noisy, int Behind)> measures = [];
        private readonly GateSettings settings;
        public Candidate Candidate { get; }
        public Dictionary<string, Figure> Figures { get; } = [];
        public Dictionary<string, IReadOnlyDictionary<string, Figure>> Breakdowns { get; } = [];

        public CellFigures(Candidate cell, IReadOnlyDictionary<string, IReadOnlyList<string>> buckets, GateSettings settings, int k, byte[] key, string period)
        {
            Candidate = cell;
            var label = $"{period}|{cell.Grouping}|{cell.Group}";
            this.settings = settings;
            foreach (var measure in WeeklyMeasures.Measures)
            {
                var clip = measure.ClipFor(settings);
                long sum = 0;
                var behind = 0;
                foreach (var person in cell.Members)
                {
                    sum += (long)Math.Round(Math.Clamp(measure.Value(person), -clip, clip) * measure.Scale);
                    if (measure.Behind(person)) behind++;
                }
                var noise = DiscreteLaplace.Sample(key, $"{label}|{measure.Name}", settings.EpsilonPerValue, clip * measure.Scale);
                var noisy = (double)(sum + noise) / measure.Scale;
                // Only a signed measure may go below zero; clamping is post-processing and costs no privacy.
                measures[measure.Name] = ((double)sum / measure.Scale, measure.Name == "checkInChange" ? noisy : Math.Max(0, noisy), behind);
            }
            foreach (var (value, bound, less) in WeeklyMeasures.Bounds)
            {
                var limit = measures[bound].Noisy - (less is null ? 0 : measures[less].Noisy);
                var current = measures[value];
                measures[value] = current with { Noisy = Math.Clamp(current.Noisy, 0, Math.Max(0, limit)) };
            }

            foreach (var figure in WeeklyMeasures.Figures) Figures[figure.Name] = Compute(figure, k);
            foreach (var figure in WeeklyMeasures.Figures.Where(f => Figures[f.Name].Band is not null && f.RevealedBy is not null))
                foreach (var count in figure.RevealedBy!)
                    if (Figures[count].Value is not null) Figures[count] = Figure.HiddenFor(HiddenReasons.RevealsBand);

            foreach (var histogram in WeeklyMeasures.Histograms)
                Breakdowns[histogram.Name] = Breakdown(histogram, buckets.GetValueOrDefault(histogram.Name) ?? [], cell, settings, k, key, label);
        }

        public int Behind(string measure) => measures[measure].Behind;

        private Figure Compute(FigureDefinition figure, int k)
        {
            var (rawTop, noisyTop, behindTop) = measures[figure.Numerator];
            var topPlusMinus = WeeklyMeasures.Find(figure.Numerator).PlusMinus(settings);
            if (figure.Denominator is null)
                return behindTop < k ? Figure.HiddenFor(HiddenReasons.FewPeople)
                    : new Figure(Math.Round(noisyTop, figure.Decimals), PlusMinus: Round(topPlusMinus, figure.Decimals));
            var (rawBottom, noisyBottom, behindBottom) = measures[figure.Denominator];
            if (behindBottom < k || rawBottom <= 0) return Figure.HiddenFor(HiddenReasons.FewPeople);
            if (figure.IsShare)
            {
                var share = rawTop / rawBottom;
                if (share < BandMargin) return new Figure(null, "low");
                if (share > 1 - BandMargin) return new Figure(null, "high");
            }
            if (behindTop < k || noisyBottom <= 0) return Figure.HiddenFor(HiddenReasons.FewPeople);
            var ratio = noisyTop / noisyBottom;
            var value = ratio * figure.Multiplier;
            if (figure.IsShare) value = Math.Clamp(value, BandMargin, 1 - BandMargin);
            // A ratio's typical error to first order: √(σ_top² + ratio²·σ_bottom²) / bottom, from released values only.
            var bottomPlusMinus = WeeklyMeasures.Find(figure.Denominator).PlusMinus(settings);
            var plusMinus = Math.Sqrt(topPlusMinus * topPlusMinus + ratio * ratio * bottomPlusMinus * bottomPlusMinus) / noisyBottom * figure.Multiplier;
            if (figure.IsShare) plusMinus = Math.Min(plusMinus, 1);
            return new Figure(Math.Round(value, figure.Decimals), PlusMinus: Round(plusMinus, figure.Decimals));
        }

        /// <summary>The typical error shown with one more decimal than the figure, so a small one does not read as zero.</summary>
        private static double Round(double plusMinus, int decimals) => Math.Round(plusMinus, decimals + 1);

        private static Dictionary<string, Figure> Breakdown(Histogram histogram, IReadOnlyList<string> names, Candidate cell, GateSettings settings, int k, byte[] key, string label)
        {
            var sums = names.Distinct().ToDictionary(n => n, _ => (Sum: 0L, Behind: 0), StringComparer.Ordinal);
            foreach (var person in cell.Members)
            {
                var budget = settings.ActionClip;
                foreach (var (bucket, count) in histogram.Buckets(person).Where(b => sums.ContainsKey(b.Key)).OrderBy(b => b.Key, StringComparer.Ordinal))
                {
                    var taken = Math.Min(count, budget);
                    budget -= taken;
                    if (taken <= 0) continue;
                    var (sum, behind) = sums[bucket];
                    sums[bucket] = (sum + taken, behind + 1);
                }
            }
            var figures = new Dictionary<string, Figure>(StringComparer.Ordinal);
            var withheld = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (bucket, (sum, behind)) in sums)
            {
                if (behind < k) { withheld[bucket] = HiddenReasons.FewPeople; continue; }
                var noise = DiscreteLaplace.Sample(key, $"{label}|{histogram.Name}|{bucket}", settings.EpsilonPerValue, settings.ActionClip);
                figures[bucket] = new Figure(Math.Max(0, sum + noise), PlusMinus: Math.Round(Math.Sqrt(DiscreteLaplace.Variance(settings.EpsilonPerValue, settings.ActionClip)), 1));
            }
            Complement(sums.Select(s => (s.Key, s.Value.Behind)).ToList(), withheld, k, HiddenReasons.Complementary);
            foreach (var (bucket, reason) in withheld) figures[bucket] = Figure.HiddenFor(reason);
            return figures;
        }
    }
}

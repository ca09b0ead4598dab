namespace WorkplaceResilience.Core.Reporting;

/// <summary>
/// One person's ISO week as the rollup reads it from the raw rows (offers, practice sessions, calendar). It lives only
/// in memory while a week is rolled up: nothing per person is ever stored or shown to HR.
/// </summary>
public sealed class PersonWeek
{
    public required Guid Person { get; init; }
    /// <summary>The person's group in each grouping (department, office, country, org at a level of the manager tree).</summary>
    public required IReadOnlyDictionary<string, string> Groups { get; init; }
    /// <summary>Did anything this week (a calendar entry, an offer or a practice). The k rule counts active people; a
    /// member who did nothing counts only in <c>members</c> and the opted-in share.</summary>
    public bool Active { get; set; } = true;
    /// <summary>Has breaks on (their own setting).</summary>
    public bool OptedIn { get; set; }
    /// <summary>Answered at least one offer or ran a practice this week.</summary>
    public bool Engaged { get; set; }
    public int Delivered { get; set; }
    public int Started { get; set; }
    public int Completed { get; set; }
    public int Skipped { get; set; }
    /// <summary>Skipped offers by the reason the person gave (busy, not now, not helpful, other, or none).</summary>
    public Dictionary<string, int> SkippedByReason { get; } = new(StringComparer.Ordinal);
    /// <summary>Practices run this week, by practice id.</summary>
    public Dictionary<string, int> PracticeMix { get; } = new(StringComparer.Ordinal);
    public int Sessions { get; set; }
    public int FeltWorse { get; set; }
    /// <summary>Mean check-in change after minus before (higher is better), only when the person allowed it to be reported.</summary>
    public double? CheckInChange { get; set; }
    public int MeetingMinutes { get; set; }
    public int BackToBackMinutes { get; set; }
    /// <summary>Working days (the person's local days) the week's figures cover.</summary>
    public int WorkingDays { get; set; }
    /// <summary>Working days with two hours or more of back-to-back meetings.</summary>
    public int HeavyDays { get; set; }
}

/// <summary>
/// A noisy primitive of a cell: each person contributes <see cref="Value"/> clipped to ±<see cref="Clip"/> (so one person
/// moves the total by at most Clip: the noise's sensitivity), multiplied by <see cref="Scale"/> to count in whole units.
/// <see cref="Behind"/> says whether a person is one of the people behind the number (for the k rule). A measure that
/// <see cref="CountsActions"/> (offers, practices) is clipped to the release's <see cref="GateSettings.ActionClip"/> instead.
/// </summary>
public sealed record Measure(string Name, double Clip, Func<PersonWeek, double> Value, Func<PersonWeek, bool> Behind, int Scale = 1, bool CountsActions = false)
{
    public double ClipFor(GateSettings settings) => CountsActions ? settings.ActionClip : Clip;

    /// <summary>The noise's standard deviation on this measure's total, in its own units.</summary>
    public double PlusMinus(GateSettings settings) =>
        Math.Sqrt(DiscreteLaplace.Variance(settings.EpsilonPerValue, ClipFor(settings) * Scale)) / Scale;
}

/// <summary>A noisy histogram (skip reasons, practice mix): each person's buckets together clipped to the release's
/// <see cref="GateSettings.ActionClip"/>.</summary>
public sealed record Histogram(string Name, Func<PersonWeek, IReadOnlyDictionary<string, int>> Buckets);

/// <summary>
/// What HR sees in a cell: a count (<see cref="Denominator"/> null), or a ratio of two noisy measures times
/// <see cref="Multiplier"/>. A share (0..1) near 0% or 100% is shown as a band; when it is, the shown counts named in
/// <see cref="RevealedBy"/> are withheld too, since they would give it away.
/// </summary>
public sealed record FigureDefinition(
    string Name, string Numerator, string? Denominator = null, bool IsShare = false, double Multiplier = 1,
    int Decimals = 0, IReadOnlyList<string>? RevealedBy = null);

/// <summary>The catalogue of what a weekly rollup measures and publishes.</summary>
public static class WeeklyMeasures
{
    /// <summary>Offers and practices a person may add to a week's totals: the daily cap × 5 working days; more is
    /// rare and is clipped. Without a tenant's cap, the product's default cap (3).</summary>
    public const int ActionsPerCapDay = 5;
    public const int DefaultActionClip = 3 * ActionsPerCapDay;
    public const double CheckInClip = 3;
    public const int MeetingMinutesClip = 40 * 60;
    public const int BackToBackMinutesClip = 25 * 60;
    public const int DaysClip = 7;

    public static readonly IReadOnlyList<Measure> Measures =
    [
        new("members", 1, _ => 1, _ => true),
        new("optedIn", 1, p => p.OptedIn ? 1 : 0, p => p.OptedIn),
        new("people", 1, p => p.Active ? 1 : 0, p => p.Active),
        new("engaged", 1, p => p.Engaged ? 1 : 0, p => p.Engaged),
        Actions("delivered", p => p.Delivered),
        Actions("started", p => p.Started),
        Actions("completed", p => p.Completed),
        Actions("skipped", p => p.Skipped),
        Actions("sessions", p => p.Sessions),
        Actions("feltWorse", p => p.FeltWorse),
        new("checkInSharers", 1, p => p.CheckInChange is null ? 0 : 1, p => p.CheckInChange is not null),
        // Tenths of a scale point, so that the noise is on whole numbers.
        new("checkInChange", CheckInClip, p => p.CheckInChange ?? 0, p => p.CheckInChange is not null, Scale: 10),
        new("meetingMinutes", MeetingMinutesClip, p => p.MeetingMinutes, p => p.MeetingMinutes > 0),
        new("backToBackMinutes", BackToBackMinutesClip, p => p.BackToBackMinutes, p => p.BackToBackMinutes > 0),
        new("workingDays", DaysClip, p => p.WorkingDays, p => p.WorkingDays > 0),
        new("heavyDays", DaysClip, p => p.HeavyDays, p => p.HeavyDays > 0),
    ];

    /// <summary>A count of offers or practices, clipped to the release's action clip.</summary>
    private static Measure Actions(string name, Func<PersonWeek, int> count) =>
        new(name, Clip: 0, p => count(p), p => count(p) > 0, CountsActions: true);

    public static readonly IReadOnlyList<Histogram> Histograms =
    [
        new("skipReasons", p => p.SkippedByReason),
        new("practiceMix", p => p.PracticeMix),
    ];

    /// <summary>
    /// Consistency of the noisy totals, enforced after the noise (post-processing: it reads only released values, so it
    /// costs no privacy): in this order, each value is at most its bound (minus another value, for skips: an offer is
    /// either started or skipped), and none is below zero. So completed ≤ started ≤ delivered, people ≤ members, etc.
    /// </summary>
    public static readonly IReadOnlyList<(string Value, string Bound, string? Less)> Bounds =
    [
        ("optedIn", "members", null), ("people", "members", null), ("engaged", "people", null), ("checkInSharers", "people", null),
        ("started", "delivered", null), ("completed", "started", null), ("skipped", "delivered", "started"),
        ("feltWorse", "sessions", null), ("backToBackMinutes", "meetingMinutes", null), ("heavyDays", "workingDays", null),
    ];

    public static readonly IReadOnlyList<FigureDefinition> Figures =
    [
        new("people", "people"),
        new("optedInShare", "optedIn", "members", IsShare: true, Decimals: 2),
        new("engagedShare", "engaged", "people", IsShare: true, Decimals: 2),
        new("delivered", "delivered"),
        new("started", "started"),
        new("completed", "completed"),
        new("skipped", "skipped"),
        new("startedRate", "started", "delivered", IsShare: true, Decimals: 2, RevealedBy: ["started", "delivered"]),
        new("completedRate", "completed", "delivered", IsShare: true, Decimals: 2, RevealedBy: ["completed", "delivered"]),
        new("skippedRate", "skipped", "delivered", IsShare: true, Decimals: 2, RevealedBy: ["skipped", "delivered"]),
        new("feltWorseRate", "feltWorse", "sessions", IsShare: true, Decimals: 2),
        new("checkInChange", "checkInChange", "checkInSharers", Decimals: 1),
        new("meetingHoursPerPerson", "meetingMinutes", "people", Multiplier: 1 / 60.0, Decimals: 1),
        new("backToBackMinutesPerDay", "backToBackMinutes", "workingDays", Decimals: 0),
        new("heavyDayShare", "heavyDays", "workingDays", IsShare: true, Decimals: 2),
    ];

    /// <summary>Noisy values one person's data enters per cell: each costs the configured ε.</summary>
    public static int NoisyValuesPerCell => Measures.Count + Histograms.Count;

    public static Measure Find(string name) => Measures.First(m => m.Name == name);
}

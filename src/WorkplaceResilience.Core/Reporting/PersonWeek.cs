namespace WorkplaceResilience.Core.Reporting;

/// <summary>
/// One person's ISO week as the rollup reads it from the raw rows (offers, practice sessions, calendar). It lives only
/// in memory while a week is rolled up: nothing per person is ever stored or shown to HR.
/// </summary>
public sealed class PersonWeek
{
    public required Guid Person { get; init; }
    /// <summary>The person's group in each grouping (department, office, country).</summary>
    public required IReadOnlyDictionary<string, string> Groups { get; init; }
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
/// <see cref="Behind"/> says whether a person is one of the people behind the number (for the k rule).
/// </summary>
public sealed record Measure(string Name, double Clip, Func<PersonWeek, double> Value, Func<PersonWeek, bool> Behind, int Scale = 1);

/// <summary>A noisy histogram (skip reasons, practice mix): each person's buckets together clipped to <see cref="Clip"/>.</summary>
public sealed record Histogram(string Name, int Clip, Func<PersonWeek, IReadOnlyDictionary<string, int>> Buckets);

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
    public const int OfferClip = 20;
    public const int SessionClip = 20;
    public const double CheckInClip = 3;
    public const int MeetingMinutesClip = 40 * 60;
    public const int BackToBackMinutesClip = 25 * 60;
    public const int DaysClip = 7;

    public static readonly IReadOnlyList<Measure> Measures =
    [
        new("people", 1, _ => 1, _ => true),
        new("engaged", 1, p => p.Engaged ? 1 : 0, p => p.Engaged),
        new("delivered", OfferClip, p => p.Delivered, p => p.Delivered > 0),
        new("started", OfferClip, p => p.Started, p => p.Started > 0),
        new("completed", OfferClip, p => p.Completed, p => p.Completed > 0),
        new("skipped", OfferClip, p => p.Skipped, p => p.Skipped > 0),
        new("sessions", SessionClip, p => p.Sessions, p => p.Sessions > 0),
        new("feltWorse", SessionClip, p => p.FeltWorse, p => p.FeltWorse > 0),
        new("checkInSharers", 1, p => p.CheckInChange is null ? 0 : 1, p => p.CheckInChange is not null),
        // Tenths of a scale point, so that the noise is on whole numbers.
        new("checkInChange", CheckInClip, p => p.CheckInChange ?? 0, p => p.CheckInChange is not null, Scale: 10),
        new("meetingMinutes", MeetingMinutesClip, p => p.MeetingMinutes, p => p.MeetingMinutes > 0),
        new("backToBackMinutes", BackToBackMinutesClip, p => p.BackToBackMinutes, p => p.BackToBackMinutes > 0),
        new("workingDays", DaysClip, p => p.WorkingDays, p => p.WorkingDays > 0),
        new("heavyDays", DaysClip, p => p.HeavyDays, p => p.HeavyDays > 0),
    ];

    public static readonly IReadOnlyList<Histogram> Histograms =
    [
        new("skipReasons", OfferClip, p => p.SkippedByReason),
        new("practiceMix", SessionClip, p => p.PracticeMix),
    ];

    public static readonly IReadOnlyList<FigureDefinition> Figures =
    [
        new("people", "people"),
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

using WorkplaceResilience.Core.Practices;

namespace WorkplaceResilience.Core.Planning;

/// <summary>
/// What one person chose about their breaks. Each choice applies within the organisation's settings: the person may
/// ask for fewer breaks or more quiet time than the organisation allows, never more breaks or less quiet time.
/// </summary>
public sealed record BreakPreferences
{
    public static readonly BreakPreferences Default = new();

    /// <summary>False: no offers at all, and the host reads and keeps nothing new about the person.</summary>
    public bool BreaksOn { get; init; } = true;

    /// <summary>Break lengths the person accepts (a subset of 1, 3 and 5 minutes).</summary>
    public IReadOnlyList<int> Lengths { get; init; } = [1, 3, 5];

    /// <summary>The person's own daily cap; null keeps the organisation's. Never above the organisation's.</summary>
    public int? DailyCap { get; init; }

    /// <summary>Least time between two offers; null keeps the planner's default. Never below the default.</summary>
    public TimeSpan? MinimumSpacing { get; init; }

    /// <summary>The person's quiet hours, on top of the organisation's.</summary>
    public QuietPeriod? QuietHours { get; init; }

    /// <summary>The person's own working day, replacing their mailbox's start and end (days stay the mailbox's).</summary>
    public (TimeOnly Start, TimeOnly End)? WorkingHours { get; init; }

    public bool TentativeIsBusy { get; init; } = true;

    public bool ArrivalPractice { get; init; }

    /// <summary>The practice family the person prefers; adaptation starts leaning toward it.</summary>
    public PracticeFamily? PreferredFamily { get; init; }

    /// <summary>No offers before this local date: breaks resume on it.</summary>
    public DateOnly? PausedUntil { get; init; }

    /// <summary>The settings the planner uses for this person: the organisation's, narrowed by the person's choices.</summary>
    public PlannerSettings ApplyTo(PlannerSettings organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        return organisation with
        {
            DailyCap = Math.Min(DailyCap ?? organisation.DailyCap, organisation.DailyCap),
            MinimumSpacing = MinimumSpacing is { } spacing && spacing > organisation.MinimumSpacing ? spacing : organisation.MinimumSpacing,
            QuietHours = QuietHours is { } quiet ? [.. organisation.QuietHours, quiet] : organisation.QuietHours,
            Lengths = Lengths.Count > 0 ? Lengths : organisation.Lengths,
            TentativeIsBusy = TentativeIsBusy,
            ArrivalPractice = ArrivalPractice,
        };
    }

    /// <summary>The person's working hours: their own start and end if they set them, otherwise the mailbox's.</summary>
    public WorkingHours ApplyTo(WorkingHours mailbox)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        return WorkingHours is { } own ? mailbox with { Start = own.Start, End = own.End } : mailbox;
    }

    /// <summary>Whether the person wants no offers at all on <paramref name="day"/>.</summary>
    public bool IsOff(DateOnly day) => !BreaksOn || (PausedUntil is { } until && day < until);
}

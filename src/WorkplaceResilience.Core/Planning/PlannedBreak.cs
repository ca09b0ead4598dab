namespace WorkplaceResilience.Core.Planning;

/// <summary>Why the planner chose a moment.</summary>
public enum BreakReason
{
    /// <summary>A gap between meetings long enough for a practice.</summary>
    Gap,
    /// <summary>The first gap after a long run of back-to-back meetings.</summary>
    AfterBackToBack,
    /// <summary>
    /// A 60-second arrival practice at the start of the next meeting, offered only when the gap before it is
    /// shorter than the shortest practice and the person asked for these (<see cref="PlannerSettings.ArrivalPractice"/>).
    /// </summary>
    Arrival,
}

/// <summary>A break the planner proposes: when, how long, and why. <see cref="Start"/> carries the person's own UTC offset.</summary>
public readonly record struct PlannedBreak(DateTimeOffset Start, int LengthMinutes, BreakReason Reason)
{
    public DateTimeOffset End => Start.AddMinutes(LengthMinutes);
}

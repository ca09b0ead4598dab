namespace WorkplaceResilience.Core.Planning;

public enum BreakReason { Gap, AfterBackToBack }

/// <summary>A break the planner proposes: when, how long, and why.</summary>
public readonly record struct PlannedBreak(DateTimeOffset Start, int LengthMinutes, BreakReason Reason)
{
    public DateTimeOffset End => Start.AddMinutes(LengthMinutes);
}

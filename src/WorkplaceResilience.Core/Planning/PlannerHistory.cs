namespace WorkplaceResilience.Core.Planning;

/// <summary>"Not now, remind me later": no offer from <see cref="At"/> until <see cref="Until"/>.</summary>
public readonly record struct Snooze(DateTimeOffset At, DateTimeOffset Until);

/// <summary>
/// What already happened that the planner must respect when it plans (or re-plans) a day. All optional;
/// <see cref="Empty"/> plans a fresh day.
/// </summary>
public sealed record PlannerHistory
{
    public static readonly PlannerHistory Empty = new();

    /// <summary>Plan nothing before this instant (the host passes "now" when it re-plans during the day).</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>"Pause for today" or "pause this week": no offers before this instant (see <see cref="Pause"/>).</summary>
    public DateTimeOffset? PausedUntil { get; init; }

    /// <summary>Snoozes the person took; each blocks offers from its start to its end.</summary>
    public IReadOnlyList<Snooze> Snoozes { get; init; } = [];

    /// <summary>Offers already delivered on the day: they count against the cap and the spacing.</summary>
    public IReadOnlyList<DateTimeOffset> OffersToday { get; init; } = [];

    /// <summary>Offers skipped on the day: the next offer waits longer (<see cref="PlannerSettings.SpacingAfterSkipFactor"/>).</summary>
    public IReadOnlyList<DateTimeOffset> SkipsToday { get; init; } = [];

    /// <summary>Offers skipped in a row, most recent last, across days; resets when the person accepts one.</summary>
    public int ConsecutiveSkips { get; init; }
}

/// <summary>Pure helpers that turn "pause for today/this week" into an instant in the person's own zone.</summary>
public static class Pause
{
    /// <summary>The next local midnight after <paramref name="now"/>.</summary>
    public static DateTimeOffset UntilEndOfToday(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = ZoneOffsets.LocalTime(zone, now);
        return WorkingHours.LocalToInstant(zone, local.Date.AddDays(1), earlier: true);
    }

    /// <summary>Local midnight at the start of next week (weeks start on <paramref name="firstDayOfWeek"/>, Monday by default).</summary>
    public static DateTimeOffset UntilEndOfWeek(DateTimeOffset now, TimeZoneInfo zone, DayOfWeek firstDayOfWeek = DayOfWeek.Monday)
    {
        var local = ZoneOffsets.LocalTime(zone, now).Date;
        var days = ((int)firstDayOfWeek - (int)local.DayOfWeek + 7) % 7;
        if (days == 0) days = 7;
        return WorkingHours.LocalToInstant(zone, local.AddDays(days), earlier: true);
    }
}

namespace WorkplaceResilience.GraphSimulator.Calendar;

/// <summary>What a churn change does to a calendar.</summary>
public enum ChurnKind
{
    Add,
    Move,
    Cancel,
    Delete,
}

/// <summary>A change the churn will make (<see cref="At"/> is on the simulator's clock).</summary>
public sealed record ChurnChange(DateTimeOffset At, Guid UserId, ChurnKind Kind);

/// <summary>A change the churn made, with the span of time it touched (old and new times of a moved event).</summary>
public sealed record AppliedChange(DateTimeOffset At, Guid UserId, ChurnKind Kind, string EventId, DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// A working day of calendar churn under the simulator's clock: about 15 changes per person between 08:00 and 18:00
/// of their own time zone, mostly in the next two days (the ones breaks are planned for). Plan a day, then move the
/// clock and call <see cref="ApplyDue"/>; each change goes through the simulator, so subscribers are notified.
/// </summary>
public sealed class CalendarChurn(GraphSimulatorServer server, int seed = 11)
{
    private readonly Random random = new(seed);
    private readonly Dictionary<Guid, TimeZoneInfo> zones = server.Tenant.Users.ToDictionary(u => u.Id, u => TimeZoneInfo.FindSystemTimeZoneById(u.TimeZone));
    private readonly List<AppliedChange> applied = [];
    private readonly Lock gate = new();
    private List<ChurnChange> planned = [];
    private int next;

    public IReadOnlyList<AppliedChange> Applied
    {
        get { lock (gate) return applied.ToList(); }
    }

    /// <summary>Plans (replacing any earlier plan) the changes of one working day for the given people (everyone by default).</summary>
    public IReadOnlyList<ChurnChange> PlanDay(DateOnly day, int changesPerPerson = 15, IEnumerable<Guid>? people = null)
    {
        lock (gate)
        {
            var changes = new List<ChurnChange>();
            foreach (var userId in people ?? zones.Keys)
            {
                var from = Local(userId, day, new TimeOnly(8, 0));
                var minutes = (int)(Local(userId, day, new TimeOnly(18, 0)) - from).TotalMinutes;
                for (var i = 0; i < changesPerPerson; i++)
                {
                    var kind = random.Next(10) switch
                    {
                        < 4 => ChurnKind.Add,
                        < 7 => ChurnKind.Move,
                        < 8 => ChurnKind.Cancel,
                        _ => ChurnKind.Delete,
                    };
                    changes.Add(new ChurnChange(from.AddSeconds(random.Next(minutes * 60)), userId, kind));
                }
            }

            planned = changes.OrderBy(c => c.At).ToList();
            next = 0;
            return planned;
        }
    }

    /// <summary>When the next planned change is due; null when the plan is done.</summary>
    public DateTimeOffset? NextAt
    {
        get { lock (gate) return next < planned.Count ? planned[next].At : null; }
    }

    /// <summary>Makes every planned change due by <paramref name="now"/>; returns how many were made.</summary>
    public int ApplyDue(DateTimeOffset now)
    {
        lock (gate)
        {
            var made = 0;
            for (; next < planned.Count && planned[next].At <= now; next++)
            {
                applied.Add(Apply(planned[next]));
                made++;
            }

            return made;
        }
    }

    private AppliedChange Apply(ChurnChange change)
    {
        var zone = zones[change.UserId];
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(change.At, zone).DateTime);
        var candidates = change.Kind == ChurnKind.Add
            ? []
            : server.Truth(change.UserId, change.At, Local(change.UserId, today.AddDays(7), TimeOnly.MinValue))
                .Where(e => !e.IsAllDay && !e.IsCancelled && e.Start > change.At)
                .ToList();
        if (candidates.Count == 0)
        {
            change = change with { Kind = ChurnKind.Add };
        }

        switch (change.Kind)
        {
            case ChurnKind.Add:
            {
                var (start, end) = Slot(change.UserId, today, change.At);
                var id = server.AddEvent(change.UserId, start, end, "Churn meeting", random.Next(5) == 0 ? "tentative" : "busy");
                return new AppliedChange(change.At, change.UserId, change.Kind, id, start, end);
            }
            case ChurnKind.Move:
            {
                var target = candidates[random.Next(candidates.Count)];
                var (start, end) = Slot(change.UserId, today, change.At, target.End - target.Start);
                server.MoveEvent(change.UserId, target.Id, start, end);
                return new AppliedChange(change.At, change.UserId, change.Kind, target.Id,
                    start < target.Start ? start : target.Start, end > target.End ? end : target.End);
            }
            case ChurnKind.Cancel:
            {
                var target = candidates[random.Next(candidates.Count)];
                server.CancelEvent(change.UserId, target.Id);
                return new AppliedChange(change.At, change.UserId, change.Kind, target.Id, target.Start, target.End);
            }
            default:
            {
                var target = candidates[random.Next(candidates.Count)];
                server.DeleteEvent(change.UserId, target.Id);
                return new AppliedChange(change.At, change.UserId, change.Kind, target.Id, target.Start, target.End);
            }
        }
    }

    /// <summary>A half-hour slot in working hours after <paramref name="after"/>: today or tomorrow most often, else within the week.</summary>
    private (DateTimeOffset Start, DateTimeOffset End) Slot(Guid userId, DateOnly today, DateTimeOffset after, TimeSpan? length = null)
    {
        var span = length ?? TimeSpan.FromMinutes(random.Next(2) == 0 ? 30 : 60);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var day = today.AddDays(random.Next(10) switch { < 4 => 0, < 7 => 1, var n => n - 5 });
            var start = Local(userId, day, new TimeOnly(8, 0).AddMinutes(30 * random.Next(18)));
            if (start > after)
            {
                return (start, start + span);
            }
        }

        var fallback = Local(userId, today.AddDays(1), new TimeOnly(10, 0));
        return (fallback, fallback + span);
    }

    private DateTimeOffset Local(Guid userId, DateOnly day, TimeOnly time)
    {
        var zone = zones[userId];
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}

using WorkplaceResilience.Core.Planning;

namespace WorkplaceResilience.Core.Tests.Planning;

/// <summary>
/// 100,000 seeded random days per run across zones with DST, negative DST and midnight transitions, overnight shifts,
/// 0–500 entries (overlapping, zero-length, all-day, duplicated with other flags) in shuffled order, random settings and
/// histories. Every offer is checked against an oracle written the simple way (instants and .NET's own conversions, not
/// the planner's <see cref="ZoneOffsets"/>).
/// </summary>
public class BreakPlannerPropertyTests
{
    private const int Days = 100_000;

    private static readonly string[] Zones =
    [
        "America/Los_Angeles", "Europe/Berlin", "Europe/Dublin", "America/Havana", "Atlantic/Azores", "America/Santiago",
        "America/Asuncion", "Africa/Casablanca", "Australia/Sydney", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham",
        "America/St_Johns", "Pacific Standard Time", "W. Europe Standard Time", "UTC",
    ];

    /// <summary>For each zone, the dates around which its offset changes (2024–2026), found by converting instants.</summary>
    private static readonly (TimeZoneInfo Zone, DateOnly[] Changes)[] ZoneChanges = Zones.Select(id =>
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(id);
        var changes = new List<DateOnly>();
        for (var d = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc); d.Year < 2027; d = d.AddDays(1))
            if (zone.GetUtcOffset(d) != zone.GetUtcOffset(d.AddDays(1)))
                changes.Add(DateOnly.FromDateTime(d));
        return (zone, changes.ToArray());
    }).ToArray();

    [Fact]
    public void Random_days_keep_every_rule()
    {
        var offers = 0L;
        var failures = new List<string>();
        Parallel.For(0, Environment.ProcessorCount, worker =>
        {
            var mine = 0L;
            for (var seed = worker; seed < Days; seed += Environment.ProcessorCount)
            {
                try { mine += CheckOneDay(seed); }
                catch (Exception error) { lock (failures) failures.Add($"seed {seed}: {error.Message}"); }
                if (failures.Count > 0) break;
            }
            Interlocked.Add(ref offers, mine);
        });
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(3)));
        Assert.True(offers > Days / 5, $"only {offers} offers over {Days} days; the generator is too sparse");
    }

    private static int CheckOneDay(int seed)
    {
        var random = new Random(seed);
        var (zone, changes) = ZoneChanges[random.Next(ZoneChanges.Length)];
        var day = changes.Length > 0 && random.Next(2) == 0
            ? changes[random.Next(changes.Length)].AddDays(random.Next(-1, 2))
            : new DateOnly(2024, 1, 1).AddDays(random.Next(365 * 3));
        var hours = RandomHours(random, zone);
        var (workStart, workEnd) = hours.On(day);
        var settings = RandomSettings(random);
        var blocks = RandomBlocks(random, hours, day, workStart, workEnd);
        var history = RandomHistory(random, workStart);

        var plan = BreakPlanner.Plan(day, hours, blocks, settings, history);
        var shuffled = blocks.OrderBy(_ => random.Next()).ToList();
        var context = $"{zone.Id} {day} {hours.Start}-{hours.End} offers [{string.Join(", ", plan)}]";
        if (!plan.SequenceEqual(BreakPlanner.Plan(day, hours, shuffled, settings, history)))
            throw new Xunit.Sdk.XunitException($"{context}: the order of entries changed the plan");
        Check(plan, day, hours, workStart, workEnd, blocks, settings, history, context);
        return plan.Count;
    }

    private static void Check(IReadOnlyList<PlannedBreak> plan, DateOnly day, WorkingHours hours, DateTimeOffset workStart,
        DateTimeOffset workEnd, List<CalendarBlock> blocks, PlannerSettings settings, PlannerHistory? history, string context)
    {
        void Require(bool ok, string what) { if (!ok) throw new Xunit.Sdk.XunitException($"{context}: {what}"); }
        var zone = hours.TimeZone;
        bool Counts(CalendarBlock b) => !b.IsCancelled && b.Response != ResponseStatus.Declined &&
            (b.ShowAs is ShowAs.Busy or ShowAs.OutOfOffice || (b.ShowAs == ShowAs.Tentative && settings.TentativeIsBusy));
        var busy = blocks.Where(b => Counts(b) && !b.IsAllDay && b.End > b.Start).ToList();
        DateOnly Nearest(DateTimeOffset t)
        {
            var local = TimeZoneInfo.ConvertTime(t, zone).DateTime;
            return DateOnly.FromDateTime(local).AddDays(local.Hour >= 12 ? 1 : 0);
        }
        var cleared = blocks.Any(b => Counts(b) && b.IsAllDay && Nearest(b.Start) <= day && day < Nearest(b.End));
        var earlierToday = history?.OffersToday.Where(t => t >= workStart && t < workEnd).ToList() ?? [];
        var cap = history is { ConsecutiveSkips: >= 3 } ? Math.Min(1, settings.DailyCap) : settings.DailyCap;

        Require(plan.Count <= Math.Max(0, cap - earlierToday.Count), "over the cap");
        Require(plan.Count == 0 || (hours.IsWorkingDay(day) && !cleared && busy.Count > 0), "offers on a cleared, empty or free day");
        for (var i = 0; i < plan.Count; i++)
        {
            var offer = plan[i];
            Require(i == 0 || offer.Start - plan[i - 1].Start >= settings.MinimumSpacing && offer.Start >= plan[i - 1].End, "spacing or order broken");
            Require(earlierToday.All(t => (offer.Start - t).Duration() >= settings.MinimumSpacing), "spacing to an earlier offer broken");
            Require(offer.Start >= workStart + settings.QuietStartOfDay && offer.End <= workEnd, "outside working hours");
            Require(offer.Start.Offset == TimeZoneInfo.ConvertTime(offer.Start, zone).Offset, "not in the person's offset");
            Require(history?.PausedUntil is not { } paused || offer.Start >= paused, "during a pause");
            Require(history?.NotBefore is not { } notBefore || offer.Start >= notBefore, "in the past");
            Require(history?.Snoozes.All(s => s.Until <= s.At || !(offer.Start < s.Until && s.At < offer.End)) ?? true, "inside a snooze");
            for (var t = offer.Start; t < offer.End; t = t.AddSeconds(30))
            {
                var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, zone).DateTime);
                Require(!settings.QuietHours.Any(q => q.Start != q.End &&
                    (q.WrapsMidnight ? local >= q.Start || local < q.End : local >= q.Start && local < q.End)), $"inside quiet hours at {local}");
            }
            if (offer.Reason == BreakReason.Arrival)
            {
                Require(settings.ArrivalPractice && offer.LengthMinutes == BreakPlanner.ArrivalLengthMinutes, "arrival nobody asked for");
                Require(busy.Any(b => b.Start == offer.Start && b.ShowAs != ShowAs.OutOfOffice && !b.IsFocus), "arrival not at a meeting's start");
                Require(!busy.Any(b => b.ShowAs == ShowAs.OutOfOffice && b.Start < offer.End && offer.Start < b.End), "arrival during out-of-office");
                continue;
            }
            Require(settings.Lengths.Contains(offer.LengthMinutes), "a length nobody accepts");
            Require(!busy.Any(b => b.Start < offer.End && offer.Start < b.End), "on top of a busy or out-of-office block");
            Require(!busy.Any(b => b.Start >= offer.End && b.Start < offer.End + settings.ChangeoverSlack && b.Start < workEnd),
                "no slack before the next meeting");
        }
    }

    private static WorkingHours RandomHours(Random random, TimeZoneInfo zone)
    {
        TimeOnly start, end;
        switch (random.Next(8))
        {
            case 0 or 1: // overnight
                start = new TimeOnly(17 + random.Next(7), random.Next(4) * 15);
                end = new TimeOnly(random.Next(9), random.Next(4) * 15);
                break;
            case 2: // the whole day, from midnight
                (start, end) = (TimeOnly.MinValue, new TimeOnly(23, 59));
                break;
            default:
                start = new TimeOnly(random.Next(13), random.Next(4) * 15);
                end = start.AddHours(3 + random.Next(10));
                if (end <= start) end = new TimeOnly(23, 59);
                break;
        }
        return new WorkingHours(start, end, random.Next(6) == 0 ? WorkingHours.Weekdays : Enum.GetValues<DayOfWeek>(), zone);
    }

    private static PlannerSettings RandomSettings(Random random)
    {
        var quiet = new List<QuietPeriod>();
        for (var q = random.Next(4) == 0 ? random.Next(1, 4) : 0; q > 0; q--)
            quiet.Add(new QuietPeriod(new TimeOnly(random.Next(24), random.Next(4) * 15), new TimeOnly(random.Next(24), random.Next(4) * 15)));
        int[][] lengths = [[1, 3, 5], [1, 3, 5], [1, 3, 5], [3, 5], [1], [5], [2, 4, 10], [240], []];
        return new PlannerSettings
        {
            DailyCap = random.Next(0, 7),
            MinimumSpacing = TimeSpan.FromMinutes(random.Next(3) == 0 ? random.Next(0, 10) : random.Next(0, 150)),
            QuietStartOfDay = TimeSpan.FromMinutes(random.Next(0, 60)),
            TentativeIsBusy = random.Next(2) == 0,
            Lengths = lengths[random.Next(lengths.Length)],
            QuietHours = quiet,
            ArrivalPractice = random.Next(3) == 0,
            BackToBackGap = TimeSpan.FromMinutes(random.Next(0, 10)),
            BackToBackRun = TimeSpan.FromMinutes(random.Next(0, 180)),
            ChangeoverSlack = TimeSpan.FromMinutes(random.Next(4) == 0 ? random.Next(0, 5) : 2),
            SpacingAfterSkipFactor = random.Next(1, 4),
        };
    }

    private static List<CalendarBlock> RandomBlocks(Random random, WorkingHours hours, DateOnly day, DateTimeOffset workStart, DateTimeOffset workEnd)
    {
        var count = random.Next(20) switch { 0 => random.Next(100, 501), < 5 => random.Next(20, 100), _ => random.Next(0, 20) };
        var blocks = new List<CalendarBlock>(count);
        var span = (int)Math.Max(1, (workEnd - workStart).TotalMinutes + 240);
        for (var n = 0; n < count; n++)
        {
            if (blocks.Count > 0 && random.Next(10) == 0)
            {
                // The same times again with other flags (a double booking, or a copy from another calendar).
                var copy = blocks[random.Next(blocks.Count)];
                blocks.Add(copy with { ShowAs = (ShowAs)random.Next(6), IsFocus = random.Next(4) == 0 });
                continue;
            }
            if (random.Next(40) == 0)
            {
                // All-day entries, as the host stores them (local midnights) or as floating dates written as UTC midnight.
                var date = day.AddDays(random.Next(-1, 2));
                var days = random.Next(1, 3);
                var (start, end) = random.Next(3) == 0
                    ? (new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(date.AddDays(days).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))
                    : (hours.ToInstant(date, TimeOnly.MinValue), hours.ToInstant(date.AddDays(days), TimeOnly.MinValue));
                blocks.Add(new CalendarBlock(start, end, random.Next(3) == 0 ? ShowAs.Free : random.Next(2) == 0 ? ShowAs.Busy : ShowAs.OutOfOffice, IsAllDay: true));
                continue;
            }
            var from = workStart.AddMinutes(random.Next(-180, span));
            if (random.Next(3) == 0) from = from.AddSeconds(random.Next(60));
            var length = random.Next(10) switch { 0 => 0, 1 => random.Next(1, 6), 2 => random.Next(240, 2000), _ => random.Next(5, 120) };
            var showAs = random.Next(3) > 0 ? ShowAs.Busy : (ShowAs)random.Next(6);
            blocks.Add(new CalendarBlock(from, from.AddMinutes(length), showAs,
                IsCancelled: random.Next(15) == 0,
                Response: random.Next(12) == 0 ? ResponseStatus.Declined : ResponseStatus.Accepted,
                IsFocus: random.Next(10) == 0));
        }
        return blocks;
    }

    private static PlannerHistory? RandomHistory(Random random, DateTimeOffset workStart)
    {
        if (random.Next(3) != 0) return null;
        DateTimeOffset Around() => workStart.AddMinutes(random.Next(-60, 600));
        return new PlannerHistory
        {
            PausedUntil = random.Next(4) == 0 ? Around() : null,
            NotBefore = random.Next(4) == 0 ? Around() : null,
            Snoozes = random.Next(2) == 0 ? [new Snooze(Around(), Around())] : [],
            OffersToday = random.Next(3) == 0 ? [Around()] : [],
            SkipsToday = random.Next(4) == 0 ? [Around()] : [],
            ConsecutiveSkips = random.Next(5),
        };
    }
}

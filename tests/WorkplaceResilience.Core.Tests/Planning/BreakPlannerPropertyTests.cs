using WorkplaceResilience.Core.Planning;

namespace WorkplaceResilience.Core.Tests.Planning;

/// <summary>
/// Thousands of random seeded days across zones, DST dates, settings and histories; every offer is checked against an
/// independent oracle written the simple way (minute by minute in local time).
/// </summary>
public class BreakPlannerPropertyTests
{
    private static readonly string[] Zones = ["America/Los_Angeles", "Europe/Berlin", "Asia/Kolkata", "Australia/Sydney", "Pacific Standard Time", "W. Europe Standard Time"];

    [Fact]
    public void Random_days_keep_every_rule()
    {
        var checkedOffers = 0;
        for (var seed = 1; seed <= 4000; seed++)
            checkedOffers += CheckOneDay(seed);
        Assert.True(checkedOffers > 1500, $"only {checkedOffers} offers were produced; the generator is too sparse");
    }

    private static int CheckOneDay(int seed)
    {
        var random = new Random(seed);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Zones[random.Next(Zones.Length)]);
        // Days around the 2025 transitions of all four zones, plus ordinary days.
        DateOnly[] special = [new(2025, 3, 9), new(2025, 3, 30), new(2025, 4, 6), new(2025, 10, 5), new(2025, 10, 26), new(2025, 11, 2)];
        var day = random.Next(3) == 0 ? special[random.Next(special.Length)] : new DateOnly(2025, 1, 1).AddDays(random.Next(365));
        var overnight = random.Next(12) == 0;
        var startHour = overnight ? 20 + random.Next(3) : random.Next(10);
        var start = new TimeOnly(startHour, random.Next(4) * 15);
        var end = overnight ? new TimeOnly(random.Next(2, 7), 0) : start.AddHours(4 + random.Next(8));
        if (!overnight && end <= start) end = new TimeOnly(23, 59);
        var hours = new WorkingHours(start, end, Enum.GetValues<DayOfWeek>(), zone);
        var (workStart, workEnd) = hours.On(day);

        var quiet = new List<QuietPeriod>();
        for (var q = random.Next(3); q > 0; q--)
            quiet.Add(new QuietPeriod(new TimeOnly(random.Next(24), random.Next(4) * 15), new TimeOnly(random.Next(24), random.Next(4) * 15)));
        int[][] lengthChoices = [[1, 3, 5], [1, 3, 5], [3, 5], [1], [5], [2, 4, 10]];
        var settings = new PlannerSettings
        {
            DailyCap = random.Next(0, 7),
            MinimumSpacing = TimeSpan.FromMinutes(random.Next(0, 150)),
            QuietStartOfDay = TimeSpan.FromMinutes(random.Next(0, 60)),
            TentativeIsBusy = random.Next(2) == 0,
            Lengths = lengthChoices[random.Next(lengthChoices.Length)],
            QuietHours = quiet,
            ArrivalPractice = random.Next(3) == 0,
            BackToBackGap = TimeSpan.FromMinutes(random.Next(1, 10)),
        };

        var blocks = new List<CalendarBlock>();
        var cursor = workStart.AddMinutes(-random.Next(0, 120));
        for (var n = random.Next(0, 16); n > 0; n--)
        {
            cursor = cursor.AddMinutes(random.Next(5) == 0 ? -random.Next(0, 60) : random.Next(0, 6) switch { 0 or 1 => 0, 2 => random.Next(1, 6), _ => random.Next(5, 90) });
            var length = random.Next(8) == 0 ? 0 : random.Next(1, 150);
            var showAs = (ShowAs)random.Next(Enum.GetValues<ShowAs>().Length);
            if (random.Next(3) > 0) showAs = ShowAs.Busy;
            blocks.Add(new CalendarBlock(cursor, cursor.AddMinutes(length), showAs,
                IsAllDay: random.Next(60) == 0,
                IsCancelled: random.Next(15) == 0,
                Response: random.Next(12) == 0 ? ResponseStatus.Declined : ResponseStatus.Accepted,
                IsFocus: random.Next(10) == 0));
            cursor = cursor.AddMinutes(length);
        }
        var shuffled = blocks.OrderBy(_ => random.Next()).ToList();

        var history = random.Next(3) != 0 ? null : new PlannerHistory
        {
            PausedUntil = random.Next(4) == 0 ? workStart.AddMinutes(random.Next(0, 600)) : null,
            NotBefore = random.Next(4) == 0 ? workStart.AddMinutes(random.Next(0, 600)) : null,
            Snoozes = random.Next(2) == 0 ? [new Snooze(workStart.AddMinutes(random.Next(0, 480)), workStart.AddMinutes(random.Next(0, 600)))] : [],
            OffersToday = random.Next(3) == 0 ? [workStart.AddMinutes(random.Next(0, 480))] : [],
            SkipsToday = random.Next(4) == 0 ? [workStart.AddMinutes(random.Next(0, 480))] : [],
            ConsecutiveSkips = random.Next(5),
        };

        var plan = BreakPlanner.Plan(day, hours, shuffled, settings, history);

        // Same answer from the span API, and the same answer twice.
        Span<PlannedBreak> buffer = stackalloc PlannedBreak[8];
        var count = BreakPlanner.Plan(day, hours, shuffled.ToArray(), settings, buffer, history);
        Assert.Equal(plan, buffer[..count].ToArray());
        Assert.Equal(plan, BreakPlanner.Plan(day, hours, shuffled, settings, history));

        var context = $"seed {seed} {zone.Id} {day} {hours.Start}-{hours.End} offers [{string.Join(", ", plan)}] quiet [{string.Join(", ", settings.QuietHours)}]";
        var busy = blocks.Where(b => !b.IsAllDay && !b.IsCancelled && b.Response != ResponseStatus.Declined && b.End > b.Start &&
            (b.ShowAs is ShowAs.Busy or ShowAs.OutOfOffice || (b.ShowAs == ShowAs.Tentative && settings.TentativeIsBusy))).ToList();
        var allDayBusy = blocks.Any(b => b.IsAllDay && !b.IsCancelled && b.Response != ResponseStatus.Declined &&
            (b.ShowAs is ShowAs.Busy or ShowAs.OutOfOffice || (b.ShowAs == ShowAs.Tentative && settings.TentativeIsBusy)) &&
            DateOnly.FromDateTime(b.Start.DateTime) <= day && day <= DateOnly.FromDateTime(b.End.DateTime));

        var earlierToday = history?.OffersToday.Count(t => t >= workStart && t < workEnd) ?? 0;
        var cap = history is { ConsecutiveSkips: >= 3 } ? Math.Min(1, settings.DailyCap) : settings.DailyCap;
        Assert.True(plan.Count <= Math.Max(0, cap - earlierToday), $"{context}: {plan.Count} offers over the cap");
        if (allDayBusy || busy.Count == 0) Assert.True(plan.Count == 0, $"{context}: offers on a cleared or empty day");

        for (var i = 0; i < plan.Count; i++)
        {
            var offer = plan[i];
            if (i > 0)
            {
                Assert.True(offer.Start > plan[i - 1].Start, $"{context}: offers out of order");
                Assert.True(offer.Start - plan[i - 1].Start >= settings.MinimumSpacing, $"{context}: spacing broken");
            }
            foreach (var earlier in history?.OffersToday ?? [])
                if (earlier >= workStart && earlier < workEnd)
                    Assert.True((offer.Start - earlier).Duration() >= settings.MinimumSpacing, $"{context}: spacing to an earlier offer broken");

            Assert.True(offer.Start >= workStart + settings.QuietStartOfDay, $"{context}: offer in the first minutes of the day");
            Assert.True(offer.End <= workEnd, $"{context}: offer after working hours");
            Assert.True(history?.PausedUntil is not { } paused || offer.Start >= paused, $"{context}: offer during a pause");
            Assert.True(history?.NotBefore is not { } notBefore || offer.Start >= notBefore, $"{context}: offer in the past");
            foreach (var snooze in history?.Snoozes ?? [])
                Assert.False(offer.Start < snooze.Until && snooze.At < offer.End, $"{context}: offer inside a snooze");

            // Quiet hours, minute by minute in local time.
            for (var t = offer.Start; t < offer.End; t = t.AddSeconds(30))
            {
                var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, zone).DateTime);
                foreach (var q in settings.QuietHours)
                {
                    var inside = q.Start == q.End ? false : q.WrapsMidnight ? local >= q.Start || local < q.End : local >= q.Start && local < q.End;
                    Assert.False(inside, $"{context}: offer at {TimeZoneInfo.ConvertTime(t, zone):HH:mm} inside quiet hours {q}");
                }
            }

            if (offer.Reason == BreakReason.Arrival)
            {
                Assert.Equal(BreakPlanner.ArrivalLengthMinutes, offer.LengthMinutes);
                Assert.True(settings.ArrivalPractice, $"{context}: arrival practice nobody asked for");
                Assert.Contains(busy, b => b.Start == offer.Start && b.ShowAs != ShowAs.OutOfOffice);
                continue;
            }
            Assert.Contains(offer.LengthMinutes, settings.Lengths);
            Assert.DoesNotContain(busy, b => b.Start < offer.End && offer.Start < b.End);
            // Not longer than its gap: the free gap around the offer, within working hours, holds it.
            var gapStart = busy.Where(b => b.End <= offer.Start).Select(b => b.End).Append(workStart).Max();
            var gapEnd = busy.Where(b => b.Start >= offer.End).Select(b => b.Start).Append(workEnd).Min();
            Assert.True(offer.LengthMinutes <= (gapEnd - gapStart).TotalMinutes, $"{context}: offer longer than its gap");
        }
        return plan.Count;
    }
}

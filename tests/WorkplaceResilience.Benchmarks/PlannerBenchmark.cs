using System.Diagnostics;
using System.Globalization;
using WorkplaceResilience.Core.Adaptation;
using WorkplaceResilience.Core.CheckIns;
using WorkplaceResilience.Core.Planning;
using WorkplaceResilience.Core.Practices;

namespace WorkplaceResilience.Benchmarks;

/// <summary>
/// Plans 100,000 realistic person-days on one thread and reports throughput, then runs the adaptation simulation.
/// Method: inputs are built once (one block array per person-day, as the host hands the planner a list), so only
/// planning is timed; each measurement runs for several seconds; the headline is the median of the runs, per CPU-second
/// of this process (a shared machine deschedules us, which wall-clock time would count against the planner); wall-clock
/// figures are printed alongside.
/// </summary>
public static class PlannerBenchmark
{
    private const int People = 2_000;
    private const int DaysPerPerson = 50;
    private static readonly TimeSpan MeasurementLength = TimeSpan.FromSeconds(4);
    private const int Runs = 5;

    public static int Run(string[] args)
    {
        var data = CalendarData.Generate(People, DaysPerPerson, seed: 20250303);
        var inputs = Enumerable.Range(0, data.PersonDays).Select(data.BlockArray).ToArray();
        Console.WriteLine($"# {data.PersonDays:N0} person-days, {data.Blocks.Length:N0} calendar entries " +
                          $"({(double)data.Blocks.Length / data.PersonDays:F1} per day), {Environment.ProcessorCount} cores, {Environment.Version}");

        // Warm-up: let tiered compilation settle.
        long checksum = 0;
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(2)) checksum += PlanAll(data, inputs);

        var before = GC.GetAllocatedBytesForCurrentThread();
        checksum += PlanAll(data, inputs);
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;

        var process = Process.GetCurrentProcess();
        var cpuRates = new List<double>();
        var wallRates = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            long planned = 0;
            while (clock.Elapsed < MeasurementLength)
            {
                checksum += PlanAll(data, inputs);
                planned += data.PersonDays;
            }
            clock.Stop();
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            cpuRates.Add(planned / Math.Max(cpu.TotalSeconds, 1e-6));
            wallRates.Add(planned / clock.Elapsed.TotalSeconds);
        }

        var offers = PlanAll(data, inputs);
        Console.WriteLine($"# offers per person-day: {(double)offers / data.PersonDays:F2}; checksum {checksum}");
        Console.WriteLine($"# runs: {Runs} of {MeasurementLength.TotalSeconds:F0} s; per CPU-second min {cpuRates.Min():N0}, max {cpuRates.Max():N0}");
        Console.WriteLine($"# list API (BreakPlanner.Plan, the one the host calls; planning only, inputs prebuilt): wall-clock median {Median(wallRates):N0} person-days/s");
        Console.WriteLine($"planner-person-days-per-second-per-core: {Median(cpuRates).ToString("F0", CultureInfo.InvariantCulture)} person-days/s");
        Console.WriteLine($"planner-bytes-per-person-day: {((double)bytes / data.PersonDays).ToString("0", CultureInfo.InvariantCulture)} bytes");

        var share = AdaptationSimulation.Run(people: 3_000, learningOffers: 20, measuredOffers: 10, seed: 7);
        Console.WriteLine($"adaptation-better-family-share: {share.ToString("0.00", CultureInfo.InvariantCulture)}");
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static long PlanAll(CalendarData data, CalendarBlock[][] inputs)
    {
        long total = 0;
        for (var i = 0; i < data.PersonDays; i++)
            total += BreakPlanner.Plan(data.Days[i], data.HoursOf(i), inputs[i], data.SettingsOf(i)).Count;
        return total;
    }
}

/// <summary>Seeded, realistic calendars: office hours across seven zones, chains of back-to-back meetings, tentative,
/// declined and cancelled entries, focus time, the odd all-day out-of-office day. Ten weeks from 3 March 2025 (both DST changes).</summary>
internal sealed class CalendarData
{
    public required DateOnly[] Days { get; init; }
    public required int[] Person { get; init; }
    public required int[] Offsets { get; init; }
    public required CalendarBlock[] Blocks { get; init; }
    public required WorkingHours[] Hours { get; init; }
    public required PlannerSettings[] Settings { get; init; }
    public int PersonDays => Days.Length;

    public WorkingHours HoursOf(int personDay) => Hours[Person[personDay]];
    public PlannerSettings SettingsOf(int personDay) => Settings[Person[personDay] % Settings.Length];
    public CalendarBlock[] BlockArray(int personDay) => Blocks.AsSpan(Offsets[personDay], Offsets[personDay + 1] - Offsets[personDay]).ToArray();

    private static readonly string[] Zones =
        ["America/Los_Angeles", "America/New_York", "Europe/London", "Europe/Berlin", "Asia/Kolkata", "Asia/Tokyo", "Australia/Sydney"];

    public static CalendarData Generate(int people, int daysPerPerson, int seed)
    {
        var random = new Random(seed);
        var zones = Zones.Select(TimeZoneInfo.FindSystemTimeZoneById).ToArray();
        var hours = new WorkingHours[people];
        for (var p = 0; p < people; p++)
        {
            var start = new TimeOnly(7 + random.Next(4), random.Next(2) * 30);
            hours[p] = new WorkingHours(start, start.AddHours(8 + random.Next(2)), WorkingHours.Weekdays, zones[p % zones.Length]);
        }
        PlannerSettings[] settings =
        [
            PlannerSettings.Default,
            new() { QuietHours = [new QuietPeriod(new TimeOnly(12, 0), new TimeOnly(13, 0))] },
            new() { ArrivalPractice = true },
            new() { DailyCap = 5, MinimumSpacing = TimeSpan.FromMinutes(45) },
            new() { TentativeIsBusy = false, Lengths = [3, 5] },
        ];

        var workdays = new List<DateOnly>();
        for (var d = new DateOnly(2025, 3, 3); workdays.Count < daysPerPerson; d = d.AddDays(1))
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) workdays.Add(d);

        var total = people * daysPerPerson;
        var dayOf = new DateOnly[total];
        var personOf = new int[total];
        var offsets = new int[total + 1];
        var blocks = new List<CalendarBlock>(total * 7);
        int[] durations = [15, 30, 30, 30, 45, 60, 60, 60, 90, 120];
        int[] gaps = [0, 0, 0, 0, 5, 10, 15, 30, 30, 60, 90];
        var index = 0;
        for (var p = 0; p < people; p++)
        {
            var h = hours[p];
            var busyness = random.NextDouble();
            foreach (var day in workdays)
            {
                dayOf[index] = day;
                personOf[index] = p;
                offsets[index] = blocks.Count;
                var roll = random.NextDouble();
                if (roll < 0.02)
                {
                    var midnight = h.ToInstant(day, TimeOnly.MinValue);
                    blocks.Add(new CalendarBlock(midnight, midnight.AddDays(1), ShowAs.OutOfOffice, IsAllDay: true));
                }
                else
                {
                    if (roll < 0.08)
                    {
                        var midnight = h.ToInstant(day, TimeOnly.MinValue);
                        blocks.Add(new CalendarBlock(midnight, midnight.AddDays(1), ShowAs.Free, IsAllDay: true));
                    }
                    var minute = h.Start.Hour * 60 + h.Start.Minute - 30 + random.Next(6) * 15;
                    var meetings = (int)Math.Round(2 + busyness * 6 + random.NextDouble() * 4);
                    for (var m = 0; m < meetings && minute < 19 * 60; m++)
                    {
                        var length = durations[random.Next(durations.Length)];
                        var start = h.ToInstant(day, TimeOnly.MinValue).AddMinutes(minute);
                        var status = random.NextDouble();
                        var block = status switch
                        {
                            < 0.10 => new CalendarBlock(start, start.AddMinutes(length), ShowAs.Tentative, Response: ResponseStatus.NotResponded),
                            < 0.14 => new CalendarBlock(start, start.AddMinutes(length), ShowAs.Free, Response: ResponseStatus.Declined),
                            < 0.17 => new CalendarBlock(start, start.AddMinutes(length), ShowAs.Busy, IsCancelled: true),
                            < 0.22 => new CalendarBlock(start, start.AddMinutes(length), ShowAs.Busy, IsFocus: true),
                            _ => new CalendarBlock(start, start.AddMinutes(length), ShowAs.Busy, Response: ResponseStatus.Accepted),
                        };
                        blocks.Add(block);
                        if (random.NextDouble() < 0.08) // a double-booking that overlaps
                            blocks.Add(new CalendarBlock(start.AddMinutes(15), start.AddMinutes(15 + length), ShowAs.Busy));
                        minute += length + gaps[random.Next(gaps.Length)];
                    }
                }
                // Graph returns entries in its own order; shuffle a little so the planner has to sort.
                var first = offsets[index];
                for (var i = blocks.Count - 1; i > first; i--)
                {
                    if (random.NextDouble() < 0.3)
                    {
                        var j = first + random.Next(i - first + 1);
                        (blocks[i], blocks[j]) = (blocks[j], blocks[i]);
                    }
                }
                index++;
            }
        }
        offsets[total] = blocks.Count;
        return new CalendarData
        {
            Days = dayOf, Person = personOf, Offsets = offsets, Blocks = blocks.ToArray(), Hours = hours, Settings = settings,
        };
    }
}

/// <summary>
/// Simulated people with hidden preferences. One group reacts badly to mental practices (they often feel worse
/// and rarely finish them); one does best with mental practices; one does best with behavioural ones. Some state a
/// preference at sign-up, not always the right one. Reports the share of offers, after the learning offers, that
/// go to each person's better family.
/// </summary>
internal static class AdaptationSimulation
{
    private sealed record Reaction(double Complete, double Change, double FeltWorse);

    public static double Run(int people, int learningOffers, int measuredOffers, int seed)
    {
        var catalogue = PracticeCatalogue.LoadEmbedded();
        var world = new Random(seed);
        var chooserRandom = new Random(seed + 1);
        int[] lengths = [1, 3, 5];
        var better = 0;
        var measured = 0;
        for (var p = 0; p < people; p++)
        {
            var group = p % 3;
            var (mental, behavioural, betterFamily) = group switch
            {
                0 => (new Reaction(0.35, -0.6, 0.3), new Reaction(0.75, 0.9, 0.0), PracticeFamily.Behavioural),
                1 => (new Reaction(0.75, 1.1, 0.0), new Reaction(0.50, 0.3, 0.0), PracticeFamily.Mental),
                _ => (new Reaction(0.50, 0.2, 0.03), new Reaction(0.75, 1.0, 0.0), PracticeFamily.Behavioural),
            };
            PracticeFamily? stated = world.NextDouble() switch
            {
                < 0.4 => null,
                < 0.82 => betterFamily,
                _ => betterFamily == PracticeFamily.Mental ? PracticeFamily.Behavioural : PracticeFamily.Mental,
            };
            var state = AdaptationState.ColdStart(stated);
            for (var offer = 0; offer < learningOffers + measuredOffers; offer++)
            {
                var choice = PracticeChooser.Choose(state, catalogue, lengths[world.Next(lengths.Length)], chooserRandom)!;
                var family = choice.Practice.Family;
                if (offer >= learningOffers)
                {
                    measured++;
                    if (family == betterFamily) better++;
                }
                var reaction = family == PracticeFamily.Mental ? mental : behavioural;
                var felt = world.NextDouble() < reaction.FeltWorse;
                PracticeOutcome outcome;
                if (felt)
                {
                    outcome = new PracticeOutcome(choice.Practice.Id, family, OfferResponse.Started, new CheckInChange(-1, 1, true));
                }
                else if (world.NextDouble() < reaction.Complete)
                {
                    var answered = world.NextDouble() < 0.5;
                    var change = reaction.Change + (world.NextDouble() - 0.5) * 2;
                    outcome = new PracticeOutcome(choice.Practice.Id, family, OfferResponse.Completed,
                        answered ? new CheckInChange(Math.Round(change * 3) / 3, 3, false) : null);
                }
                else
                {
                    outcome = new PracticeOutcome(choice.Practice.Id, family, world.NextDouble() < 0.7 ? OfferResponse.Skipped : OfferResponse.Started);
                }
                state.Record(outcome);
            }
        }
        return (double)better / measured;
    }
}

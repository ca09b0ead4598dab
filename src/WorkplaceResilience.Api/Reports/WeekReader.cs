using Microsoft.EntityFrameworkCore;
using WorkplaceResilience.Api.People;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Core.Planning;
using WorkplaceResilience.Core.Reporting;

namespace WorkplaceResilience.Api.Reports;

/// <summary>
/// Reads one ISO week of raw rows into each person's <see cref="PersonWeek"/>, streaming (offers, practice sessions, then
/// calendar entries ordered by person), each person's week running Monday to Sunday in their own time zone. People
/// with nothing in the week (no calendar entry, offer or practice) were not active in it: they are members of their
/// groups (if still in the directory and in scope) but not active.
/// </summary>
public static class WeekReader
{
    /// <summary>Why people skipped, as they said it when skipping (SkipReason); "notGiven" when they gave none.</summary>
    public static readonly IReadOnlyList<string> SkipReasonNames = ["notGiven", "busy", "notNow", "notHelpful", "other"];
    private static readonly int[] BusyShowAs = [(int)ShowAs.Busy, (int)ShowAs.OutOfOffice, (int)ShowAs.Tentative];

    private sealed class Person(TimeZoneInfo zone, DateTimeOffset weekStart, DateTimeOffset weekEnd, int workDays, bool shareCheckIns,
        bool member, bool optedIn, Dictionary<string, string> groups)
    {
        public TimeZoneInfo Zone { get; } = zone;
        public DateTimeOffset WeekStart { get; } = weekStart;
        public DateTimeOffset WeekEnd { get; } = weekEnd;
        public int WorkDays { get; } = workDays;
        public bool ShareCheckIns { get; } = shareCheckIns;
        /// <summary>In the directory and in scope: a member of their groups even in a week they did nothing.</summary>
        public bool Member { get; } = member;
        public bool OptedIn { get; } = optedIn;
        public Dictionary<string, string> Groups { get; } = groups;
        public PersonWeek? Week { get; set; }
        public double CheckInChangeSum { get; set; }
        public int CheckIns { get; set; }
        public bool Contains(DateTimeOffset instant) => instant >= WeekStart && instant < WeekEnd;
    }

    /// <param name="keys">Hashes people for the org tree (groupings <c>org-level-N</c>).</param>
    public static async Task<List<PersonWeek>> ReadAsync(AppDbContext db, DateOnly monday, IReadOnlyList<string> groupings, OrgKeys keys, CancellationToken ct)
    {
        var employees = await db.Employees.AsNoTracking()
            .Select(e => new
            {
                e.Id, e.Department, e.OfficeLocation, e.Country, e.TimeZone, e.WorkDays, e.ShareCheckInsInReports, e.IsActive, e.ManagerKey,
                OptedIn = !db.PersonSettings.Any(s => s.EmployeeId == e.Id && !s.BreaksOn),
            })
            .ToListAsync(ct);
        var levels = groupings.Where(g => g.StartsWith(OrgGroups.GroupingPrefix, StringComparison.Ordinal))
            .Select(g => int.Parse(g[OrgGroups.GroupingPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var orgs = levels.Count == 0 ? null
            : OrgGroups.Assign(employees.Select(e => new OrgGroups.Member(e.Id, e.ManagerKey, e.Department)).ToList(), keys, levels);
        var zones = new Dictionary<string, TimeZoneInfo>();
        var people = new Dictionary<Guid, Person>(employees.Count);
        foreach (var e in employees)
        {
            if (!zones.TryGetValue(e.TimeZone, out var zone)) zones[e.TimeZone] = zone = LocalTime.Find(e.TimeZone);
            var values = new Dictionary<string, string> { ["department"] = e.Department, ["office"] = e.OfficeLocation, ["country"] = e.Country };
            if (orgs is not null) foreach (var (grouping, group) in orgs[e.Id]) values[grouping] = group;
            var groups = groupings.ToDictionary(g => g, g => string.IsNullOrWhiteSpace(values[g]) ? "Unassigned" : values[g]);
            people[e.Id] = new Person(zone, LocalTime.StartOfDay(zone, monday), LocalTime.StartOfDay(zone, monday.AddDays(7)),
                e.WorkDays, e.ShareCheckInsInReports, e.IsActive, e.OptedIn, groups);
        }
        // Every zone's week lies inside this UTC span (UTC+14 to UTC−12).
        var from = new DateTimeOffset(monday.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(-14);
        var until = from.AddDays(7).AddHours(26);

        PersonWeek WeekOf(Guid id, Person person) => person.Week ??= new PersonWeek
        {
            Person = id, Groups = person.Groups, WorkingDays = WorkingDaysIn(person.WorkDays), OptedIn = person.OptedIn,
        };

        await foreach (var offer in db.BreakOffers.AsNoTracking().Where(o => o.Start >= from && o.Start < until)
                           .Select(o => new { o.EmployeeId, o.Start, o.Status, o.SkipReason, o.DeliveredAt }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!people.TryGetValue(offer.EmployeeId, out var person) || !person.Contains(offer.Start)) continue;
            var week = WeekOf(offer.EmployeeId, person);
            var answered = offer.Status is OfferStatus.Started or OfferStatus.Completed or OfferStatus.Skipped;
            if (offer.DeliveredAt is not null || answered) week.Delivered++;
            if (offer.Status is OfferStatus.Started or OfferStatus.Completed) week.Started++;
            if (offer.Status is OfferStatus.Completed) week.Completed++;
            if (offer.Status is OfferStatus.Skipped)
            {
                week.Skipped++;
                var reason = SkipReasonNames[Math.Clamp((int)offer.SkipReason, 0, SkipReasonNames.Count - 1)];
                week.SkippedByReason[reason] = week.SkippedByReason.GetValueOrDefault(reason) + 1;
            }
            if (answered) week.Engaged = true;
        }

        await foreach (var session in db.PracticeSessions.AsNoTracking().Where(s => s.CompletedAt >= from && s.CompletedAt < until)
                           .Select(s => new
                           {
                               s.EmployeeId, s.CompletedAt, s.PracticeId, s.FeltWorse, s.BeforeSelfKindness, s.BeforeSelfCriticism, s.BeforeTension,
                               s.AfterSelfKindness, s.AfterSelfCriticism, s.AfterTension,
                           }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!people.TryGetValue(session.EmployeeId, out var person) || !person.Contains(session.CompletedAt)) continue;
            var week = WeekOf(session.EmployeeId, person);
            week.Engaged = true;
            week.Sessions++;
            if (session.FeltWorse) week.FeltWorse++;
            week.PracticeMix[session.PracticeId] = week.PracticeMix.GetValueOrDefault(session.PracticeId) + 1;
            if (!person.ShareCheckIns) continue;
            // Improvement on each item answered before and after (kindness up, criticism and tension down), averaged.
            var changes = new[]
            {
                session.AfterSelfKindness - session.BeforeSelfKindness,
                session.BeforeSelfCriticism - session.AfterSelfCriticism,
                session.BeforeTension - session.AfterTension,
            }.Where(c => c is not null).Select(c => (double)c!.Value).ToList();
            if (changes.Count == 0) continue;
            person.CheckInChangeSum += changes.Average();
            person.CheckIns++;
        }
        foreach (var person in people.Values.Where(p => p.Week is not null && p.CheckIns > 0))
            person.Week!.CheckInChange = person.CheckInChangeSum / person.CheckIns;

        await ReadMeetingsAsync(db, people, from, until, WeekOf, ct);
        // Members who did nothing this week still count in their groups' membership and opted-in share.
        foreach (var (id, person) in people.Where(p => p.Value.Week is null && p.Value.Member))
            person.Week = new PersonWeek { Person = id, Groups = person.Groups, Active = false, OptedIn = person.OptedIn };
        return people.Values.Where(p => p.Week is not null).Select(p => p.Week!).ToList();
    }

    /// <summary>Busy meetings, one person at a time (ordered by person, then start), cut into the person's local days.</summary>
    private static async Task ReadMeetingsAsync(AppDbContext db, Dictionary<Guid, Person> people, DateTimeOffset from, DateTimeOffset until,
        Func<Guid, Person, PersonWeek> weekOf, CancellationToken ct)
    {
        var current = Guid.Empty;
        var byDay = new SortedDictionary<DateOnly, List<(DateTime Start, DateTime End)>>();
        void Flush()
        {
            if (byDay.Count == 0) return;
            var person = people[current];
            var week = weekOf(current, person);
            foreach (var meetings in byDay.Values)
            {
                meetings.Sort((a, b) => a.Start.CompareTo(b.Start));
                var day = MeetingLoad.Of(meetings);
                week.MeetingMinutes += day.Minutes;
                week.BackToBackMinutes += day.BackToBackMinutes;
                if (day.IsHeavy) week.HeavyDays++;
            }
            byDay.Clear();
        }

        await foreach (var entry in db.CalendarEntries.AsNoTracking()
                           .Where(c => c.Start < until && c.End > from && !c.IsAllDay && !c.IsCancelled && BusyShowAs.Contains(c.ShowAs))
                           .OrderBy(c => c.EmployeeId).ThenBy(c => c.Start)
                           .Select(c => new { c.EmployeeId, c.Start, c.End }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (entry.EmployeeId != current)
            {
                Flush();
                current = entry.EmployeeId;
            }
            if (!people.TryGetValue(entry.EmployeeId, out var person)) continue;
            var start = entry.Start < person.WeekStart ? person.WeekStart : entry.Start;
            var end = entry.End > person.WeekEnd ? person.WeekEnd : entry.End;
            if (end <= start) continue;
            // Local days: a meeting over midnight counts on both days.
            var localStart = TimeZoneInfo.ConvertTime(start, person.Zone).DateTime;
            var localEnd = TimeZoneInfo.ConvertTime(end, person.Zone).DateTime;
            while (localStart < localEnd)
            {
                var midnight = localStart.Date.AddDays(1);
                var pieceEnd = localEnd < midnight ? localEnd : midnight;
                var day = DateOnly.FromDateTime(localStart);
                if (!byDay.TryGetValue(day, out var list)) byDay[day] = list = [];
                list.Add((localStart, pieceEnd));
                localStart = pieceEnd;
            }
        }
        Flush();
    }

    private static int WorkingDaysIn(int workDays) => Enumerable.Range(0, 7).Count(d => (workDays & 1 << d) != 0);
}

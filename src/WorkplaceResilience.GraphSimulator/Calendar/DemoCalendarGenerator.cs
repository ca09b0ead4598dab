using WorkplaceResilience.GraphSimulator.Tenant;

namespace WorkplaceResilience.GraphSimulator.Calendar;

/// <summary>
/// Generates realistic calendars from 7 days back to 14 days ahead of each user's own "today": daily stand-ups
/// (occurrences of a series, one exception), weekly 1:1s, 25/50-minute meetings, back-to-back runs, focus blocks,
/// lunch, all-day OOF days and free banners, tentative, declined, unanswered and cancelled meetings, and late
/// cross-zone calls that run past midnight. Deterministic for a seed, an employee count and a date.
/// </summary>
internal sealed class DemoCalendarGenerator(SimulatorOptions options, IReadOnlyList<MailboxProfile> profiles)
{
    private readonly DateTimeOffset now = options.Clock.GetUtcNow();
    private readonly Dictionary<string, List<MailboxProfile>> byDepartment = profiles
        .GroupBy(p => p.User.Department)
        .ToDictionary(g => g.Key, g => g.ToList());

    private sealed class Day
    {
        private readonly List<(int Start, int End)> occupied = [];
        private readonly DateTime midnight;
        private readonly TimeSpan? fixedOffset;

        public Day(MailboxProfile profile, DateOnly date)
        {
            Profile = profile;
            Date = date;
            midnight = date.ToDateTime(TimeOnly.MinValue);
            var offset = profile.Zone.GetUtcOffset(midnight);
            fixedOffset = offset == profile.Zone.GetUtcOffset(midnight.AddDays(2)) ? offset : null; // no DST change today or tomorrow
        }

        public MailboxProfile Profile { get; }
        public DateOnly Date { get; }
        public bool IsFree(int start, int end) => occupied.TrueForAll(o => end <= o.Start || start >= o.End);
        public void Occupy(int start, int end) => occupied.Add((start, end));

        public DateTimeOffset Instant(int minutes) => fixedOffset is { } offset
            ? new DateTimeOffset(midnight.AddMinutes(minutes), offset).ToUniversalTime()
            : Profile.LocalToUtc(midnight.AddMinutes(minutes));
    }

    public List<SimEvent> Generate(int index)
    {
        var p = profiles[index];
        var random = new Random(unchecked((options.Seed * 397) ^ (index * 7919) ^ 0x5EED));
        var events = new List<SimEvent>();
        var manager = ManagerOf(p);
        var team = Colleagues(p, random, 6);
        var standupMaster = EventIds.NewId(random);
        var oneOnOneMaster = EventIds.NewId(random);
        var workDays = p.WorkDays.OrderBy(d => d).ToArray();
        var oneOnOneDay = workDays[random.Next(workDays.Length)];
        var standupExceptionOffset = random.Next(-5, 10);
        var ws = p.WorkStart.Hour * 60 + p.WorkStart.Minute;
        var we = p.WorkEnd.Hour * 60 + p.WorkEnd.Minute;
        var farFromPacific = p.User.TimeZone is "India Standard Time" or "AUS Eastern Standard Time" or "W. Europe Standard Time";

        for (var offset = -7; offset <= 14; offset++)
        {
            var day = new Day(p, p.Today.AddDays(offset));
            var isToday = offset == 0;
            if (!p.WorkDays.Contains(day.Date.DayOfWeek))
            {
                continue;
            }

            if (!isToday && random.Next(100) < 3)
            {
                events.Add(AllDay(random, day, MeetingCatalogue.OofSubjects[random.Next(MeetingCatalogue.OofSubjects.Length)], "oof"));
                continue;
            }

            if (random.Next(100) < (isToday ? 12 : 6))
            {
                events.Add(AllDay(random, day, MeetingCatalogue.AllDayBanners[random.Next(MeetingCatalogue.AllDayBanners.Length)], "free"));
            }

            // Daily stand-up: an occurrence of the team's series; one day it was moved (an exception).
            var standupStart = RoundUp(ws + 30, 15) + (offset == standupExceptionOffset ? 30 : 0);
            events.Add(Place(random, day, standupStart, 15, "Daily stand-up", manager, team, online: true,
                type: offset == standupExceptionOffset ? "exception" : "occurrence", seriesMasterId: standupMaster));

            var lunchStart = random.Next(3) == 0 ? 12 * 60 + 30 : 12 * 60;
            var lunchBusy = random.Next(100) < 35;
            events.Add(Place(random, day, lunchStart, random.Next(2) == 0 ? 45 : 60, "Lunch", null, [], online: false,
                showAs: lunchBusy ? "busy" : "free", sensitivity: "private"));

            // Back-to-back runs: every third person has one today (90+ minutes), others on some days.
            if ((isToday && index % 3 == 0) || (!isToday && random.Next(100) < 30))
            {
                BackToBack(random, day, events, team, minimumMinutes: isToday ? 90 : 60, ws, we);
            }

            if (day.Date.DayOfWeek == oneOnOneDay)
            {
                TryPlaceAnywhere(random, day, events, 30, "1:1 " + FirstName(manager) + " / " + FirstName(p), manager, [], ws, we,
                    type: "occurrence", seriesMasterId: oneOnOneMaster);
            }

            if (random.Next(100) < 35)
            {
                TryPlaceAnywhere(random, day, events, 120, "Focus time", null, [], ws, we, online: false);
            }

            var meetings = random.Next(isToday ? 3 : 1, 6);
            var subjects = MeetingCatalogue.ByDepartment.GetValueOrDefault(p.User.Department, MeetingCatalogue.Common);
            for (var m = 0; m < meetings; m++)
            {
                var subject = random.Next(3) == 0 ? MeetingCatalogue.Common[random.Next(MeetingCatalogue.Common.Length)] : subjects[random.Next(subjects.Length)];
                var minutes = new[] { 25, 50, 30, 60, 25, 50, 45 }[random.Next(7)];
                var organizer = random.Next(4) == 0 ? null : team[random.Next(team.Count)];
                TryPlaceAnywhere(random, day, events, minutes, subject, organizer, Colleagues(p, random, random.Next(2, 7)), ws, we, status: !isToday || m >= 2);
            }

            // Today is always a full working day: at least three busy meetings, if need be early or late.
            for (var extra = 0; isToday && BusyMeetings(events, day) < 3 && extra < 20; extra++)
            {
                TryPlaceAnywhere(random, day, events, 30, subjects[random.Next(subjects.Length)], team[random.Next(team.Count)], team, ws - 60, we + 120);
            }

            if (farFromPacific && random.Next(100) < 10)
            {
                var subject = MeetingCatalogue.LateCallSubjects[random.Next(MeetingCatalogue.LateCallSubjects.Length)];
                var start = 23 * 60 + (random.Next(2) == 0 ? 0 : 30);
                events.Add(Place(random, day, start, 24 * 60 + 30 - start, subject, team[random.Next(team.Count)], team, online: true));
            }
        }

        return events;
    }

    private static int BusyMeetings(List<SimEvent> events, Day day)
    {
        var (start, end) = (day.Instant(0), day.Instant(24 * 60));
        return events.Count(e => e.Start >= start && e.Start < end && e.ShowAs == "busy" && !e.IsAllDay && !e.IsCancelled);
    }

    private void BackToBack(Random random, Day day, List<SimEvent> events, List<MailboxProfile> team, int minimumMinutes, int ws, int we)
    {
        var lengths = new List<int>();
        var count = random.Next(3, 6);
        for (var i = 0; i < count || lengths.Sum() < minimumMinutes; i++)
        {
            lengths.Add(new[] { 30, 30, 45, 60 }[random.Next(4)]);
        }

        var total = lengths.Sum();
        var candidates = new[] { RoundUp(ws + 60, 30), 13 * 60 + 30, 14 * 60, RoundUp(ws + 90, 30), Math.Max(ws, we - total) };
        var start = candidates.FirstOrDefault(s => day.IsFree(s, s + total), -1);
        if (start < 0)
        {
            start = Math.Max(we, 13 * 60 + 30); // after hours if the day is full: it still happens
            while (!day.IsFree(start, start + total))
            {
                start += 30;
            }
        }

        var subjects = MeetingCatalogue.ByDepartment.GetValueOrDefault(day.Profile.User.Department, MeetingCatalogue.Common);
        foreach (var length in lengths)
        {
            var organizer = random.Next(3) == 0 ? null : team[random.Next(team.Count)];
            events.Add(Place(random, day, start, length, subjects[random.Next(subjects.Length)], organizer, Colleagues(day.Profile, random, random.Next(2, 6)), online: true));
            start += length;
        }
    }

    private void TryPlaceAnywhere(Random random, Day day, List<SimEvent> events, int minutes, string subject, MailboxProfile? organizer,
        List<MailboxProfile> attendees, int ws, int we, bool online = true, bool status = false, string type = "singleInstance", string? seriesMasterId = null)
    {
        var slots = Math.Max(1, (we - ws - minutes) / 30 + 1);
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var start = RoundUp(ws, 30) + 30 * random.Next(slots);
            if (!day.IsFree(start, start + minutes))
            {
                continue;
            }

            var (showAs, response, cancelled) = status ? Status(random, organizer is null) : ("busy", organizer is null ? "organizer" : "accepted", false);
            events.Add(Place(random, day, start, minutes, subject, organizer, attendees, online && random.Next(10) < 7,
                showAs, response, cancelled, type: type, seriesMasterId: seriesMasterId));
            return;
        }
    }

    private static (string ShowAs, string Response, bool Cancelled) Status(Random random, bool isOrganizer)
    {
        var roll = random.Next(100);
        if (isOrganizer)
        {
            return roll < 4 ? ("free", "organizer", true) : ("busy", "organizer", false);
        }

        return roll switch
        {
            < 8 => ("tentative", "tentativelyAccepted", false),
            < 13 => ("free", "declined", false),
            < 17 => ("free", "notResponded", true),
            < 21 => ("tentative", "notResponded", false),
            _ => ("busy", "accepted", false),
        };
    }

    private SimEvent Place(Random random, Day day, int startMinutes, int minutes, string subject, MailboxProfile? organizer,
        List<MailboxProfile> attendees, bool online, string showAs = "busy", string? response = null, bool cancelled = false,
        string sensitivity = "normal", string type = "singleInstance", string? seriesMasterId = null)
    {
        day.Occupy(startMinutes, startMinutes + minutes);
        var owner = day.Profile;
        var isOrganizer = organizer is null || organizer.User.Id == owner.User.Id;
        var organizerPerson = isOrganizer ? Person(owner) : Person(organizer!);
        response ??= isOrganizer ? "organizer" : "accepted";
        var people = attendees.Where(a => a.User.Id != owner.User.Id && a.User.Id != organizer?.User.Id).Select(Person).ToList();
        if (!isOrganizer)
        {
            people.Insert(0, Person(owner));
        }

        if (owner.User.Department == "Sales" && attendees.Count > 0 && random.Next(4) == 0)
        {
            var address = MeetingCatalogue.ExternalAttendees[random.Next(MeetingCatalogue.ExternalAttendees.Length)];
            people.Add(new SimPerson(address.Split('@')[0].Replace('.', ' '), address));
        }

        var simAttendees = people.Select(a => new SimAttendee(a, "required",
            a.Address == owner.Mail ? response : (random.Next(5) == 0 ? "tentativelyAccepted" : "accepted"))).ToList();
        var location = online ? MeetingCatalogue.TeamsLocation
            : subject is "Lunch" or "Focus time" ? ""
            : Room(random, owner);
        var shownSubject = cancelled ? "Canceled: " + subject : subject;
        return Build(random, day, day.Instant(startMinutes), day.Instant(startMinutes + minutes), shownSubject, null) with
        {
            ShowAs = showAs,
            Response = response,
            IsCancelled = cancelled,
            Type = type,
            SeriesMasterId = seriesMasterId,
            Sensitivity = sensitivity,
            IsOnlineMeeting = online,
            IsOrganizer = isOrganizer,
            Organizer = organizerPerson,
            Attendees = simAttendees,
            Location = location.Length == 0 ? "" : Mark(location),
        };
    }

    private SimEvent AllDay(Random random, Day day, string subject, string showAs)
    {
        var start = day.Instant(0);
        var end = day.Instant(24 * 60);
        return Build(random, day, start, end, subject, day.Date) with { ShowAs = showAs };
    }

    private SimEvent Build(Random random, Day day, DateTimeOffset start, DateTimeOffset end, string subject, DateOnly? allDay)
    {
        var created = (start < now ? start : now).AddDays(-random.Next(1, 30)).AddMinutes(-random.Next(600));
        var modified = created.AddHours(random.Next(0, 48));
        modified = modified > now ? now : modified;
        var body = MeetingCatalogue.Agenda(random, subject, options.SubjectMarker);
        var owner = day.Profile;
        return new SimEvent
        {
            Id = EventIds.NewId(random),
            ICalUId = EventIds.NewICalUId(random),
            OwnerId = owner.User.Id,
            OwnerZone = owner.User.TimeZone,
            Subject = Mark(subject),
            BodyHtml = body.Html,
            BodyPreview = body.Preview,
            Start = start,
            End = end,
            AllDayStart = allDay,
            AllDayEnd = allDay?.AddDays(1),
            Organizer = Person(owner),
            IsOrganizer = true,
            Response = "organizer",
            ResponseTime = modified,
            Created = created,
            LastModified = modified,
        };
    }

    private string Mark(string text) => options.SubjectMarker.Length == 0 ? text : $"{text} {options.SubjectMarker}";

    private static SimPerson Person(MailboxProfile p) => new(p.User.DisplayName, p.Mail);

    private static string FirstName(MailboxProfile p) => p.User.DisplayName.Split(' ')[0];

    private static int RoundUp(int minutes, int step) => (minutes + step - 1) / step * step;

    private static string Room(Random random, MailboxProfile owner)
    {
        var rooms = MeetingCatalogue.Rooms.GetValueOrDefault(owner.User.OfficeLocation, [owner.User.OfficeLocation]);
        return rooms[random.Next(rooms.Length)];
    }

    private MailboxProfile ManagerOf(MailboxProfile p)
    {
        var department = byDepartment[p.User.Department];
        return department.FirstOrDefault(c => c != p && (c.JobTitle.Contains("Manager", StringComparison.Ordinal) || c.JobTitle.Contains("Lead", StringComparison.Ordinal)))
            ?? department.FirstOrDefault(c => c != p)
            ?? profiles.FirstOrDefault(c => c != p)
            ?? p;
    }

    private List<MailboxProfile> Colleagues(MailboxProfile p, Random random, int count)
    {
        var pool = byDepartment[p.User.Department].Count > 1 ? byDepartment[p.User.Department] : profiles;
        var chosen = new List<MailboxProfile>();
        for (var i = 0; i < count * 2 && chosen.Count < count; i++)
        {
            var c = pool[random.Next(pool.Count)];
            if (c != p && !chosen.Contains(c))
            {
                chosen.Add(c);
            }
        }

        return chosen.Count > 0 ? chosen : [p];
    }
}

using System.Globalization;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using WorkplaceResilience.GraphSimulator.Tests.Infrastructure;

namespace WorkplaceResilience.GraphSimulator.Tests;

public sealed class DemoOrganisationTests
{
    private static readonly DateTimeOffset Saturday = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_organisation_is_varied_and_has_hr_and_admin_people()
    {
        await using var server = await GraphSimulatorServer.StartAsync(new SimulatorOptions { Clock = new FixedClock(Saturday) });
        var users = server.Tenant.Users;
        Assert.Equal(300, users.Count);
        Assert.True(users.Select(u => u.Department).Distinct().Count() >= 6);
        Assert.True(users.Select(u => u.TimeZone).Distinct().Count() >= 3);
        Assert.True(users.Select(u => u.Country).Distinct().Count() >= 3);
        Assert.InRange(users.Count(u => u.Role == DemoRole.Hr), 1, 5);
        Assert.All(users.Where(u => u.Role == DemoRole.Hr), u => Assert.Equal("People", u.Department));
        Assert.InRange(users.Count(u => u.Role == DemoRole.Admin), 1, 2);
        Assert.Equal(users.Count, users.Select(u => u.UserPrincipalName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(users, u => Assert.True(TimeZoneInfo.TryFindSystemTimeZoneById(u.TimeZone, out _), u.TimeZone));
    }

    [Fact]
    public async Task Same_seed_and_date_give_the_same_tenant_and_calendars()
    {
        var options = new SimulatorOptions { EmployeeCount = 15, Clock = new FixedClock(Saturday) };
        await using var a = await GraphSimulatorServer.StartAsync(options);
        await using var b = await GraphSimulatorServer.StartAsync(options);
        await using var other = await GraphSimulatorServer.StartAsync(options with { Seed = 7 });
        Assert.Equal(a.Tenant.Users, b.Tenant.Users);
        Assert.NotEqual(a.Tenant.Users[0].Id, other.Tenant.Users[0].Id);

        async Task<string> Subjects(GraphSimulatorServer server)
        {
            var page = await GraphClients.Create(server).Users[server.Tenant.Users[3].Id.ToString()].CalendarView.GetAsync(rc =>
            {
                rc.QueryParameters.StartDateTime = "2026-11-14T00:00:00Z";
                rc.QueryParameters.EndDateTime = "2026-12-06T00:00:00Z";
                rc.QueryParameters.Top = 1000;
            });
            return string.Join("|", page!.Value!.Select(e => $"{e.Id} {e.Subject} {e.Start!.DateTime}"));
        }

        Assert.Equal(await Subjects(a), await Subjects(b));
    }

    [Fact]
    public async Task On_a_saturday_every_user_has_a_populated_working_day_today()
    {
        // 150 people cover every office, zone and department and keep the suite fast; generation is per person.
        await using var server = await GraphSimulatorServer.StartAsync(new SimulatorOptions { EmployeeCount = 150, Clock = new FixedClock(Saturday) });
        var client = GraphClients.Create(server);
        var batch = new BatchRequestContentCollection(client);
        var steps = new List<(string Step, DemoUser User, bool Settings)>();
        foreach (var user in server.Tenant.Users)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(user.TimeZone);
            var today = TimeZoneInfo.ConvertTime(Saturday, zone).Date;
            var start = new DateTimeOffset(today, zone.GetUtcOffset(today));
            var info = client.Users[user.Id.ToString()].CalendarView.ToGetRequestInformation(rc =>
            {
                rc.QueryParameters.StartDateTime = start.ToString("o", CultureInfo.InvariantCulture);
                rc.QueryParameters.EndDateTime = start.AddDays(1).ToString("o", CultureInfo.InvariantCulture);
                rc.QueryParameters.Top = 200;
                rc.QueryParameters.Select = ["start", "end", "showAs", "isAllDay", "isCancelled"];
                rc.Headers.Add("Prefer", $"outlook.timezone=\"{user.TimeZone}\"");
            });
            steps.Add((await batch.AddBatchRequestStepAsync(info), user, false));
            steps.Add((await batch.AddBatchRequestStepAsync(client.Users[user.Id.ToString()].MailboxSettings.ToGetRequestInformation()), user, true));
        }

        var response = await client.Batch.PostAsync(batch);
        var longRuns = 0;
        foreach (var (step, user, settings) in steps)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(user.TimeZone);
            var weekday = TimeZoneInfo.ConvertTime(Saturday, zone).DayOfWeek;
            if (settings)
            {
                var mailbox = await response.GetResponseByIdAsync<MailboxSettings>(step);
                Assert.Contains(mailbox.WorkingHours!.DaysOfWeek!, d => d.ToString() == weekday.ToString());
                continue;
            }

            var events = (await response.GetResponseByIdAsync<EventCollectionResponse>(step)).Value!;
            var meetings = events.Where(e => e.IsAllDay != true && e.IsCancelled != true && e.ShowAs == FreeBusyStatus.Busy).ToList();
            Assert.True(meetings.Count >= 3, $"{user.DisplayName} ({user.TimeZone}) has {meetings.Count} busy events today");
            Assert.All(events, e => Assert.Equal(user.TimeZone, e.Start!.TimeZone));
            longRuns += LongestBackToBackMinutes(events) >= 90 ? 1 : 0;
        }

        Assert.True(longRuns >= 15, $"only {longRuns} people have 90+ minutes back to back today");
    }

    private static double LongestBackToBackMinutes(IEnumerable<Event> events)
    {
        var blocks = events
            .Where(e => e.IsAllDay != true && e.IsCancelled != true && e.ShowAs is FreeBusyStatus.Busy or FreeBusyStatus.Tentative)
            .Select(e => (Start: DateTime.Parse(e.Start!.DateTime!, CultureInfo.InvariantCulture), End: DateTime.Parse(e.End!.DateTime!, CultureInfo.InvariantCulture)))
            .OrderBy(b => b.Start)
            .ToList();
        double best = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            var end = blocks[i].End;
            for (var j = i + 1; j < blocks.Count && blocks[j].Start <= end; j++)
            {
                end = blocks[j].End > end ? blocks[j].End : end;
            }

            best = Math.Max(best, (end - blocks[i].Start).TotalMinutes);
        }

        return best;
    }
}

public sealed class CalendarChangeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public async Task Changes_made_before_anyone_reads_a_calendar_are_kept(int employees)
    {
        var now = new DateTimeOffset(2026, 11, 18, 15, 0, 0, TimeSpan.Zero);
        await using var server = await GraphSimulatorServer.StartAsync(new SimulatorOptions { EmployeeCount = employees, Clock = new FixedClock(now), SubjectMarker = "#m" });
        var user = server.Tenant.Users[^1];
        var id = server.AddEvent(user.Id, now.AddHours(1), now.AddHours(2), "Planning poker", "tentative");
        Assert.Throws<KeyNotFoundException>(() => server.MoveEvent(user.Id, "no-such-event", now, now.AddHours(1)));
        Assert.Throws<KeyNotFoundException>(() => server.AddEvent(Guid.NewGuid(), now, now.AddHours(1), "x"));

        var page = await GraphClients.Create(server).Users[user.Id.ToString()].CalendarView.GetAsync(rc =>
        {
            rc.QueryParameters.StartDateTime = "2026-11-18T15:30:00Z";
            rc.QueryParameters.EndDateTime = "2026-11-18T16:30:00Z";
        });
        var added = Assert.Single(page!.Value!, e => e.Id == id);
        Assert.Equal("Planning poker #m", added.Subject);
        Assert.Equal(Microsoft.Graph.Models.FreeBusyStatus.Tentative, added.ShowAs);

        server.DeleteEvent(user.Id, id);
        Assert.Throws<KeyNotFoundException>(() => server.CancelEvent(user.Id, id));
    }
}

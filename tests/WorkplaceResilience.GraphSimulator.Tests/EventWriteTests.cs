using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using WorkplaceResilience.GraphSimulator.Tests.Infrastructure;

namespace WorkplaceResilience.GraphSimulator.Tests;

/// <summary>Creating and deleting an event through the Graph SDK: it shows in the calendar, then goes; both are recorded.</summary>
[Collection("simulator")]
public sealed class EventWriteTests(SimulatorFixture fixture)
{
    [Fact]
    public async Task An_event_created_through_graph_is_in_the_calendar_until_it_is_deleted_and_both_are_recorded()
    {
        var user = fixture.User(5);
        var start = SimulatorFixture.Now.AddDays(1).AddHours(3);
        var created = await fixture.Client.Users[user.Id.ToString()].Events.PostAsync(new Event
        {
            Subject = "Pause",
            Start = new DateTimeTimeZone { DateTime = start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss"), TimeZone = "UTC" },
            // The same instant written in another zone: the simulator converts it.
            End = new DateTimeTimeZone { DateTime = start.AddMinutes(3).ToOffset(TimeSpan.FromHours(1)).DateTime.ToString("yyyy-MM-ddTHH:mm:ss"), TimeZone = "Europe/Berlin" },
            ShowAs = FreeBusyStatus.Busy,
            Sensitivity = Sensitivity.Private,
        });

        Assert.NotNull(created?.Id);
        Assert.Equal((Sensitivity.Private, FreeBusyStatus.Busy), (created!.Sensitivity, created.ShowAs));
        var truth = Assert.Single(fixture.Server.Truth(user.Id, start, start.AddMinutes(3)), e => e.Id == created.Id);
        Assert.Equal((start, start.AddMinutes(3), "busy"), (truth.Start, truth.End, truth.ShowAs));

        await fixture.Client.Users[user.Id.ToString()].Events[created.Id].DeleteAsync();
        Assert.DoesNotContain(fixture.Server.Truth(user.Id, start, start.AddMinutes(3)), e => e.Id == created.Id);
        var again = await Assert.ThrowsAsync<ODataError>(() => fixture.Client.Users[user.Id.ToString()].Events[created.Id].DeleteAsync());
        Assert.Equal(404, again.ResponseStatusCode);

        var writes = fixture.Server.EventWrites.Where(w => w.EventId == created.Id).ToList();
        Assert.Equal(["created", "deleted"], writes.Select(w => w.Change));
        Assert.All(writes, w => Assert.Equal((user.Id, "Pause", "private"), (w.UserId, w.Subject, w.Sensitivity)));
    }

    [Fact]
    public async Task An_event_without_a_valid_time_is_refused()
    {
        var user = fixture.User(5);
        var error = await Assert.ThrowsAsync<ODataError>(() => fixture.Client.Users[user.Id.ToString()].Events.PostAsync(new Event
        {
            Subject = "Pause",
            Start = new DateTimeTimeZone { DateTime = "2026-12-01T10:00:00", TimeZone = "UTC" },
            End = new DateTimeTimeZone { DateTime = "2026-12-01T09:00:00", TimeZone = "UTC" },
        }));
        Assert.Equal(400, error.ResponseStatusCode);
    }
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Delivery;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Tests.Hosting;

namespace WorkplaceResilience.Api.Tests;

/// <summary>Delivery through the real host and the simulator: timing, presence, lost answers, bulk sends, deep links.</summary>
public sealed class DeliveryTests
{
    private const string Bulk = "sendActivityNotificationToRecipients";
    private const string PerUser = "sendActivityNotification";

    [Fact]
    public async Task Every_notification_goes_out_after_the_meeting_before_its_gap_has_ended_and_never_during_a_meeting()
    {
        await using var host = await ApiHost.SyncedAsync();
        var start = host.Clock.GetUtcNow();
        // Three hours of the day, a delivery run every minute, as the job would (it runs every 15 s).
        for (var now = start; now < start.AddHours(3); now = now.AddMinutes(1))
        {
            host.Clock.Set(now);
            await host.DeliverDueAsync();
        }

        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
        var meetings = (await db.CalendarEntries.AsNoTracking()
                .Where(c => !c.IsCancelled && !c.IsAllDay && c.Response != 4 && (c.ShowAs == 1 || c.ShowAs == 2 || c.ShowAs == 3))
                .ToListAsync())
            .ToLookup(c => c.EmployeeId);
        var delivered = (await db.BreakOffers.AsNoTracking().Where(o => o.Status == OfferStatus.Delivered).ToListAsync())
            .ToLookup(o => (o.EmployeeId, o.DeliveredAt));
        var sent = host.Simulator.SentNotifications;
        Assert.True(sent.Count >= 5, $"only {sent.Count} notifications in three hours");
        foreach (var notification in sent)
        {
            var theirs = meetings[notification.UserId].ToList();
            Assert.DoesNotContain(theirs, m => m.Start <= notification.SentAt && m.End > notification.SentAt);
            var offer = Assert.Single(delivered[(notification.UserId, notification.SentAt)]);
            Assert.True(offer.Start <= notification.SentAt, "a nudge went out before its gap opened");
            var before = theirs.Where(m => m.End <= offer.Start).MaxBy(m => m.End);
            Assert.True(before is null || before.End <= notification.SentAt);
        }
        Assert.Equal(sent.Count, sent.Select(n => (n.UserId, n.SentAt)).Distinct().Count());
    }

    [Fact]
    public async Task Nobody_in_a_call_or_presenting_is_nudged_their_offer_waits_then_goes_out_or_expires()
    {
        await using var host = await ApiHost.SyncedAsync();
        var at = host.Clock.GetUtcNow().AddMinutes(2);
        var offers = await DueOffers.StartingTogetherAsync(host, at, 3, 3, 3, 3);
        var (inCall, presenting, urgentOnly, free) = (offers[0], offers[1], offers[2], offers[3]);
        host.Simulator.SetPresence(inCall.EmployeeId, "Busy", "InACall");
        host.Simulator.SetPresence(presenting.EmployeeId, "DoNotDisturb", "Presenting");
        host.Simulator.SetPresence(urgentOnly.EmployeeId, "DoNotDisturb", "UrgentInterruptionsOnly");

        host.Clock.Set(at.AddSeconds(10));
        await host.DeliverDueAsync();
        var state = await DueOffers.ReadAsync(host, offers.Select(o => o.Id));
        Assert.Equal(OfferStatus.Delivered, state[free.Id].Status);
        Assert.All([inCall, presenting, urgentOnly], o => Assert.Equal(OfferStatus.Deferred, state[o.Id].Status));
        Assert.Equal([free.EmployeeId], host.Simulator.SentNotifications.Select(n => n.UserId));

        // The call ends; a run within the deferral sends nothing, the next one after it sends.
        host.Simulator.ClearPresence(inCall.EmployeeId);
        host.Clock.Set(at.AddSeconds(40));
        await host.DeliverDueAsync();
        Assert.Single(host.Simulator.SentNotifications);
        host.Clock.Set(at.AddSeconds(75));
        await host.DeliverDueAsync();
        Assert.Equal(OfferStatus.Delivered, (await DueOffers.ReadAsync(host, [inCall.Id]))[inCall.Id].Status);

        // The others stay busy until their gap has closed: their offers expire, saying why, and they were never nudged.
        for (var now = at.AddSeconds(75); now < at.AddHours(13); now = now.AddMinutes(1))
        {
            state = await DueOffers.ReadAsync(host, [presenting.Id, urgentOnly.Id]);
            if (state.Values.All(o => BreakOffer.Final.Contains(o.Status))) break;
            host.Clock.Set(now);
            await host.DeliverDueAsync();
        }
        state = await DueOffers.ReadAsync(host, offers.Select(o => o.Id));
        foreach (var busy in new[] { presenting, urgentOnly })
        {
            Assert.True(state[busy.Id].Status == OfferStatus.Expired,
                $"{state[busy.Id].Status} {state[busy.Id].GapEnd:O} {state[busy.Id].NextAttemptAt:O} now {host.Clock.GetUtcNow():O}");
            Assert.Equal(OfferEndReason.PersonBusy, state[busy.Id].EndReason);
        }
        var people = offers.Select(o => o.EmployeeId).ToHashSet();
        Assert.Equal(new[] { free.EmployeeId, inCall.EmployeeId }.Order(),
            host.Simulator.SentNotifications.Select(n => n.UserId).Where(people.Contains).Order());
    }

    [Fact]
    public async Task When_Graph_takes_a_send_but_the_answer_is_lost_the_offer_is_never_sent_twice()
    {
        await using var host = await ApiHost.SyncedAsync(settings: ("Jobs:StragglerBatchSize", "1"));
        var at = host.Clock.GetUtcNow().AddMinutes(2);
        // Six people share one notification (the bulk endpoint), one more gets the per-user one.
        var offers = await DueOffers.StartingTogetherAsync(host, at, 3, 3, 3, 3, 3, 3, 5);
        host.Simulator.LoseResponses(Bulk, 1);
        host.Simulator.LoseResponses(PerUser, 1);

        host.Clock.Set(at.AddSeconds(10));
        await host.DeliverDueAsync();
        // Later runs, also after the sweeper's claim timeout, while the gap still lasts.
        foreach (var later in new[] { 1, 3, 6 })
        {
            host.Clock.Set(at.AddMinutes(later));
            await host.DeliverDueAsync();
        }

        var state = await DueOffers.ReadAsync(host, offers.Select(o => o.Id));
        Assert.All(offers, o => Assert.Equal(OfferStatus.Unconfirmed, state[o.Id].Status));
        Assert.All(offers, o => Assert.Equal(OfferEndReason.OutcomeUnknown, state[o.Id].EndReason));
        var sent = host.Simulator.SentNotifications;
        Assert.Equal(offers.Select(o => o.EmployeeId).Order(), sent.Select(n => n.UserId).Order());
        Assert.Equal(1, host.Simulator.RequestCount(Bulk));
        Assert.Equal(1, host.Simulator.RequestCount(PerUser));
        // The person can still take the break from the tab.
        var client = await host.SignedInAsync(offers[0].EmployeeId);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.PostAsync($"/api/offers/{offers[0].Id}/start", null)).StatusCode);
    }

    [Fact]
    public async Task The_kill_switch_stops_a_run_in_progress_at_its_next_lease_renewal_and_hands_the_rest_back_unsent()
    {
        // Everyone through the per-user endpoint (5 calls a second): 30 people take about six seconds.
        await using var host = await ApiHost.SyncedAsync(employees: 60, ("Jobs:StragglerBatchSize", "100"), ("Jobs:DeliveryLease", "00:00:15"));
        var at = host.Clock.GetUtcNow().AddMinutes(2);
        var offers = await DueOffers.StartingTogetherAsync(host, at, Enumerable.Repeat(3, 30).ToArray());
        host.Clock.Set(at.AddSeconds(5));
        var run = host.DeliverDueAsync();
        while (host.Simulator.SentNotifications.Count < 3) await Task.Delay(50);

        using (var scope = host.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Tenants.Where(t => t.Id == host.TenantId)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.NudgesPaused, true));
        host.Clock.Set(at.AddSeconds(15)); // past half the lease: the next call renews it, which the kill switch refuses
        var sent = await run;

        Assert.InRange(sent, 3, 29);
        var state = await DueOffers.ReadAsync(host, offers.Select(o => o.Id));
        Assert.Equal(sent, state.Values.Count(o => o.Status == OfferStatus.Delivered));
        Assert.All(state.Values.Where(o => o.Status != OfferStatus.Delivered), o => Assert.Equal(OfferStatus.Planned, o.Status));
        Assert.Equal(sent, host.Simulator.SentNotifications.Count);
    }

    [Fact]
    public async Task People_nudged_in_the_same_minute_share_one_call_and_the_deep_link_carries_the_configured_app_id()
    {
        var appId = Guid.NewGuid();
        await using var host = await ApiHost.SyncedAsync(settings: ("Graph:TeamsAppId", appId.ToString()));
        var at = host.Clock.GetUtcNow().AddMinutes(2);
        var offers = await DueOffers.StartingTogetherAsync(host, at, 3, 3, 3, 3, 3, 3, 3, 1);
        host.Clock.Set(at.AddSeconds(5));
        Assert.Equal(8, await host.DeliverDueAsync());

        Assert.Equal(1, host.Simulator.RequestCount(Bulk));
        Assert.Equal(1, host.Simulator.RequestCount(PerUser));
        var sent = host.Simulator.SentNotifications;
        Assert.Equal(offers.Select(o => o.EmployeeId).Order(), sent.Select(n => n.UserId).Order());
        Assert.All(sent, n => Assert.StartsWith($"https://teams.microsoft.com/l/entity/{appId}/today?context=", n.TopicWebUrl));
        Assert.DoesNotContain(sent, n => n.TopicWebUrl.Contains(Guid.Empty.ToString()));
        var single = Assert.Single(sent, n => n.UserId == offers[^1].EmployeeId);
        Assert.Contains(Uri.EscapeDataString(offers[^1].Id.ToString()), single.TopicWebUrl);
        Assert.Equal("1", single.TemplateParameters["minutes"]);
        Assert.All(sent.Where(n => n != single), n => Assert.Contains(Uri.EscapeDataString("\"today\""), n.TopicWebUrl));
    }

    [Fact]
    public async Task An_offer_caught_late_in_its_gap_shrinks_to_what_still_fits_or_expires()
    {
        await using var host = await ApiHost.SyncedAsync();
        var at = host.Clock.GetUtcNow().AddMinutes(2);
        var offers = await DueOffers.StartingTogetherAsync(host, at, 5, 5);
        // Both gaps end 4 minutes after they open (a meeting comes in), one gap only 30 seconds after now.
        host.Simulator.AddEvent(offers[0].EmployeeId, at.AddMinutes(4), at.AddMinutes(30), "Next");
        host.Simulator.AddEvent(offers[1].EmployeeId, at.AddSeconds(40), at.AddMinutes(30), "Next");
        // The stored calendars are made stale, so delivery reads them again before the nudge.
        host.Clock.Set(at.AddSeconds(10));
        using (var scope = host.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId).Employees
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.CalendarSyncedAt, at.AddHours(-1)).SetProperty(e => e.NextCalendarSyncAt, at.AddHours(-1)));
        await host.DeliverDueAsync();

        var state = await DueOffers.ReadAsync(host, offers.Select(o => o.Id));
        Assert.Equal(OfferStatus.Delivered, state[offers[0].Id].Status);
        Assert.Equal(3, state[offers[0].Id].LengthMinutes);
        Assert.Equal("3", Assert.Single(host.Simulator.SentNotifications).TemplateParameters["minutes"]);
        Assert.Equal(OfferStatus.Expired, state[offers[1].Id].Status);
        Assert.Equal(OfferEndReason.TooLateToFit, state[offers[1].Id].EndReason);
    }

    [Fact]
    public void Presence_that_must_not_be_interrupted()
    {
        foreach (var (availability, activity) in new[]
                 {
                     ("Busy", "InACall"), ("Busy", "InAConferenceCall"), ("Busy", "InAMeeting"), ("DoNotDisturb", "Presenting"),
                     ("DoNotDisturb", "UrgentInterruptionsOnly"), ("DoNotDisturb", "DoNotDisturb"), ("Busy", "Busy"),
                 })
            Assert.True(PresenceCheck.IsBusy(availability, activity), $"{availability}/{activity}");
        foreach (var (availability, activity) in new[] { ("Available", "Available"), ("Away", "Away"), ("BeRightBack", "BeRightBack") })
            Assert.False(PresenceCheck.IsBusy(availability, activity), $"{availability}/{activity}");
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("00000000-0000-0000-0000-000000000000", false)]
    [InlineData("not-a-guid", false)]
    [InlineData("8d3c2e6a-5f1b-4b7e-9c2d-1a2b3c4d5e6f", true)]
    public void The_teams_app_id_is_never_the_all_zero_placeholder(string appId, bool accepted)
    {
        var result = new GraphOptionsValidation().Validate(null, new GraphOptions { TeamsAppId = appId });
        Assert.Equal(accepted, result.Succeeded);
        Assert.Equal(appId.StartsWith("8d3c", StringComparison.Ordinal) ? appId : null, new GraphOptions { TeamsAppId = appId }.ConfiguredTeamsAppId);
    }
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WorkplaceResilience.Api.Delivery;
using WorkplaceResilience.Api.Graph;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Tests.Hosting;

namespace WorkplaceResilience.Api.Tests;

/// <summary>
/// Two service instances on one PostgreSQL database, one Graph (the simulator, which records every notification it
/// accepts). An instance stops dead in the middle of a delivery burst (its run is cancelled: no write after that moment),
/// repeatedly, and the database drops every connection mid-burst; the other instance carries on. Every offer ends sent
/// exactly once, or unconfirmed (handed over, sent at most once), or expired or cancelled with a reason; an offer Graph
/// accepted is never recorded as expired.
/// </summary>
public sealed class DeliveryCrashTests
{
    [Fact]
    public async Task Offers_end_sent_once_or_ended_with_a_reason_when_an_instance_dies_mid_burst_or_the_database_drops_connections()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        static void Settings(IWebHostBuilder b) => b.UseSetting("Jobs:StragglerBatchSize", "1");
        await using var a = new ApiHost(database, ownsDatabase: false, employees: 150, configure: Settings);
        await using var b = new ApiHost(database, ownsDatabase: false, employees: 150, configure: Settings);
        _ = a.Server;
        await a.SyncEverythingAsync();
        _ = b.Server;
        // Both instances talk to one Graph: the first one's simulator.
        var endpoint = b.Services.GetRequiredService<GraphEndpoint>();
        endpoint.GraphBaseUrl = a.Simulator.GraphBaseUrl;
        endpoint.TokenEndpoint = a.Simulator.TokenEndpoint;
        var job = (ApiHost host) => host.Services.GetRequiredService<OfferDeliveryJob>();

        var all = new List<BreakOffer>();
        var lengths = Enumerable.Range(0, 18).Select(i => new[] { 1, 3, 5 }[i % 3]).ToArray();
        var delays = new[] { 250, 700, 1200, 0 };
        for (var round = 0; round < delays.Length; round++)
        {
            var at = a.Clock.GetUtcNow().AddMinutes(2);
            var offers = await DueOffers.StartingTogetherAsync(a, at, lengths);
            all.AddRange(offers);
            SetClocks(a, b, at.AddSeconds(5));
            using var stop = new CancellationTokenSource();
            var burst = job(a).DeliverDueAsync(stop.Token);
            if (delays[round] > 0)
            {
                await Task.Delay(delays[round]);
                await stop.CancelAsync(); // the instance dies: nothing it would still write gets written
            }
            else
            {
                await Task.Delay(600);
                await DropAllConnectionsAsync(database.PostgresConnectionString!);
            }
            await Interrupted(burst);
            // The other instance: right away (the dead one's claims are not yet old enough to take back) and after the timeout.
            // Connections cut in the database fail once in its pool too, as after a PostgreSQL restart: the next run goes on.
            await Interrupted(job(b).DeliverDueAsync(CancellationToken.None));
            SetClocks(a, b, at.AddMinutes(2.5));
            await Interrupted(job(b).DeliverDueAsync(CancellationToken.None));
            await job(b).DeliverDueAsync(CancellationToken.None);
        }

        var state = await DueOffers.ReadAsync(a, all.Select(o => o.Id));
        var received = a.Simulator.SentNotifications.GroupBy(n => n.UserId).ToDictionary(g => g.Key, g => g.Count());
        foreach (var offer in all)
        {
            var now = state[offer.Id];
            var times = received.GetValueOrDefault(offer.EmployeeId);
            switch (now.Status)
            {
                case OfferStatus.Delivered:
                    Assert.Equal(1, times);
                    break;
                case OfferStatus.Unconfirmed:
                    Assert.InRange(times, 0, 1);
                    break;
                case OfferStatus.Expired or OfferStatus.Cancelled:
                    Assert.NotEqual(OfferEndReason.None, now.EndReason);
                    Assert.Equal(0, times);
                    break;
                default:
                    Assert.Fail($"An offer ended {now.Status}, neither sent nor ended with a reason.");
                    break;
            }
        }
        Assert.True(state.Values.Count(o => o.Status == OfferStatus.Delivered) >= all.Count / 2, "most offers should still be delivered");
    }

    [Fact]
    public async Task Two_instances_sending_at_once_stay_together_within_the_tenants_rate_and_hand_over()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        // Small claims, so that without the lease both instances would claim and send; everyone through the per-user
        // endpoint (5 calls a second per tenant).
        static void Settings(IWebHostBuilder b) => b.UseSetting("Jobs:StragglerBatchSize", "100").UseSetting("Jobs:DeliveryBatchSize", "3");
        await using var a = new ApiHost(database, ownsDatabase: false, employees: 150, configure: Settings);
        await using var b = new ApiHost(database, ownsDatabase: false, employees: 150, configure: Settings);
        _ = a.Server;
        await a.SyncEverythingAsync();
        _ = b.Server;
        var endpoint = b.Services.GetRequiredService<GraphEndpoint>();
        endpoint.GraphBaseUrl = a.Simulator.GraphBaseUrl;
        endpoint.TokenEndpoint = a.Simulator.TokenEndpoint;
        var job = (ApiHost host) => host.Services.GetRequiredService<OfferDeliveryJob>();

        var at = a.Clock.GetUtcNow().AddMinutes(2);
        var offers = await DueOffers.StartingTogetherAsync(a, at, Enumerable.Repeat(3, 18).ToArray());
        SetClocks(a, b, at.AddSeconds(5));
        var runs = await Task.WhenAll(job(a).DeliverDueAsync(CancellationToken.None), job(b).DeliverDueAsync(CancellationToken.None));

        Assert.Equal(18, runs.Sum());
        Assert.Contains(0, runs); // one instance sent for the tenant, the other only swept
        // Every call Graph got was accepted: together the instances never went over its 5 calls a second.
        Assert.Equal(18, a.Simulator.RequestCount("sendActivityNotification"));
        Assert.Equal(offers.Select(o => o.EmployeeId).Order(), a.Simulator.SentNotifications.Select(n => n.UserId).Order());

        // The holder handed the lease back at the end of its run: a few seconds later the other instance sends.
        var other = runs[0] == 0 ? a : b;
        var next = await DueOffers.StartingTogetherAsync(a, at.AddMinutes(30), 3, 3);
        SetClocks(a, b, at.AddMinutes(30).AddSeconds(5));
        // The lease is free two seconds after the hand-back on the service clock, which this test moves by hand; Graph's
        // window runs on real time, so it is let pass here as the service clock would in production.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.True(await job(other).DeliverDueAsync(CancellationToken.None) >= 2); // others' breaks came due meanwhile, too
        Assert.All((await DueOffers.ReadAsync(a, next.Select(o => o.Id))).Values, o => Assert.Equal(OfferStatus.Delivered, o.Status));
        Assert.Equal(a.Simulator.SentNotifications.Count, a.Simulator.RequestCount("sendActivityNotification"));
    }

    /// <summary>Waits for a run that may have been cut short (cancelled, or its database connection dropped).</summary>
    private static async Task Interrupted(Task run)
    {
        try
        {
            await run;
        }
        catch (Exception error) when (error is OperationCanceledException or NpgsqlException or InvalidOperationException
                                          or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
        }
    }

    private static void SetClocks(ApiHost a, ApiHost b, DateTimeOffset now)
    {
        a.Clock.Set(now);
        b.Clock.Set(now);
    }

    /// <summary>Every connection to the test database is cut, as when PostgreSQL restarts.</summary>
    private static async Task DropAllConnectionsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", connection);
        await command.ExecuteNonQueryAsync();
    }
}

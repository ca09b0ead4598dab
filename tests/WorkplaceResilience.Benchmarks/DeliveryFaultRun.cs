using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Delivery;
using WorkplaceResilience.Api.Graph;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.GraphSimulator;

namespace WorkplaceResilience.Benchmarks;

/// <summary>
/// Issue 9's fault run (too heavy for the test suite): two service instances, each its own process, on one PostgreSQL
/// cluster of its own, sharing one Graph simulator that records every notification it accepts. Six delivery bursts of 150
/// people (different people each time, so each notification belongs to exactly one offer); in four, one instance is killed with SIGKILL mid-burst and started again; in one, PostgreSQL is stopped
/// (immediate shutdown) for 30 s mid-burst. Then every offer is checked: sent exactly once, or unconfirmed (handed to Graph,
/// at most once), or expired/cancelled with a reason; and no offer Graph accepted is recorded as expired.
/// Usage: <c>-- delivery-faults</c> (needs PostgreSQL 15 binaries in /usr/lib/postgresql/15/bin and root, for runuser).
/// </summary>
public static class DeliveryFaultRun
{
    private const int People = 1000;
    private const int PerBurst = 150;
    private const string PgBin = "/usr/lib/postgresql/15/bin";

    public static int Run(string[] args) => args.Length > 0 && args[0] == "instance"
        ? RunInstanceAsync(args[1], args[2], args[3], args[4]).GetAwaiter().GetResult()
        : RunFaultsAsync().GetAwaiter().GetResult();

    /// <summary>One service instance: the delivery job back to back (as its recurring runs would), until killed.</summary>
    private static async Task<int> RunInstanceAsync(string postgres, string graphBaseUrl, string tokenEndpoint, string root)
    {
        var data = Path.Combine(root, "instance-" + Guid.NewGuid().ToString("N")[..8]);
        await using var app = await ServiceHost.StartAsync(data, People, Settings(postgres));
        var endpoint = app.Services.GetRequiredService<GraphEndpoint>();
        endpoint.GraphBaseUrl = new Uri(graphBaseUrl);
        endpoint.TokenEndpoint = new Uri(tokenEndpoint);
        Console.WriteLine("ready");
        var job = app.Services.GetRequiredService<OfferDeliveryJob>();
        while (true)
        {
            try { await job.DeliverDueAsync(CancellationToken.None); }
            catch (Exception error) { Console.Error.WriteLine($"run failed: {error.GetType().Name}"); }
            await Task.Delay(1000);
        }
    }

    private static Dictionary<string, string?> Settings(string postgres) => new()
    {
        ["Storage:Postgres"] = postgres,
        ["Jobs:DeliveryClaimTimeout"] = "00:00:30",
        ["Jobs:StragglerBatchSize"] = "1",
    };

    private static async Task<int> RunFaultsAsync()
    {
        var root = Directory.CreateTempSubdirectory("wr-fault-run").FullName;
        var pgData = Path.Combine(root, "pg");
        var port = 56000 + Random.Shared.Next(900);
        Directory.CreateDirectory(pgData);
        Sh("chown", $"-R postgres {root}");
        Sh("runuser", $"-u postgres -- {PgBin}/initdb -D {pgData} --auth=trust -U postgres");
        void StartPostgres() => Sh("runuser", $"-u postgres -- {PgBin}/pg_ctl -D {pgData} -l {root}/pg.log -w -o \"-p {port} -c listen_addresses=127.0.0.1 -k {root} -c fsync=off -c max_connections=200\" start");
        void StopPostgres() => Sh("runuser", $"-u postgres -- {PgBin}/pg_ctl -D {pgData} -m immediate -w stop");
        StartPostgres();
        var postgres = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true";
        var instances = new Process?[2];
        try
        {
            await using var simulator = await GraphSimulatorServer.StartAsync(new SimulatorOptions { EmployeeCount = People, Seed = 42 });
            foreach (var user in simulator.Tenant.Users) simulator.SetPresence(user.Id, "Available", "Available");
            // This process migrates the schema and seeds the offers through the service's own model.
            await using var seeder = await ServiceHost.StartAsync(Path.Combine(root, "seeder"), People, Settings(postgres));
            var tenantId = simulator.Tenant.TenantId;
            using (var scope = seeder.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
                db.Employees.AddRange(simulator.Tenant.Users.Select(u => new Employee
                {
                    TenantId = tenantId, Id = u.Id, CalendarSyncedAt = DateTimeOffset.UtcNow.AddHours(1), NextCalendarSyncAt = DateTimeOffset.UtcNow.AddHours(1),
                }));
                await db.SaveChangesAsync();
            }
            Process Launch(int i)
            {
                var process = Process.Start(new ProcessStartInfo(Environment.ProcessPath!,
                    $"delivery-faults instance \"{postgres}\" {simulator.GraphBaseUrl} {simulator.TokenEndpoint} {root}")
                {
                    RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                })!;
                while (process.StandardOutput.ReadLine() is { } line && line != "ready") { }
                _ = process.StandardOutput.ReadToEndAsync();
                _ = process.StandardError.ReadToEndAsync();
                return process;
            }
            instances[0] = Launch(0);
            instances[1] = Launch(1);

            var faults = new[] { "kill", "kill", "none", "kill", "postgres", "kill" };
            var all = new List<Guid>();
            for (var burst = 0; burst < faults.Length; burst++)
            {
                var at = DateTimeOffset.UtcNow.AddSeconds(8);
                var people = simulator.Tenant.Users.Skip(burst * PerBurst).Take(PerBurst).ToList();
                var offers = people.Select((u, i) => new BreakOffer
                {
                    TenantId = tenantId, Id = Guid.NewGuid(), EmployeeId = u.Id, Start = at, LengthMinutes = new[] { 1, 3, 5 }[i % 3],
                    PracticeId = "kind-phrases", CreatedAt = DateTimeOffset.UtcNow,
                }).ToList();
                // After PostgreSQL came back, this process's pool still holds dead connections: each failure discards one.
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        using var scope = seeder.Services.CreateScope();
                        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
                        db.BreakOffers.AddRange(offers);
                        await db.SaveChangesAsync();
                        break;
                    }
                    catch (InvalidOperationException) when (attempt < 20) { }
                }
                all.AddRange(offers.Select(o => o.Id));
                var untilFault = at - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(Random.Shared.Next(200, 1500));
                if (untilFault > TimeSpan.Zero) await Task.Delay(untilFault);
                switch (faults[burst])
                {
                    case "kill":
                        var victim = Random.Shared.Next(2);
                        instances[victim]!.Kill(); // SIGKILL
                        await instances[victim]!.WaitForExitAsync();
                        Console.WriteLine($"# burst {burst + 1}: instance {victim + 1} killed (SIGKILL) mid-burst");
                        await Task.Delay(2000);
                        instances[victim] = Launch(victim);
                        break;
                    case "postgres":
                        StopPostgres();
                        Console.WriteLine($"# burst {burst + 1}: PostgreSQL stopped for 30 s mid-burst");
                        await Task.Delay(TimeSpan.FromSeconds(30));
                        StartPostgres();
                        break;
                    default:
                        Console.WriteLine($"# burst {burst + 1}: no fault");
                        break;
                }
                await Task.Delay(TimeSpan.FromSeconds(12));
            }
            // Let the sweeper take back whatever the killed instances held, and the survivors finish.
            await Task.Delay(TimeSpan.FromSeconds(75));

            List<BreakOffer> final;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    using var scope = seeder.Services.CreateScope();
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
                    final = await db.BreakOffers.AsNoTracking().Where(o => all.Contains(o.Id)).ToListAsync();
                    break;
                }
                catch (InvalidOperationException) when (attempt < 20) { }
            }
            var received = simulator.SentNotifications.GroupBy(n => n.UserId).ToDictionary(g => g.Key, g => g.Count());
            int Received(BreakOffer o) => received.GetValueOrDefault(o.EmployeeId);
            var delivered = final.Count(o => o.Status == OfferStatus.Delivered);
            var unconfirmed = final.Count(o => o.Status == OfferStatus.Unconfirmed);
            var ended = final.Count(o => o.Status is OfferStatus.Expired or OfferStatus.Cancelled && o.EndReason != OfferEndReason.None);
            var lost = final.Count - delivered - unconfirmed - ended;
            var twice = final.Count(o => Received(o) > 1);
            var deliveredNotSent = final.Count(o => o.Status == OfferStatus.Delivered && Received(o) != 1);
            var acceptedButExpired = final.Count(o => o.Status is OfferStatus.Expired or OfferStatus.Cancelled && Received(o) > 0);
            var unconfirmedSent = final.Count(o => o.Status == OfferStatus.Unconfirmed && Received(o) == 1);
            foreach (var group in final.GroupBy(o => (o.Status, o.EndReason)).OrderBy(g => g.Key.Status))
                Console.WriteLine($"# {group.Key.Status} ({group.Key.EndReason}): {group.Count()}");
            Console.WriteLine($"delivery-faults-offers: {final.Count} offers");
            Console.WriteLine($"delivery-faults-delivered: {delivered} offers");
            Console.WriteLine($"delivery-faults-unconfirmed: {unconfirmed} offers ({unconfirmedSent} of them reached Graph)");
            Console.WriteLine($"delivery-faults-ended-with-reason: {ended} offers");
            Console.WriteLine($"delivery-faults-lost: {lost} offers");
            Console.WriteLine($"delivery-faults-sent-twice: {twice} offers");
            Console.WriteLine($"delivery-faults-delivered-but-not-recorded-by-graph: {deliveredNotSent} offers");
            Console.WriteLine($"delivery-faults-accepted-but-recorded-expired: {acceptedButExpired} offers");
            return lost + twice + deliveredNotSent + acceptedButExpired == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var instance in instances)
                if (instance is { HasExited: false }) instance.Kill();
            try { StopPostgres(); } catch (InvalidOperationException) { }
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    private static void Sh(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000) || process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {arguments} failed: {error.Result}{output.Result}");
    }
}

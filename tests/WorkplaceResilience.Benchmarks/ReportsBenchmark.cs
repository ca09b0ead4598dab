using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WorkplaceResilience.Api.Calendar;
using WorkplaceResilience.Api.Demo;
using WorkplaceResilience.Api.People;
using WorkplaceResilience.Api.Reports;
using WorkplaceResilience.Core.Reporting;

namespace WorkplaceResilience.Benchmarks;

/// <summary>
/// Issue 12: HR reports at 100,000 people on PostgreSQL. Generates one closed week of raw rows in bulk SQL (calendar
/// entries, offers, practice sessions for 100,000 people), times the rollup of that week through the real job, copies
/// its released cells back over 51 earlier weeks (52 weeks of history; raw rows that old would be gone by retention),
/// then times HR's dashboard request (12 weeks, every group of a grouping, each grouping in turn: department, office,
/// country, org level 2 from a generated org tree) through the real HTTP pipeline.
/// Usage: -- reports [connection string] [people]; the connection defaults to WR_TEST_POSTGRES.
/// </summary>
public static class ReportsBenchmark
{
    public static int Run(string[] args)
    {
        var server = args.Length > 0 && args[0].Contains('=') ? args[0] : Environment.GetEnvironmentVariable("WR_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            Console.Error.WriteLine("reports needs PostgreSQL: pass a connection string or set WR_TEST_POSTGRES");
            return 2;
        }
        var people = args.Length > 1 && int.TryParse(args[^1], out var n) ? n : 100_000;
        return RunAsync(server, people).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string server, int people)
    {
        var database = "wr_bench_reports_" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync(server, $"CREATE DATABASE {database}");
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        var data = Directory.CreateTempSubdirectory("wr-bench-reports-").FullName;
        // The host's content root (the Api project folder), found above the benchmark's output folder.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !Directory.Exists(Path.Combine(root.FullName, "src", "WorkplaceResilience.Api"))) root = root.Parent;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_WORKPLACERESILIENCE_API",
            Path.Combine(root?.FullName ?? ".", "src", "WorkplaceResilience.Api"));
        try
        {
            await using var host = new WebApplicationFactory<ReportRollupJob>().WithWebHostBuilder(b =>
            {
                b.UseEnvironment("Development");
                b.UseSetting("Demo:Enabled", "true");
                b.UseSetting("Demo:EmployeeCount", "20");
                b.UseSetting("Storage:Postgres", connection);
                b.UseSetting("Storage:DataDirectory", data);
                b.UseSetting("Jobs:Enabled", "false");
                b.UseSetting("Logging:LogLevel:Default", "Warning");
            });
            _ = host.Server;
            var tenantId = host.Services.GetRequiredService<DemoSimulator>().Server!.Tenant.TenantId;
            await WaitForTenantAsync(connection, tenantId);
            var week = ReportWeeks.LastClosed(DateTimeOffset.UtcNow);

            var clock = Stopwatch.StartNew();
            await GenerateWeekAsync(connection, tenantId, week, people);
            await GenerateOrgTreeAsync(connection, tenantId, OrgKeys.For(host.Services.GetRequiredService<EventIdHasher>(), tenantId));
            Console.WriteLine($"# generated {people:N0} people's week {ReportWeeks.Label(week)} in {clock.Elapsed.TotalSeconds:F0} s; {Environment.ProcessorCount} cores, {Environment.Version}");
            Console.WriteLine($"# {await ScalarAsync(connection, "SELECT count(*) FROM calendar_entries"):N0} calendar entries, " +
                              $"{await ScalarAsync(connection, "SELECT count(*) FROM break_offers"):N0} offers, " +
                              $"{await ScalarAsync(connection, "SELECT count(*) FROM practice_sessions"):N0} practice sessions");

            var job = host.Services.GetRequiredService<ReportRollupJob>();
            clock.Restart();
            if (!await job.RollUpWeekAsync(tenantId, week, CancellationToken.None)) throw new InvalidOperationException("the week was already released");
            var rollupSeconds = clock.Elapsed.TotalSeconds;

            await ExecuteAsync(connection, """
                INSERT INTO report_releases (tenant_id, week_start, released_at, minimum_group_size, epsilon_per_value, action_clip, epsilon, withheld)
                SELECT r.tenant_id, r.week_start - 7 * g, r.released_at - make_interval(days => 7 * g), r.minimum_group_size, r.epsilon_per_value, r.action_clip, r.epsilon, r.withheld
                FROM report_releases r CROSS JOIN generate_series(1, 51) g;
                INSERT INTO report_cells (tenant_id, grouping, week_start, group_name, hidden, figures)
                SELECT c.tenant_id, c.grouping, c.week_start - 7 * g, c.group_name, c.hidden, c.figures
                FROM report_cells c CROSS JOIN generate_series(1, 51) g;
                ANALYZE;
                """);
            Console.WriteLine($"# {await ScalarAsync(connection, "SELECT count(*) FROM report_releases"):N0} released weeks, " +
                              $"{await ScalarAsync(connection, "SELECT count(*) FROM report_cells"):N0} cells " +
                              $"({await ScalarAsync(connection, "SELECT count(*) FROM report_cells WHERE hidden IS NULL AND week_start = (SELECT max(week_start) FROM report_cells)"):N0} of the newest week released)");

            var client = await SignedInAsHrAsync(host);
            var timings = new List<double>();
            string[] paths = [.. new ReportOptions().Groupings.Select(g => $"/api/reports/summary?grouping={g}")];
            var byPath = paths.ToDictionary(p => p, _ => new List<double>());
            for (var i = 0; i < 30; i++) (await client.GetAsync(paths[i % paths.Length])).EnsureSuccessStatusCode(); // warm-up
            for (var i = 0; i < 300; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(paths[i % paths.Length]);
                response.EnsureSuccessStatusCode();
                _ = await response.Content.ReadAsByteArrayAsync();
                timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                byPath[paths[i % paths.Length]].Add(timings[^1]);
            }
            timings.Sort();
            Console.WriteLine("# p95 by grouping: " + string.Join(", ", byPath.Select(p =>
                $"{p.Key[(p.Key.IndexOf('=') + 1)..]} {p.Value.Order().ElementAt((int)Math.Ceiling(p.Value.Count * 0.95) - 1):F1} ms")));
            Console.WriteLine($"# dashboard request: median {timings[timings.Count / 2]:F1} ms, max {timings[^1]:F1} ms over {timings.Count} requests (12 weeks, each grouping in turn)");
            Console.WriteLine($"hr-dashboard-p95-ms: {timings[(int)Math.Ceiling(timings.Count * 0.95) - 1]:F1} ms");
            Console.WriteLine($"rollup-week-seconds: {rollupSeconds:F1} s");
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>
    /// One week for <paramref name="people"/> people in 60 departments, 25 offices and 12 countries over six time zones:
    /// four meetings a working day (two back to back), two offers a day with mixed answers, a practice per completed offer.
    /// </summary>
    private static Task GenerateWeekAsync(string connection, Guid tenantId, DateOnly monday, int people) => ExecuteAsync(connection, $"""
        CREATE TEMP TABLE bench_people AS
        SELECT i, gen_random_uuid() AS id FROM generate_series(1, {people}) i;
        INSERT INTO employees (tenant_id, id, department, office_location, country, share_check_ins_in_reports, time_zone,
                               work_start, work_end, work_days, is_active, next_calendar_sync_at)
        SELECT '{tenantId}', id, 'Department ' || (i % 60), 'Office ' || (i % 25), 'Country ' || (i % 12), i % 3 = 0,
               (ARRAY['Europe/London','Europe/Berlin','America/New_York','America/Los_Angeles','Asia/Kolkata','Australia/Sydney'])[1 + i % 6],
               '09:00', '17:00', 62, true, now() + interval '1 year'
        FROM bench_people;
        INSERT INTO calendar_entries (tenant_id, employee_id, event_hash, start, "end", show_as, is_all_day, is_cancelled, response)
        SELECT '{tenantId}', p.id, 'b' || d || '-' || m, s, s + interval '50 minutes' + (m % 2) * interval '10 minutes', 2, false, false, 3
        FROM bench_people p CROSS JOIN generate_series(0, 4) d CROSS JOIN generate_series(0, 3) m
        CROSS JOIN LATERAL (SELECT timestamptz '{monday:yyyy-MM-dd} 08:00Z' + d * interval '1 day'
                            + (ARRAY[0, 60, 240, 330])[m + 1] * interval '1 minute' + (p.i % 7) * interval '1 hour' AS s) t;
        INSERT INTO break_offers (tenant_id, id, employee_id, start, length_minutes, reason, practice_id, status, created_at, delivered_at, responded_at)
        SELECT '{tenantId}', gen_random_uuid(), p.id, s, 5, (p.i + d + o) % 3,
               (ARRAY['soothing-touch','self-compassion-break','kind-inner-voice'])[1 + (p.i + o) % 3],
               (ARRAY[4, 4, 3, 5, 2, 6])[1 + (p.i * 7 + d * 3 + o) % 6], s - interval '1 day', s - interval '2 minutes', s + interval '1 minute'
        FROM bench_people p CROSS JOIN generate_series(0, 4) d CROSS JOIN generate_series(0, 1) o
        CROSS JOIN LATERAL (SELECT timestamptz '{monday:yyyy-MM-dd} 10:30Z' + d * interval '1 day' + o * interval '4 hours' + (p.i % 7) * interval '1 hour' AS s) t;
        INSERT INTO practice_sessions (tenant_id, id, employee_id, offer_id, practice_id, length_minutes, completed_at,
                                       before_tension, after_tension, felt_worse)
        SELECT tenant_id, gen_random_uuid(), employee_id, id, practice_id, 5, start + interval '6 minutes', 4, 2 + (hashtext(id::text) & 1), hashtext(id::text) % 11 = 0
        FROM break_offers WHERE status = 4;
        ANALYZE;
        """);

    /// <summary>
    /// An org tree over everyone, as the directory sync would store it (managers as keyed hashes): a chief executive,
    /// 10 vice presidents, a director per 500 people (200 director orgs at 100,000), a manager per 10, the rest individual
    /// contributors, each level spread
    /// over the one above. Departments follow the tree (each the union of some directors' orgs, leadership apart), so
    /// orgs nest in departments as they do in real tenants; one person in five has breaks off.
    /// </summary>
    private static async Task GenerateOrgTreeAsync(string connection, Guid tenantId, OrgKeys keys)
    {
        var ids = new List<Guid>();
        await using (var db = new NpgsqlConnection(connection))
        {
            await db.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT id FROM employees WHERE tenant_id = '{tenantId}' ORDER BY id", db);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        }
        var directors = Math.Max(1, ids.Count / 500);
        var managers = Math.Max(1, ids.Count / 10 - directors);
        var managerKeys = new string?[ids.Count];
        var departments = new string[ids.Count];
        var director = new int[ids.Count]; // each person's director (their own index for a director), for their department
        departments[0] = "Leadership";
        for (var i = 1; i < ids.Count; i++)
        {
            int boss;
            if (i <= 10) boss = 0;
            else if (i <= 10 + directors) boss = 1 + (i - 11) % 10;
            else if (i <= 10 + directors + managers) boss = 11 + (i - 11 - directors) % directors;
            else boss = 11 + directors + (i - 11 - directors - managers) % managers;
            director[i] = i <= 10 ? 0 : i <= 10 + directors ? i : director[boss];
            departments[i] = i <= 10 ? "Leadership" : $"Department {director[i] % 60}";
            managerKeys[i] = keys.Of(ids[boss]);
        }
        await using var update = new NpgsqlConnection(connection);
        await update.OpenAsync();
        await using var set = new NpgsqlCommand($"""
            UPDATE employees e SET manager_key = v.manager_key, department = v.department
            FROM unnest(@ids, @managers, @departments) AS v(id, manager_key, department)
            WHERE e.tenant_id = '{tenantId}' AND e.id = v.id;
            INSERT INTO person_settings (tenant_id, employee_id, breaks_on, lengths, tentative_is_busy, arrival_practices, updated_at)
            SELECT tenant_id, id, false, '1,3,5', true, false, now() FROM employees WHERE tenant_id = '{tenantId}' AND abs(hashtext(id::text)) % 5 = 0
            ON CONFLICT DO NOTHING;
            ANALYZE;
            """, update) { CommandTimeout = 1800 };
        set.Parameters.AddWithValue("ids", ids.ToArray());
        set.Parameters.AddWithValue("managers", managerKeys);
        set.Parameters.AddWithValue("departments", departments);
        await set.ExecuteNonQueryAsync();
    }

    private static async Task WaitForTenantAsync(string connection, Guid tenantId)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                if (await ScalarAsync(connection, $"SELECT count(*) FROM tenants WHERE id = '{tenantId}'") > 0) return;
            }
            catch (PostgresException) { } // the schema is still being created
            await Task.Delay(100);
        }
        throw new TimeoutException("the demo tenant was not created");
    }

    private static async Task<HttpClient> SignedInAsHrAsync(WebApplicationFactory<ReportRollupJob> host)
    {
        var client = host.CreateClient();
        var hr = host.Services.GetRequiredService<DemoSimulator>().Server!.Tenant.Users.First(u => u.Role == WorkplaceResilience.GraphSimulator.DemoRole.Hr);
        var response = await client.PostAsJsonAsync("/api/demo/sign-in", new { userId = hr.Id });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<DemoEndpoints.SignInResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body!.AccessToken);
        return client;
    }

    private static async Task ExecuteAsync(string connection, string sql)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 1800 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(string connection, string sql)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}

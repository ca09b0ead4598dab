using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Reports;
using WorkplaceResilience.Api.Tests.Hosting;
using WorkplaceResilience.Core.Reporting;
using WorkplaceResilience.GraphSimulator;

namespace WorkplaceResilience.Api.Tests;

/// <summary>HR reports through the service: released weeks only, audited, with roles enforced and transparency for employees.</summary>
public abstract class ReportTests(DatabaseKind kind)
{
    private static DateOnly LastWeek(ApiHost host) => ReportWeeks.LastClosed(host.Clock.GetUtcNow());

    private static async Task<ApiHost> StartAsync(DatabaseKind kind, Action<IWebHostBuilder>? configure = null)
    {
        var host = new ApiHost(await TestDatabase.CreateAsync(kind), employees: 60, configure: configure);
        _ = host.Server;
        await host.SyncEverythingAsync();
        return host;
    }

    private static Task<int> RollUpAsync(ApiHost host) =>
        host.Services.GetRequiredService<ReportRollupJob>().RollUpDueWeeksAsync(host.TenantId, CancellationToken.None);

    private static async Task<string> StoredCellsAsync(ApiHost host)
    {
        using var scope = host.Services.CreateScope();
        var cells = await scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId).ReportCells.AsNoTracking()
            .OrderBy(c => c.Grouping).ThenBy(c => c.GroupName).Select(c => c.GroupName + ":" + c.Hidden + ":" + c.Figures).ToListAsync();
        return string.Join("\n", cells);
    }

    private static Guid Someone(ApiHost host, DemoRole role) => host.Simulator.Tenant.Users.First(u => u.Role == role).Id;

    [Fact]
    public async Task Adversary_watching_a_department_live_sees_nothing_move_hr_reads_only_released_weeks()
    {
        await using var host = await StartAsync(kind);
        var hr = await host.SignedInAsync(Someone(host, DemoRole.Hr));
        var before = await (await hr.GetAsync("/api/reports/summary")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(before.GetProperty("weeks").EnumerateArray()); // today's activity is in no released week

        await ReportSeed.WeekAsync(host, LastWeek(host));
        Assert.Equal(1, await RollUpAsync(host));
        var first = await (await hr.GetAsync("/api/reports/summary")).Content.ReadAsStringAsync();
        var report = JsonDocument.Parse(first).RootElement;
        var weeks = report.GetProperty("weeks").EnumerateArray().ToList();
        Assert.Equal(LastWeek(host).ToString("yyyy-MM-dd"), Assert.Single(weeks).GetProperty("weekStart").GetString());
        var groups = report.GetProperty("groups").EnumerateArray().ToList();
        Assert.Contains(groups, g => g.GetProperty("weeks")[0].GetProperty("hidden").ValueKind == JsonValueKind.Null);
        var k = report.GetProperty("minimumGroupSize").GetInt32();
        foreach (var cell in groups.Select(g => g.GetProperty("weeks")[0]))
        {
            if (cell.GetProperty("hidden").ValueKind != JsonValueKind.Null)
                Assert.Equal(JsonValueKind.Null, cell.GetProperty("figures").ValueKind);
            else
                Assert.True(cell.GetProperty("figures").GetProperty("figures").GetProperty("people").GetProperty("value").GetDouble() >= k - 6);
        }

        // One person starts, completes and skips breaks now, and a late answer changes last week's raw rows: HR's
        // numbers do not move (neither the stored cells nor what is served), and rolling up again releases nothing new.
        var stored = await StoredCellsAsync(host);
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
            var person = await db.BreakOffers.Select(o => o.EmployeeId).FirstAsync();
            await db.BreakOffers.Where(o => o.EmployeeId == person).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OfferStatus.Skipped));
        }
        Assert.Equal(0, await RollUpAsync(host));
        Assert.Equal(stored, await StoredCellsAsync(host));
        for (var read = 0; read < 3; read++)
            Assert.Equal(first, await (await hr.GetAsync("/api/reports/summary")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Employees_get_403_from_every_report_endpoint_and_see_what_was_released_about_their_own_groups()
    {
        await using var host = await StartAsync(kind);
        await ReportSeed.WeekAsync(host, LastWeek(host));
        await RollUpAsync(host);
        var employeeId = Someone(host, DemoRole.Employee);
        var employee = await host.SignedInAsync(employeeId);
        foreach (var path in new[] { "/api/reports/summary", "/api/reports/summary?grouping=office", "/api/admin/reports/privacy" })
            Assert.Equal(HttpStatusCode.Forbidden, (await employee.GetAsync(path)).StatusCode);

        var mine = await (await employee.GetAsync("/api/me/reports")).Content.ReadFromJsonAsync<JsonElement>();
        string department;
        using (var scope = host.Services.CreateScope())
            department = await scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId)
                .Employees.Where(e => e.Id == employeeId).Select(e => e.Department).SingleAsync();
        var groups = mine.GetProperty("groups").EnumerateArray().Select(g => (g.GetProperty("grouping").GetString(), g.GetProperty("name").GetString())).ToList();
        Assert.Equal(4, groups.Count);
        Assert.Contains(("department", department), groups);
        Assert.Equal(["country", "department", "office", "org-level-2"], groups.Select(g => g.Item1).Order());
    }

    [Fact]
    public async Task Every_report_request_is_audited_and_admins_see_the_epsilon_spent_against_the_budget()
    {
        await using var host = await StartAsync(kind);
        await ReportSeed.WeekAsync(host, LastWeek(host).AddDays(-7));
        await ReportSeed.WeekAsync(host, LastWeek(host));
        Assert.Equal(2, await RollUpAsync(host));
        var hrId = Someone(host, DemoRole.Hr);
        var hr = await host.SignedInAsync(hrId);
        Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync("/api/reports/summary?grouping=country&weeks=4")).StatusCode);

        var admin = await host.SignedInAsync(Someone(host, DemoRole.Admin));
        var privacy = await (await admin.GetAsync("/api/admin/reports/privacy")).Content.ReadFromJsonAsync<JsonElement>();
        var perRelease = privacy.GetProperty("epsilonPerRelease").GetDouble();
        Assert.Equal(2 * perRelease, privacy.GetProperty("spentLast52Weeks").GetDouble(), 6);
        Assert.Equal(2, privacy.GetProperty("releases").GetArrayLength());
        var request = privacy.GetProperty("recentRequests").EnumerateArray().Single();
        Assert.Equal(hrId, request.GetProperty("actorId").GetGuid());
        Assert.Equal("country", request.GetProperty("grouping").GetString());
        Assert.Equal(LastWeek(host).AddDays(-7).ToString("yyyy-MM-dd"), request.GetProperty("fromWeek").GetString());
        Assert.Equal(LastWeek(host).ToString("yyyy-MM-dd"), request.GetProperty("toWeek").GetString());
    }

    [Fact]
    public async Task A_week_that_would_exceed_the_privacy_budget_is_not_released()
    {
        var perRelease = new ReportOptions().EpsilonPerRelease;
        await using var host = await StartAsync(kind, b => b.UseSetting("Reports:EpsilonBudget", perRelease.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await ReportSeed.WeekAsync(host, LastWeek(host).AddDays(-7));
        await ReportSeed.WeekAsync(host, LastWeek(host));
        Assert.Equal(2, await RollUpAsync(host));

        var hr = await host.SignedInAsync(Someone(host, DemoRole.Hr));
        var weeks = (await (await hr.GetAsync("/api/reports/summary")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("weeks").EnumerateArray().ToList();
        Assert.True(weeks[0].GetProperty("released").GetBoolean());
        Assert.False(weeks[1].GetProperty("released").GetBoolean());
        Assert.Equal(ReportRollupJob.WithheldForBudget, weeks[1].GetProperty("withheld").GetString());
    }

    [Fact]
    public async Task Check_ins_enter_reports_only_for_people_who_turned_sharing_on()
    {
        await using var host = await StartAsync(kind);
        var employeeId = Someone(host, DemoRole.Employee);
        var employee = await host.SignedInAsync(employeeId);
        async Task<bool> SharingAsync()
        {
            using var scope = host.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId)
                .Employees.Where(e => e.Id == employeeId).Select(e => e.ShareCheckInsInReports).SingleAsync();
        }
        Assert.False(await SharingAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await employee.PutAsJsonAsync("/api/me/report-sharing", new { shareCheckIns = true })).StatusCode);
        Assert.True(await SharingAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await employee.PutAsJsonAsync("/api/me/report-sharing", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await employee.PutAsJsonAsync("/api/me/report-sharing", new { shareCheckIns = false })).StatusCode);
        Assert.False(await SharingAsync());
    }

    [Fact]
    public async Task A_week_that_retention_has_cut_into_is_never_released_short()
    {
        await using var host = await StartAsync(kind);
        using (var scope = host.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Tenants.Where(t => t.Id == host.TenantId)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RetentionDays, 14));
        // Three weeks back starts more than 14 days ago; last week is wholly inside the window.
        await ReportSeed.WeekAsync(host, LastWeek(host).AddDays(-14));
        await ReportSeed.WeekAsync(host, LastWeek(host));
        Assert.Equal(1, await RollUpAsync(host));
        using var check = host.Services.CreateScope();
        var released = await check.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId)
            .ReportReleases.Select(r => r.WeekStart).ToListAsync();
        Assert.Equal([LastWeek(host)], released);
    }

    [Theory]
    [InlineData("/api/reports/summary?grouping=name", "grouping")]
    [InlineData("/api/reports/summary?weeks=0", "weeks")]
    [InlineData("/api/reports/summary?weeks=53", "weeks")]
    public async Task Bad_report_parameters_are_400_problems(string path, string field)
    {
        await using var host = await StartAsync(kind);
        var response = await (await host.SignedInAsync(Someone(host, DemoRole.Hr))).GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }
}

public sealed class SqliteReportTests() : ReportTests(DatabaseKind.Sqlite);
public sealed class PostgresReportTests() : ReportTests(DatabaseKind.Postgres);

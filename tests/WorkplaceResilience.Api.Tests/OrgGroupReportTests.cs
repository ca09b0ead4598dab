using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Reports;
using WorkplaceResilience.Api.Tests.Hosting;
using WorkplaceResilience.Core.Reporting;
using WorkplaceResilience.GraphSimulator;

namespace WorkplaceResilience.Api.Tests;

/// <summary>Groups by manager hierarchy and the opted-in share, end to end: directory (users/delta) → rollup → HR's and employees' reports.</summary>
public sealed partial class OrgGroupReportTests
{
    [GeneratedRegex(@"^(\S.* org [0-9A-F]{6}|Above this level)$")]
    private static partial Regex NeutralName();

    [Fact]
    public async Task Hr_sees_orgs_by_neutral_names_nested_orgs_pass_the_overlap_guard_and_the_opted_in_share_counts_everyone()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(DatabaseKind.Sqlite), employees: 450);
        _ = host.Server;
        await host.SyncEverythingAsync();
        var users = host.Simulator.Tenant.Users;
        using (var scope = host.Services.CreateScope())
        {
            // One person in three turned breaks off.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
            foreach (var user in users.Where((_, i) => i % 3 == 1))
                db.PersonSettings.Add(new PersonSettings { TenantId = host.TenantId, EmployeeId = user.Id, BreaksOn = false, UpdatedAt = host.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }
        var week = ReportWeeks.LastClosed(host.Clock.GetUtcNow());
        await ReportSeed.WeekAsync(host, week);
        Assert.Equal(1, await host.Services.GetRequiredService<ReportRollupJob>().RollUpDueWeeksAsync(host.TenantId, CancellationToken.None));

        var hr = await host.SignedInAsync(users.First(u => u.Role == DemoRole.Hr).Id);
        var orgs = await (await hr.GetAsync("/api/reports/summary?grouping=org-level-2")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("org-level-2", orgs.GetProperty("groupings").EnumerateArray().Select(g => g.GetString()));
        var groups = orgs.GetProperty("groups").EnumerateArray().Select(g => (Name: g.GetProperty("name").GetString()!, Cell: g.GetProperty("weeks")[0])).ToList();
        Assert.All(groups, g => Assert.Matches(NeutralName(), g.Name));
        var text = orgs.GetRawText();
        Assert.All(users, u => Assert.DoesNotContain(u.DisplayName, text));
        Assert.All(users, u => Assert.DoesNotContain(u.Id.ToString(), text, StringComparison.OrdinalIgnoreCase));
        // Engineering's director orgs are released; a department with one director is its director's org but for the
        // VP, so that org is withheld as an overlap.
        var released = groups.Where(g => g.Cell.GetProperty("hidden").ValueKind == JsonValueKind.Null).ToList();
        Assert.Contains(released, g => g.Name.StartsWith("Engineering org ", StringComparison.Ordinal));
        Assert.Contains(groups, g => g.Cell.GetProperty("hidden").GetString() == HiddenReasons.Overlap);
        var delivered = released[0].Cell.GetProperty("figures").GetProperty("figures").GetProperty("delivered");
        Assert.Equal(Math.Round(WeeklyMeasures.Find("delivered").PlusMinus(new GateSettings(10, 0.5, 15)), 1), delivered.GetProperty("plusMinus").GetDouble());

        var departments = await (await hr.GetAsync("/api/reports/summary?grouping=department")).Content.ReadFromJsonAsync<JsonElement>();
        var engineering = departments.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("name").GetString() == "Engineering");
        var share = engineering.GetProperty("weeks")[0].GetProperty("figures").GetProperty("figures").GetProperty("optedInShare").GetProperty("value").GetDouble();
        Assert.InRange(share, 0.55, 0.8); // two in three, with noise

        // An employee sees their own org among their groups.
        var employee = users.First(u => u.Role == DemoRole.Employee && u.Department == "Engineering" && u.ManagerId is not null);
        var mine = await (await host.SignedInAsync(employee.Id)).GetFromJsonAsync<JsonElement>("/api/me/reports");
        var myOrg = mine.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("grouping").GetString() == "org-level-2");
        Assert.Matches(NeutralName(), myOrg.GetProperty("name").GetString()!);
        Assert.Equal(HttpStatusCode.BadRequest, (await hr.GetAsync("/api/reports/summary?grouping=org-level-7")).StatusCode);
    }
}

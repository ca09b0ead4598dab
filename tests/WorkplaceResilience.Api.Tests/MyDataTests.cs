using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Tests.Hosting;
using WorkplaceResilience.GraphSimulator;

namespace WorkplaceResilience.Api.Tests;

/// <summary>A person's own data: the export holds all of it and nothing else; delete removes all of it and nothing else.</summary>
public abstract class MyDataTests(DatabaseKind kind)
{
    private static readonly object Before = new { selfKindness = 2, selfCriticism = 4, tension = 5 };
    private static readonly object After = new { selfKindness = 4, selfCriticism = 2, tension = 1 };

    [Fact]
    public async Task The_export_is_a_download_with_the_check_in_just_given_and_only_that_persons_rows()
    {
        await using var host = await StartAsync();
        var (me, other) = TwoEmployees(host);
        var client = await host.SignedInAsync(me);
        var mine = await PracticeAsync(client);
        var theirs = await PracticeAsync(await host.SignedInAsync(other));

        var response = await client.GetAsync("/api/me/data");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment; filename=\"workplace-resilience-my-data.json\"", Assert.Single(response.Content.Headers.GetValues("Content-Disposition")));
        var text = await response.Content.ReadAsStringAsync();
        var export = JsonDocument.Parse(text).RootElement;

        Assert.Equal(me, export.GetProperty("person").GetProperty("userId").GetGuid());
        Assert.Equal(host.TenantId, export.GetProperty("person").GetProperty("tenantId").GetGuid());
        var session = Assert.Single(export.GetProperty("practiceSessions").EnumerateArray());
        Assert.Equal(mine, session.GetProperty("id").GetGuid());
        Assert.Equal(2, session.GetProperty("before").GetProperty("selfKindness").GetInt32());
        Assert.Equal(4, session.GetProperty("before").GetProperty("selfCriticism").GetInt32());
        Assert.Equal(5, session.GetProperty("before").GetProperty("tension").GetInt32());
        Assert.Equal(1, session.GetProperty("after").GetProperty("tension").GetInt32());
        Assert.True(session.GetProperty("feltWorse").GetBoolean());
        Assert.DoesNotContain(theirs.ToString(), text);

        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
        var offers = await db.BreakOffers.Where(o => o.EmployeeId == me).Select(o => o.Id).ToListAsync();
        Assert.NotEmpty(offers);
        Assert.Equal(offers.Order(), export.GetProperty("breakOffers").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).Order());
        var blocks = export.GetProperty("calendarBlocks");
        Assert.Equal(await db.CalendarEntries.CountAsync(c => c.EmployeeId == me), blocks.GetArrayLength());
        Assert.True(blocks.GetArrayLength() > 0);
        var hashes = await db.CalendarEntries.Where(c => c.EmployeeId == me).Select(c => c.EventHash).ToListAsync();
        Assert.All(hashes, h => Assert.DoesNotContain(h, text));
        Assert.Contains(export.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("keyed hash"));
    }

    [Fact]
    public async Task Delete_needs_the_confirmation_then_nothing_of_the_person_remains_and_the_next_sync_starts_afresh()
    {
        await using var host = await StartAsync();
        var (me, other) = TwoEmployees(host);
        var client = await host.SignedInAsync(me);
        await PracticeAsync(client);
        await PracticeAsync(await host.SignedInAsync(other));
        var otherTenant = await SamePersonInAnotherTenantAsync(host, me);

        Assert.Equal(HttpStatusCode.BadRequest, (await Delete(client, new { confirm = "yes" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Delete(client, new { })).StatusCode);
        Assert.True((await RowsAsync(host, host.TenantId, me)).Values.Sum() > 3, "nothing is deleted without the confirmation");

        Assert.Equal(HttpStatusCode.NoContent, (await Delete(client, new { confirm = "delete" })).StatusCode);

        Assert.All(await RowsAsync(host, host.TenantId, me), table => Assert.True(table.Value == 0, $"{table.Key} still has {table.Value} rows"));
        var theirs = await RowsAsync(host, host.TenantId, other);
        Assert.True(theirs["employees"] == 1 && theirs["practice_sessions"] == 1 && theirs["calendar_entries"] > 0, "someone else's rows went too");
        var sameIdElsewhere = await RowsAsync(host, otherTenant, me);
        Assert.True(sameIdElsewhere["employees"] == 1 && sameIdElsewhere["practice_sessions"] == 1, "another tenant's rows went too");

        var empty = await client.GetFromJsonAsync<JsonElement>("/api/me/data");
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("person").ValueKind);
        Assert.Equal(0, empty.GetProperty("practiceSessions").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/me")).StatusCode);

        await host.SyncEverythingAsync();
        var afresh = await RowsAsync(host, host.TenantId, me);
        Assert.Equal(1, afresh["employees"]);
        Assert.True(afresh["calendar_entries"] > 0, "the calendar was not read afresh");
        Assert.Equal(0, afresh["practice_sessions"]);
    }

    private async Task<ApiHost> StartAsync()
    {
        var host = new ApiHost(await TestDatabase.CreateAsync(kind), employees: 20);
        _ = host.Server;
        await host.SyncEverythingAsync();
        return host;
    }

    private static (Guid Me, Guid Other) TwoEmployees(ApiHost host)
    {
        var employees = host.Simulator.Tenant.Users.Where(u => u.Role == DemoRole.Employee).Select(u => u.Id).Take(2).ToList();
        return (employees[0], employees[1]);
    }

    private static async Task<Guid> PracticeAsync(HttpClient client)
    {
        var practice = (await client.GetFromJsonAsync<JsonElement>("/api/practices"))[0];
        var response = await client.PostAsJsonAsync("/api/practice-sessions", new
        {
            practiceId = practice.GetProperty("id").GetString(),
            lengthMinutes = practice.GetProperty("versions")[0].GetProperty("lengthMinutes").GetInt32(),
            before = Before, after = After, feltWorse = true,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static Task<HttpResponseMessage> Delete(HttpClient client, object body) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/me/data") { Content = JsonContent.Create(body) });

    /// <summary>The same object id in another tenant: a guest, say. Deleting in one tenant must not touch the other.</summary>
    private static async Task<Guid> SamePersonInAnotherTenantAsync(ApiHost host, Guid person)
    {
        var tenant = Guid.NewGuid();
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenant);
        db.Tenants.Add(new Tenant { Id = tenant, Name = "Elsewhere", CreatedAt = DateTimeOffset.UtcNow });
        db.Employees.Add(new Employee { Id = person });
        db.PracticeSessions.Add(new PracticeSession
        {
            Id = Guid.NewGuid(), EmployeeId = person, PracticeId = "x", LengthMinutes = 1, CompletedAt = DateTimeOffset.UtcNow, BeforeTension = 3,
        });
        await db.SaveChangesAsync();
        return tenant;
    }

    /// <summary>The person's rows in every table that holds per-person rows, read from the catalogue so new tables count too.</summary>
    private static async Task<Dictionary<string, int>> RowsAsync(ApiHost host, Guid tenantId, Guid person)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tables = await db.Database.SqlQueryRaw<string>(db.IsSqlite
            ? "SELECT m.name AS \"Value\" FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'employee_id'"
            : "SELECT table_name AS \"Value\" FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'employee_id'")
            .ToListAsync();
        Assert.Superset(new HashSet<string> { "calendar_entries", "break_offers", "practice_sessions" }, tables.ToHashSet());
        var rows = new Dictionary<string, int>();
        foreach (var table in tables.Order())
        {
            var sql = $"SELECT COUNT(*) AS \"Value\" FROM \"{table}\" WHERE tenant_id = {{0}} AND employee_id = {{1}}";
            rows[table] = await db.Database.SqlQueryRaw<int>(sql, tenantId, person).SingleAsync();
        }
        rows["employees"] = await db.Database.SqlQueryRaw<int>(
            "SELECT COUNT(*) AS \"Value\" FROM employees WHERE tenant_id = {0} AND id = {1}", tenantId, person).SingleAsync();
        return rows;
    }
}

public sealed class SqliteMyDataTests() : MyDataTests(DatabaseKind.Sqlite);
public sealed class PostgresMyDataTests() : MyDataTests(DatabaseKind.Postgres);

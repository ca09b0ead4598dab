using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Tests.Hosting;

namespace WorkplaceResilience.Api.Tests;

/// <summary>
/// Every write operation /openapi/v1.json lists gets malformed bodies, as a hostile client would send them, in the
/// Development and the Production configuration: every answer is a 4xx problem that neither shows a stack trace nor
/// repeats the input, and nothing is stored.
/// </summary>
public abstract partial class FuzzTests(DatabaseKind kind)
{
    private const int MinimumCasesPerOperation = 80;
    private const int LongestEcho = 100;
    private static readonly string[] WriteMethods = ["post", "put", "patch", "delete"];

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task Malformed_bodies_to_every_write_endpoint_get_a_4xx_problem_and_store_nothing(string environment)
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), employees: 30, environment: environment);
        _ = host.Server;
        await host.SyncEverythingAsync();
        var (personId, offerId) = await DueOfferAsync(host);
        var client = await host.SignedInAsync(personId);
        var practices = await client.GetFromJsonAsync<JsonElement>("/api/practices");
        var practice = practices[0];
        var openApi = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var bodies = new MalformedBodies(openApi.GetProperty("components"));
        var before = await StoredStateAsync(host);
        var logsBefore = host.Logs.Lines.Count;

        var failures = new List<string>();
        var operations = 0;
        foreach (var path in openApi.GetProperty("paths").EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject().Where(o => WriteMethods.Contains(o.Name)))
        {
            operations++;
            var url = RouteParameter().Replace(path.Name, m => m.Value == "{id}" ? offerId.ToString() : Guid.NewGuid().ToString());
            var schema = operation.Value.TryGetProperty("requestBody", out var body)
                ? body.GetProperty("content").GetProperty("application/json").GetProperty("schema") : (JsonElement?)null;
            var valid = schema is null ? null : ValidBody(schema.Value, openApi, personId, practice);
            var cases = bodies.For(schema, valid);
            Assert.True(cases.Count >= MinimumCasesPerOperation, $"{path.Name}: only {cases.Count} malformed bodies");
            foreach (var malformed in cases)
            {
                using var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), url) { Content = malformed.Content() };
                request.Headers.Accept.ParseAdd("application/json");
                var sent = request.Content is null ? "" : Encoding.UTF8.GetString(await request.Content.ReadAsByteArrayAsync());
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (Problem((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, sent) is { } problem)
                    failures.Add($"{operation.Name.ToUpperInvariant()} {path.Name} [{malformed.Name}]: {problem}");
            }
        }

        Assert.True(operations >= 4, $"only {operations} write operations in /openapi/v1.json");
        Assert.True(failures.Count == 0, $"{failures.Count} bad answers:\n" + string.Join("\n", failures.Take(40)));
        Assert.Equal(before, await StoredStateAsync(host));
        // Bad input is the client's problem: nothing at Error (start-up's own expected errors come before). IdentityModel's
        // logger is process-wide (the last host started owns it), so it also carries other tests' forged tokens: left out.
        Assert.DoesNotContain(host.Logs.Lines.Skip(logsBefore), l =>
            (l.StartsWith("Error ") || l.StartsWith("Critical ")) && !l.Contains(" Microsoft.IdentityModel."));
    }

    /// <summary>What is wrong with an answer to a malformed request, or null when it is right.</summary>
    private static string? Problem(int status, string? mediaType, string text, string sent)
    {
        if (status is < 400 or >= 500) return $"status {status}: {Excerpt(text)}";
        if (mediaType != "application/problem+json") return $"{status} as {mediaType ?? "no content type"}";
        try
        {
            using var json = JsonDocument.Parse(text);
            if (!json.RootElement.TryGetProperty("status", out var s) || s.GetInt32() != status || !json.RootElement.TryGetProperty("title", out _))
                return $"{status}: not a problem: {Excerpt(text)}";
        }
        catch (JsonException)
        {
            return $"{status}: body is not JSON: {Excerpt(text)}";
        }
        if (text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal))
            return $"{status}: stack trace or exception in the body: {Excerpt(text)}";
        for (var i = 0; i + LongestEcho <= text.Length; i++)
            if (sent.Contains(text.Substring(i, LongestEcho), StringComparison.Ordinal))
                return $"{status}: echoes more than {LongestEcho} characters of the input";
        return null;
    }

    private static string Excerpt(string text) => text.Length > 200 ? text[..200] + "…" : text;

    /// <summary>A body the operation accepts, built from its schema; mutations of it must all be refused.</summary>
    private static JsonObject ValidBody(JsonElement schema, JsonElement openApi, Guid personId, JsonElement practice)
    {
        JsonElement Resolve(JsonElement s) => s.TryGetProperty("$ref", out var r)
            ? openApi.GetProperty("components").GetProperty("schemas").GetProperty(r.GetString()!.Split('/')[^1]) : s;
        var body = new JsonObject();
        foreach (var property in Resolve(schema).GetProperty("properties").EnumerateObject())
        {
            var value = property.Value.TryGetProperty("oneOf", out var options)
                ? options.EnumerateArray().First(o => !o.TryGetProperty("type", out var t) || t.GetString() != "null")
                : property.Value;
            var resolved = Resolve(value);
            body[property.Name] = property.Name switch
            {
                "practiceId" => practice.GetProperty("id").GetString(),
                "lengthMinutes" => practice.GetProperty("versions")[0].GetProperty("lengthMinutes").GetInt32(),
                _ => TypeName(resolved) switch
                {
                    "object" => ValidBody(resolved, openApi, personId, practice),
                    "array" => new JsonArray(),
                    "integer" => 3,
                    "boolean" => false,
                    "string" when resolved.TryGetProperty("format", out var f) && f.GetString() == "uuid" => personId.ToString(),
                    _ => "x",
                },
            };
        }
        return body;
    }

    /// <summary>A schema's type; a nullable one is written as a list such as ["null", "string"].</summary>
    private static string? TypeName(JsonElement schema) => schema.GetProperty("type") is { ValueKind: JsonValueKind.Array } types
        ? types.EnumerateArray().Select(t => t.GetString()).First(t => t != "null")
        : schema.GetProperty("type").GetString();

    /// <summary>A person's offer made due (delivered), so that a body slipping through would start or complete it.</summary>
    private static async Task<(Guid PersonId, Guid OfferId)> DueOfferAsync(ApiHost host)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
        var offer = await db.BreakOffers.AsNoTracking().Where(o => o.Status == OfferStatus.Planned).OrderBy(o => o.Start).FirstAsync();
        await db.BreakOffers.Where(o => o.Id == offer.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OfferStatus.Delivered));
        return (offer.EmployeeId, offer.Id);
    }

    private static async Task<string> StoredStateAsync(ApiHost host)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var sessions = await db.PracticeSessions.IgnoreQueryFilters().CountAsync();
        var offers = await db.BreakOffers.IgnoreQueryFilters().AsNoTracking().OrderBy(o => o.Id)
            .Select(o => new { o.Id, o.Status, o.RespondedAt }).ToListAsync();
        return $"{sessions} sessions; " + string.Join(",", offers.Select(o => $"{o.Id:N}={o.Status}/{o.RespondedAt?.UtcTicks}"));
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}

public sealed class SqliteFuzzTests() : FuzzTests(DatabaseKind.Sqlite);
public sealed class PostgresFuzzTests() : FuzzTests(DatabaseKind.Postgres);

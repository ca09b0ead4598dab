using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Demo;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Tests.Hosting;
using WorkplaceResilience.GraphSimulator;

namespace WorkplaceResilience.Api.Tests;

/// <summary>Security headers on every kind of response, and the rate limits.</summary>
public sealed class HttpSurfaceTests(SqliteStartedApi api) : IClassFixture<SqliteStartedApi>
{
    private ApiHost Host => api.Host;

    private HttpClient As(DemoUser person, string? baseAddress = null)
    {
        var client = baseAddress is null ? Host.CreateClient() : Host.CreateClient(new() { BaseAddress = new Uri(baseAddress) });
        var token = Host.Services.GetRequiredService<DemoTokens>().IssueForPerson(Host.TenantId, person.Id, person.DisplayName, []).Token;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private DemoUser Employee(int index) => Host.Simulator.Tenant.Users.Where(u => u.Role == DemoRole.Employee).ElementAt(index);

    internal static void AssertSecurityHeaders(HttpResponseMessage response, string what)
    {
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(HttpSurface.ContentSecurityPolicy, csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("frame-ancestors https://*.cloud.microsoft https://teams.microsoft.com", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Server"), what);
    }

    [Fact]
    public async Task Every_kind_of_response_carries_the_security_headers()
    {
        var anonymous = Host.CreateClient();
        var employee = As(Employee(0));
        var responses = new List<(string, HttpResponseMessage)>
        {
            ("front end", await anonymous.GetAsync("/")),
            ("deep link", await anonymous.GetAsync("/hr")),
            ("static file", await anonymous.GetAsync("/favicon.svg")),
            ("OpenAPI", await anonymous.GetAsync("/openapi/v1.json")),
            ("live", await anonymous.GetAsync("/health/live")),
            ("ready", await anonymous.GetAsync("/health/ready")),
            ("401", await anonymous.GetAsync("/api/me/today")),
            ("403", await employee.GetAsync("/api/reports/summary")),
            ("404", await employee.GetAsync("/api/no-such-thing")),
            ("200 API", await employee.GetAsync("/api/practices")),
            ("bad JSON", await employee.PostAsync("/api/practice-sessions", new StringContent("{", Encoding.UTF8, "application/json"))),
            ("demo people", await anonymous.GetAsync("/api/demo/people")),
        };
        foreach (var (what, response) in responses) AssertSecurityHeaders(response, what);
    }

    [Fact]
    public async Task The_add_in_page_may_load_Office_js_and_be_framed_by_Outlook_while_the_tab_may_not_load_it()
    {
        var anonymous = Host.CreateClient();
        var addIn = await anonymous.GetAsync("/addin/commands.html");
        var tab = await anonymous.GetAsync("/");
        var addInCsp = Assert.Single(addIn.Headers.GetValues("Content-Security-Policy"));
        var tabCsp = Assert.Single(tab.Headers.GetValues("Content-Security-Policy"));

        Assert.Contains("script-src 'self' https://appsforoffice.microsoft.com;", addInCsp);
        Assert.Contains("script-src 'self';", tabCsp);
        Assert.DoesNotContain("appsforoffice", tabCsp);
        // Outlook on the web, the new Outlook and the Microsoft 365 app (Microsoft's list for apps extended to
        // Outlook and Microsoft 365) may frame both the tab and the add-in page; nobody else may.
        foreach (var csp in new[] { addInCsp, tabCsp })
        {
            var ancestors = csp.Split("; ").Single(d => d.StartsWith("frame-ancestors ", StringComparison.Ordinal)).Split(' ').Skip(1).ToList();
            foreach (var host in new[] { "https://outlook.office.com", "https://outlook.office365.com", "https://*.cloud.microsoft",
                         "https://*.microsoft365.com", "https://*.office.com", "https://teams.microsoft.com" })
                Assert.Contains(host, ancestors);
            Assert.DoesNotContain("*", ancestors);
            Assert.DoesNotContain(ancestors, a => a.StartsWith("http:", StringComparison.Ordinal));
        }
        Assert.Equal("nosniff", Assert.Single(addIn.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task The_21st_write_in_a_second_from_one_person_gets_429_and_another_person_is_unaffected()
    {
        var busy = As(Employee(1));
        // Writes to offers that do not exist: refused (404) after the limiter has counted them.
        var responses = await Task.WhenAll(Enumerable.Range(0, 21).Select(_ => busy.PostAsync($"/api/offers/{Guid.NewGuid()}/skip", null)));
        var limited = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.All(responses.Where(r => r != limited), r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));

        Assert.True(int.Parse(Assert.Single(limited.Headers.GetValues("Retry-After"))) >= 1);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        var problem = await limited.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        AssertSecurityHeaders(limited, "429");
        // Reads are not limited, and neither is anyone else.
        Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/api/practices")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await As(Employee(2)).PostAsync($"/api/offers/{Guid.NewGuid()}/skip", null)).StatusCode);
    }

    [Fact]
    public async Task Demo_sign_ins_are_limited_per_client_and_health_never_is()
    {
        var client = Host.CreateClient();
        var limit = Host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>().Value.SignInsPerMinute;
        HttpResponseMessage? limited = null;
        for (var i = 0; i <= limit && limited is null; i++)
        {
            var response = await client.PostAsJsonAsync("/api/demo/sign-in", new { userId = Guid.NewGuid() });
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = response;
        }
        Assert.NotNull(limited);
        Assert.True(int.Parse(Assert.Single(limited.Headers.GetValues("Retry-After"))) is > 0 and <= 60);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        for (var i = 0; i < 50; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }
}

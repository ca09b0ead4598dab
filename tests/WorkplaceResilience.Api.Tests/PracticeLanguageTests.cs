using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Demo;
using WorkplaceResilience.Api.Tests.Hosting;
using WorkplaceResilience.GraphSimulator;

namespace WorkplaceResilience.Api.Tests;

/// <summary>/api/practices speaks the reader's language: German when Accept-Language prefers it, English otherwise.</summary>
public sealed class PracticeLanguageTests(SqliteStartedApi api) : IClassFixture<SqliteStartedApi>
{
    private ApiHost Host => api.Host;

    private async Task<(JsonElement Practice, HttpResponseMessage Response)> SoothingTouchAsync(string? acceptLanguage)
    {
        var person = Host.Simulator.Tenant.Users.First(u => u.Role == DemoRole.Employee);
        var client = Host.CreateClient();
        var token = Host.Services.GetRequiredService<DemoTokens>().IssueForPerson(Host.TenantId, person.Id, person.DisplayName, []).Token;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/practices");
        if (acceptLanguage is not null) request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var practices = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (practices.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "soothing-touch"), response);
    }

    [Theory]
    [InlineData("de-DE", "Beruhigende Berührung")]
    [InlineData("de-AT,de;q=0.9,en;q=0.8", "Beruhigende Berührung")]
    [InlineData("fr-FR, de;q=0.7, en;q=0.5", "Beruhigende Berührung")]
    [InlineData("en-US", "Soothing touch")]
    [InlineData("en-GB,de;q=0.5", "Soothing touch")]
    [InlineData("fr-FR", "Soothing touch")]
    [InlineData("de;q=0", "Soothing touch")]
    [InlineData("not a language;;q=x", "Soothing touch")]
    [InlineData(null, "Soothing touch")]
    public async Task Practice_titles_follow_accept_language(string? acceptLanguage, string title)
    {
        var (practice, response) = await SoothingTouchAsync(acceptLanguage);
        Assert.Equal(title, practice.GetProperty("title").GetString());
        Assert.Contains("Accept-Language", response.Headers.Vary);
    }

    [Fact]
    public async Task German_steps_keep_the_english_ids_and_timings_with_german_words()
    {
        var (german, _) = await SoothingTouchAsync("de-DE");
        var (english, _) = await SoothingTouchAsync("en-US");
        Assert.Equal(Timings(english), Timings(german));
        Assert.Equal(english.GetProperty("family").GetString(), german.GetProperty("family").GetString());
        var firstStep = german.GetProperty("versions")[0].GetProperty("steps")[0].GetProperty("text").GetString();
        Assert.StartsWith("Legen Sie eine Hand", firstStep, StringComparison.Ordinal);
        Assert.Contains("Sie", german.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    private static string Timings(JsonElement practice) => string.Join(';', practice.GetProperty("versions").EnumerateArray()
        .Select(v => v.GetProperty("lengthMinutes").GetInt32() + ":" +
            string.Join(',', v.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("seconds").GetInt32()))));
}

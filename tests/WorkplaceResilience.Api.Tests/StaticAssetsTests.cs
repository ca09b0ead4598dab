using System.Net;
using System.Text.RegularExpressions;
using WorkplaceResilience.Api.Tests.Hosting;

namespace WorkplaceResilience.Api.Tests;

/// <summary>The front end's hashed files are compressed and cached for a year; the page itself is revalidated.</summary>
public sealed class StaticAssetsTests(SqliteStartedApi api) : IClassFixture<SqliteStartedApi>
{
    [Fact]
    public async Task Hashed_scripts_are_compressed_and_immutable_and_the_page_is_revalidated()
    {
        var client = api.Host.CreateClient();
        var (_, script) = await RevalidatedPageAsync(client, "/", "");

        foreach (var encoding in new[] { "br", "gzip" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, script);
            request.Headers.AcceptEncoding.ParseAdd(encoding);
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        }
        // A client route falls back to the page, revalidated too, as are the legal pages.
        foreach (var path in new[] { "/week", "/privacy", "/terms" })
            Assert.Equal("no-cache", (await client.GetAsync(path)).Headers.CacheControl?.ToString());
        // The API is never compressed (its answers carry what the caller sent).
        using var health = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
        health.Headers.AcceptEncoding.ParseAdd("br");
        Assert.Empty((await client.SendAsync(health)).Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task The_Outlook_add_in_page_and_its_icons_are_served_the_page_revalidated()
    {
        var client = api.Host.CreateClient();
        var (html, script) = await RevalidatedPageAsync(client, "/addin/commands.html", "addin-");
        Assert.Contains("https://appsforoffice.microsoft.com/lib/1/hosted/office.js", html);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(script)).StatusCode);
        foreach (var size in new[] { 16, 32, 80 })
        {
            var icon = await client.GetAsync($"/addin/icon-{size}.png");
            Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
            Assert.Equal("image/png", icon.Content.Headers.ContentType?.MediaType);
        }
    }

    /// <summary>Gets a page, checks it is served and revalidated, and returns it with the hashed script it loads.</summary>
    private static async Task<(string Html, string Script)> RevalidatedPageAsync(HttpClient client, string path, string scriptPrefix)
    {
        var page = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-cache", page.Headers.CacheControl?.ToString());
        var html = await page.Content.ReadAsStringAsync();
        var script = Regex.Match(html, $"src=\"(/assets/{scriptPrefix}[^\"]+\\.js)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(script), $"{path} names no hashed script (is the front end built?)");
        return (html, script);
    }
}

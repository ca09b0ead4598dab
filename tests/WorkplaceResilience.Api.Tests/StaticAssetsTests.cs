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
        var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-cache", page.Headers.CacheControl?.ToString());
        var html = await page.Content.ReadAsStringAsync();
        var script = Regex.Match(html, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(script), "the page names no hashed script (is the front end built?)");

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
}

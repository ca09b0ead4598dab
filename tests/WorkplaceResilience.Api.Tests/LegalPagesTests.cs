using System.Net;
using WorkplaceResilience.Api.Tests.Hosting;

namespace WorkplaceResilience.Api.Tests;

/// <summary>The privacy notice and terms the manifest names: served as HTML at /privacy and /terms, under the CSP, without scripts.</summary>
public sealed class LegalPagesTests(SqliteStartedApi api) : IClassFixture<SqliteStartedApi>
{
    [Theory]
    [InlineData("/privacy", "Privacy notice", "We never read meeting titles, descriptions, locations, attendees or attachments.")]
    [InlineData("/privacy", "Privacy notice", "Only you see your own history")]
    [InlineData("/privacy", "Privacy notice", "at least 10 active people by default (your organization can change that number, but never below 5)")]
    [InlineData("/privacy", "Privacy notice", "90 days unless it sets a different period")]
    [InlineData("/privacy", "Privacy notice", "Deleting takes effect at once and cannot be undone.")]
    [InlineData("/terms", "Terms of use", "They are not medical, psychological or crisis care")]
    public async Task The_page_is_served_as_html_with_its_key_sentences(string path, string title, string sentence)
    {
        var response = await api.Host.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        HttpSurfaceTests.AssertSecurityHeaders(response, path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<title>{title}", html);
        Assert.Contains(sentence, html);
        // The CSP allows scripts from the service's own origin only: the pages need none, inline or not.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" on", System.Text.RegularExpressions.Regex.Replace(html, @"(?s)<style>.*?</style>|>[^<]*<", "><"));
    }
}

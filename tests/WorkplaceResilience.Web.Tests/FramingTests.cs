using Microsoft.Playwright;

namespace WorkplaceResilience.Web.Tests;

/// <summary>The Content-Security-Policy's frame-ancestors in a real browser: Teams may frame the tab, others may not.</summary>
public sealed class FramingTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    /// <summary>A page at <paramref name="origin"/> (served by Playwright, never fetched) that frames the tab.</summary>
    private async Task<IPage> FramedFromAsync(string origin)
    {
        // A context of its own without the host's fake clock, whose timers would stall the tab's Teams handshake.
        var context = await host.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.RouteAsync($"{origin}/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html",
            Body = $"<!doctype html><title>host</title><iframe id=tab src=\"{host.BaseUrl}\" width=900 height=700></iframe>",
        }));
        await page.GotoAsync($"{origin}/_#/apps/tab");
        return page;
    }

    [Fact]
    public async Task The_tab_loads_framed_by_Teams()
    {
        var page = await FramedFromAsync("https://teams.microsoft.com");
        var tab = page.FrameLocator("#tab");
        // Not answered by a Teams host, the tab falls back to the demo sign-in after its handshake timeout.
        await tab.Locator("[data-testid=demo-person]").First.WaitForAsync(new() { Timeout = 15_000 });
        Assert.True(await tab.Locator("[data-testid=demo-banner]").IsVisibleAsync());
    }

    [Fact]
    public async Task Another_site_cannot_frame_the_tab()
    {
        var page = await FramedFromAsync("https://evil.example");
        await page.WaitForLoadStateAsync(LoadState.Load);
        var frame = page.Frames.Single(f => f != page.MainFrame);
        Assert.Equal(0, await frame.Locator("#root").CountAsync());
        // Chromium replaces a frame refused by frame-ancestors with its error page.
        Assert.StartsWith("chrome-error://", frame.Url);
    }

    [Fact]
    public async Task Kestrel_sends_no_Server_header()
    {
        using var http = new HttpClient();
        var response = await http.GetAsync(host.BaseUrl);
        Assert.False(response.Headers.Contains("Server"));
        Assert.Contains("frame-ancestors", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }
}

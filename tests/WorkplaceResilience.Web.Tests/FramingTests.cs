using Microsoft.Playwright;

namespace WorkplaceResilience.Web.Tests;

/// <summary>The Content-Security-Policy's frame-ancestors in a real browser: Teams may frame the tab, others may not.</summary>
public sealed class FramingTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    /// <summary>A page at <paramref name="origin"/> (served by Playwright, never fetched) that frames the tab.</summary>
    private async Task<(IPage Page, List<string> Console)> FramedFromAsync(string origin)
    {
        var page = await host.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => console.Add(message.Text);
        await page.RouteAsync($"{origin}/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html",
            Body = $"<!doctype html><title>host</title><iframe id=tab src=\"{host.BaseUrl}\" width=900 height=700></iframe>",
        }));
        await page.GotoAsync($"{origin}/_#/apps/tab");
        return (page, console);
    }

    [Fact]
    public async Task The_tab_loads_framed_by_Teams()
    {
        var (page, _) = await FramedFromAsync("https://teams.microsoft.com");
        var tab = page.FrameLocator("#tab");
        // Not answered by a Teams host, the tab falls back to the demo sign-in after its handshake timeout.
        await tab.Locator("[data-testid=demo-person]").First.WaitForAsync(new() { Timeout = 15_000 });
        Assert.True(await tab.Locator("[data-testid=demo-banner]").IsVisibleAsync());
    }

    [Fact]
    public async Task Another_site_cannot_frame_the_tab()
    {
        var (page, console) = await FramedFromAsync("https://evil.example");
        await page.WaitForLoadStateAsync(LoadState.Load);
        var frame = page.Frames.Single(f => f != page.MainFrame);
        Assert.Equal(0, await frame.Locator("#root").CountAsync());
        Assert.Contains(console, line => line.Contains("frame-ancestors"));
    }
}

using WorkplaceResilience.Api.Tests.Hosting;
using Microsoft.Playwright;

namespace WorkplaceResilience.Web.Tests;

/// <summary>The personal tab and the HR dashboard in a real Chromium against the real host.</summary>
public sealed class TabAndDashboardTests(BrowserHost host) : IClassFixture<BrowserHost>, IDisposable
{
    /// <summary>Tests that move the host's clock leave it where the next test expects it.</summary>
    public void Dispose() => host.Api.Clock.Reset();

    [Fact]
    public async Task An_employee_sees_todays_breaks_and_runs_a_practice_to_its_end()
    {
        var personId = await host.MoveClockToTheNextBreakOfAListedEmployeeAsync();
        var page = await host.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator($"[data-testid=demo-person][data-person-id='{personId}']").ClickAsync();

        var offers = page.Locator("[data-testid=offer-card]");
        await offers.First.WaitForAsync();
        Assert.True(await page.Locator("[data-testid=time-block]").CountAsync() > 0);
        var pageText = await page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain(host.Api.SubjectMarker, pageText);

        await page.Locator("[data-testid=offer-start]").First.ClickAsync();
        var player = page.Locator("[data-testid=practice-player]");
        await player.WaitForAsync();
        // The optional check-in comes first; the practice's clock starts only when the person begins.
        await page.Locator("[data-testid=checkin-skip]").ClickAsync();
        await page.Locator("[data-testid=practice-step]").WaitForAsync();
        // Let the practice play out: the browser's clock is under the test's control.
        for (var i = 0; i < 12 && !await page.Locator("[data-testid=checkin-after]").IsVisibleAsync(); i++)
        {
            await page.Clock.RunForAsync(30_000);
            var next = page.Locator("[data-testid=practice-next]");
            if (i > 8 && await next.IsVisibleAsync()) await next.ClickAsync();
        }
        await page.Locator("[data-testid=checkin-after]").WaitForAsync();
        await page.Locator("[data-testid=practice-finish]").ClickAsync();
        await page.Locator("[data-testid=practice-done]").WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotFolder, "tab-practice-done.png"), FullPage = true });

        await page.GotoAsync("/");
        await page.Locator("[data-testid=offer-card]").First.WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotFolder, "tab-today.png"), FullPage = true });
    }

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task An_employee_opens_my_week_and_it_passes_axe(ColorScheme scheme)
    {
        var page = await host.NewPageAsync(scheme);
        await page.GotoAsync("/");
        await page.Locator("[data-testid=demo-person][data-role=employee]").First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "My week" }).ClickAsync();
        await page.Locator("[data-testid=week-chart]").WaitForAsync();
        Assert.EndsWith("/week", new Uri(page.Url).AbsolutePath);
        Assert.DoesNotContain(host.Api.SubjectMarker, await page.Locator("body").InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserHost.ScreenshotFolder, $"my-week-{scheme.ToString().ToLowerInvariant()}.png"), FullPage = true,
        });
        var violations = await Axe.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    [InlineData("contrast")]
    public async Task Hr_opens_the_dashboard_sees_released_groups_only_and_it_passes_axe(string theme)
    {
        await ReportSeed.LastWeekReleasedAsync(host.Api);
        var page = await host.NewPageAsync(theme == "dark" ? ColorScheme.Dark : ColorScheme.Light, forcedColors: theme == "contrast");
        await page.GotoAsync("/");
        await page.Locator("[data-testid=demo-person][data-role=hr]").First.ClickAsync();
        var table = page.Locator("[data-testid=hr-table]");
        await table.WaitForAsync();
        await page.Locator("[data-testid=hr-trend] svg").First.WaitForAsync();
        Assert.EndsWith("/hr", new Uri(page.Url).AbsolutePath);
        var text = await table.InnerTextAsync();
        Assert.Contains("Engineering", text);
        Assert.Contains("fewer than", text); // the demo company has departments under k
        Assert.DoesNotContain(host.Api.SubjectMarker, await page.Locator("body").InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotFolder, $"hr-dashboard-{theme}.png"), FullPage = true });
        var violations = await Axe.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    [InlineData("contrast")]
    public async Task The_hr_dashboard_fits_a_360_pixel_phone_in_each_theme_and_passes_axe(string theme)
    {
        await ReportSeed.LastWeekReleasedAsync(host.Api);
        var page = await host.NewPageAsync(theme, phone: true);
        await page.GotoAsync("/");
        await page.Locator("[data-testid=demo-person][data-role=hr]").First.ClickAsync();
        await page.Locator("[data-testid=hr-table]").WaitForAsync();
        await page.Locator("[data-testid=hr-trend] svg").First.WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotFolder, $"hr-dashboard-{theme}-phone.png"), FullPage = true });
        await BrowserHost.AssertNoSidewaysScrollAsync(page, $"the HR dashboard ({theme})");
        var violations = await Axe.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_tab_has_no_serious_accessibility_violations()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("[data-testid=demo-person][data-role=employee]").First.ClickAsync();
        await page.Locator("[data-testid=offer-card]").First.WaitForAsync();
        var violations = await Axe.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}

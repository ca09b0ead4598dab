using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Web.Tests;

/// <summary>The admin page in a real Chromium against the real host: settings, the kill switch, job health.</summary>
public sealed class AdminPageTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private Task<IPage> SignedInAsAdminAsync(ColorScheme scheme) => SignedInAsAdminAsync(host.NewPageAsync(scheme));

    private async Task<IPage> SignedInAsAdminAsync(Task<IPage> newPage)
    {
        // The browser tests' host runs no job server; register the schedule so the job table has its rows.
        RecurringJobs.Register(host.Api.Services.GetRequiredService<IRecurringJobManager>(),
            host.Api.Services.GetRequiredService<IOptions<JobOptions>>().Value);
        var page = await newPage;
        await page.GotoAsync("/");
        await page.Locator("[data-testid=demo-person][data-role=admin]").First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Admin" }).ClickAsync();
        await page.Locator("[data-testid=settings-form]").WaitForAsync();
        await page.Locator("[data-testid=job-table]").WaitForAsync();
        return page;
    }

    [Fact]
    public async Task An_admin_changes_a_setting_and_pauses_nudges_and_the_service_holds_both()
    {
        var page = await SignedInAsAdminAsync(ColorScheme.Light);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserHost.ScreenshotFolder, "admin-light.png"), FullPage = true });

        await page.GetByLabel("Minimum group size").FillAsync("12");
        await page.Locator("[data-testid=settings-dirty]").WaitForAsync();
        await page.Locator("[data-testid=settings-save]").ClickAsync();
        await page.Locator("[data-testid=settings-saved]").WaitForAsync();

        await page.Locator("[data-testid=kill-switch]").ClickAsync();
        await page.Locator("[data-testid=kill-switch-confirm]").ClickAsync();
        await page.Locator("[data-testid=nudges-state]").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("paused", System.Text.RegularExpressions.RegexOptions.IgnoreCase) }).WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserHost.ScreenshotFolder, "admin-paused.png"), FullPage = true });

        using var scope = host.Api.Services.CreateScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Tenants.AsNoTracking().SingleAsync(t => t.Id == host.Api.TenantId);
        Assert.Equal(12, tenant.MinimumGroupSize);
        Assert.True(tenant.NudgesPaused);

        // Leave the shared demo tenant as the other tests expect it.
        await page.Locator("[data-testid=kill-switch]").ClickAsync();
        await page.Locator("[data-testid=nudges-state]").Filter(new() { HasNotTextRegex = new System.Text.RegularExpressions.Regex("paused", System.Text.RegularExpressions.RegexOptions.IgnoreCase) }).WaitForAsync();
    }

    [Fact]
    public async Task The_admin_page_has_no_serious_accessibility_violations_in_dark_mode()
    {
        var page = await SignedInAsAdminAsync(ColorScheme.Dark);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserHost.ScreenshotFolder, "admin-dark.png"), FullPage = true });
        var violations = await Axe.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    [InlineData("contrast")]
    public async Task The_admin_page_fits_a_360_pixel_phone_in_each_theme_and_passes_axe(string theme)
    {
        var page = await SignedInAsAdminAsync(host.NewPageAsync(theme, phone: true));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserHost.ScreenshotFolder, $"admin-{theme}-phone.png"), FullPage = true });
        await BrowserHost.AssertNoSidewaysScrollAsync(page, $"the admin page ({theme})");
        var violations = await Axe.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await page.Context.CloseAsync();
    }
}

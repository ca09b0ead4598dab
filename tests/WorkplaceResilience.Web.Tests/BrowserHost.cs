using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using WorkplaceResilience.Api.Demo;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Tests.Hosting;

namespace WorkplaceResilience.Web.Tests;

/// <summary>
/// The real host on a Kestrel loopback port with the built front end, its demo tenant synced and planned,
/// and a headless Debian Chromium driven by Playwright.
/// </summary>
public sealed class BrowserHost : IAsyncLifetime
{
    public ApiHost Api { get; private set; } = null!;
    public Uri BaseUrl { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright? playwright;

    public static string ScreenshotFolder { get; } =
        Path.Combine(Environment.GetEnvironmentVariable("WR_TEST_ARTIFACTS") ?? Path.Combine(AppContext.BaseDirectory, "screenshots"));

    public async Task InitializeAsync()
    {
        Api = new ApiHost(await TestDatabase.CreateAsync(DatabaseKind.Sqlite));
        Api.UseKestrel(0);
        Api.StartServer();
        var addresses = Api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = new Uri(addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1"));
        await Api.SyncEverythingAsync();

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("WR_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                // The framing tests serve a "public" Teams page that frames the tab on loopback, which Local Network
                // Access would hold for a permission prompt no one answers.
                "--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessForNavigations,BlockInsecurePrivateNetworkRequests",
            ],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>
    /// A fresh page whose clock starts at the host's test clock, so "today" agrees on both sides. <paramref name="phone"/>
    /// gives a 360-pixel-wide touch screen; <paramref name="locale"/> is the browser's language (navigator.language).
    /// </summary>
    public async Task<IPage> NewPageAsync(ColorScheme scheme = ColorScheme.Light, bool forcedColors = false, bool phone = false, string? locale = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(), ColorScheme = scheme,
            ViewportSize = phone ? new ViewportSize { Width = 360, Height = 740 } : new ViewportSize { Width = 1100, Height = 900 },
            IsMobile = phone,
            ForcedColors = forcedColors ? ForcedColors.Active : ForcedColors.None,
            Locale = locale,
        });
        var page = await context.NewPageAsync();
        await page.Clock.InstallAsync(new ClockInstallOptions { TimeDate = Api.Clock.GetUtcNow().UtcDateTime });
        return page;
    }

    /// <summary>
    /// A demo employee with a break still to come, and the moment it opens (its reminder goes out), chosen so that the
    /// demo picker still lists them once the host's clock is set to that moment. Sets the clock.
    /// </summary>
    public async Task<Guid> MoveClockToTheNextBreakOfAListedEmployeeAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUrl };
        var lead = TimeSpan.Zero; // the nudge goes out when the gap opens
        var start = Api.Clock.GetUtcNow();
        var listed = await http.GetFromJsonAsync<List<DemoEndpoints.DemoPerson>>("/api/demo/people") ?? [];
        foreach (var person in listed.Where(p => p.Role == "employee"))
        {
            using var scope = Api.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(Api.TenantId);
            var next = await db.BreakOffers.AsNoTracking()
                .Where(o => o.EmployeeId == person.Id && o.Start > start + lead)
                .OrderBy(o => o.Start).FirstOrDefaultAsync();
            if (next is null) continue;
            Api.Clock.Set(next.Start - lead);
            var stillListed = await http.GetFromJsonAsync<List<DemoEndpoints.DemoPerson>>("/api/demo/people") ?? [];
            if (stillListed.Any(p => p.Id == person.Id)) return person.Id;
            Api.Clock.Set(start);
        }
        throw new InvalidOperationException("No listed demo employee has a break still to come.");
    }

    /// <summary>A page in one of the three looks the tab supports: "light", "dark" or "contrast" (forced colours).</summary>
    public Task<IPage> NewPageAsync(string theme, bool phone = false) =>
        NewPageAsync(theme == "dark" ? ColorScheme.Dark : ColorScheme.Light, forcedColors: theme == "contrast", phone: phone);

    /// <summary>Fails naming the widest elements when the page scrolls sideways (a 360-pixel phone must not).</summary>
    public static async Task AssertNoSidewaysScrollAsync(IPage page, string name)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        var culprits = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('body *')]" +
            ".filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)" +
            ".slice(-4).map(e => e.tagName + ' ' + (e.getAttribute('data-testid') || e.textContent.slice(0, 30)))");
        Assert.True(overflow <= 1, $"{name} scrolls sideways on a 360-pixel phone by {overflow}px: {string.Join(" | ", culprits)}");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        await Api.DisposeAsync();
    }
}

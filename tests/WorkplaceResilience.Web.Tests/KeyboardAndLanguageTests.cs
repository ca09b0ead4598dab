using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WorkplaceResilience.Api.Demo;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Web.Tests;

/// <summary>
/// Every employee flow done with the keyboard alone (Tab, Shift+Tab, Enter, Space, arrow keys: no click), and the tab
/// in German.
/// </summary>
public sealed class KeyboardAndLanguageTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task An_employee_does_every_flow_with_the_keyboard_alone()
    {
        var person = await ListedEmployeeWithPlannedOffersAsync();
        var page = await host.NewPageAsync();

        // Sign in: type into the filter, then the person's button.
        await page.GotoAsync("/");
        await TabToAsync(page, "input[type=search]");
        await page.Keyboard.TypeAsync(person.DisplayName);
        await TabToAsync(page, $"[data-testid=demo-person][data-person-id='{person.Id}']");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[data-testid=practice-now]").WaitForAsync();

        // Skip an offer.
        var skipped = page.Locator("[data-testid=offer-card][data-status=skipped]");
        var skippedBefore = await skipped.CountAsync();
        await TabToAsync(page, "[data-testid=offer-skip]");
        await page.Keyboard.PressAsync("Enter");
        await Expect(() => skipped.CountAsync(), n => n == skippedBefore + 1, "a skipped offer");

        // Quiet hours, saved. "0100A" is 01:00 whether the time field shows 24 hours or AM/PM.
        await TabToAsync(page, "a[href='/settings']");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[data-testid=my-settings-form]").WaitForAsync();
        await TabToAsync(page, "[data-testid=my-field-quietStart] input");
        await page.Keyboard.TypeAsync("0100A");
        await TabToAsync(page, "[data-testid=my-field-quietEnd] input");
        await page.Keyboard.TypeAsync("0200A");
        await TabToAsync(page, "[data-testid=my-settings-save]");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[data-testid=my-settings-saved]").WaitForAsync();
        using (var scope = host.Api.Services.CreateScope())
        {
            var stored = await Db(scope).PersonSettings.AsNoTracking().SingleAsync(s => s.EmployeeId == person.Id);
            Assert.Equal((new TimeOnly(1, 0), new TimeOnly(2, 0)), (stored.QuietStart, stored.QuietEnd));
        }

        // A practice with the check-in before: Space picks the first answer, the arrow keys move along the scale.
        await TabToAsync(page, "a[href='/']");
        await page.Keyboard.PressAsync("Enter");
        await TabToAsync(page, "[data-testid=practice-now]");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[data-testid=checkin-before]").WaitForAsync();
        foreach (var answer in new[] { 2, 4, 5 })
        {
            await TabToAsync(page, "[data-testid=checkin-before] input[type=radio]:not(:checked)");
            await page.Keyboard.PressAsync("Space");
            for (var i = 1; i < answer; i++) await page.Keyboard.PressAsync("ArrowRight");
        }
        await TabToAsync(page, "[data-testid=practice-begin]");
        await page.Keyboard.PressAsync("Enter");
        var after = page.Locator("[data-testid=checkin-after]");
        for (var i = 0; i < 12 && !await after.IsVisibleAsync(); i++)
        {
            await TabToAsync(page, "[data-testid=practice-next]");
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForTimeoutAsync(100);
        }
        await after.WaitForAsync();
        await TabToAsync(page, "[data-testid=practice-finish]");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[data-testid=practice-done]").WaitForAsync();
        await TabToAsync(page, "[data-testid=practice-close]");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[data-testid=practice-now]").WaitForAsync();
        using (var scope = host.Api.Services.CreateScope())
        {
            var session = await Db(scope).PracticeSessions.AsNoTracking().SingleAsync(s => s.EmployeeId == person.Id);
            Assert.Equal((2, 4, 5), (session.BeforeSelfKindness, session.BeforeSelfCriticism, session.BeforeTension));
        }

        // Export.
        await TabToAsync(page, "a[href='/my-data']");
        await page.Keyboard.PressAsync("Enter");
        await TabToAsync(page, "[data-testid=mydata-download]");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Enter"));
        Assert.Contains("practiceSessions", await File.ReadAllTextAsync(await download.PathAsync()));

        // Delete: the dialog holds focus; Shift+Tab reaches "Keep my data", which closes it; then confirm for real.
        await TabToAsync(page, "[data-testid=mydata-delete]");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[data-testid=mydata-delete-dialog]").WaitForAsync();
        await TabToAsync(page, "[data-testid=mydata-delete-dialog] button:not([data-testid])", backwards: true);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[data-testid=mydata-delete-dialog]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await TabToAsync(page, "[data-testid=mydata-delete]");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "[data-testid=mydata-delete-confirm]");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[data-testid=mydata-deleted]").WaitForAsync();
        using (var scope = host.Api.Services.CreateScope())
            Assert.False(await Db(scope).PracticeSessions.AnyAsync(s => s.EmployeeId == person.Id));
    }

    [Fact]
    public async Task In_German_the_tab_shows_German_texts_and_a_German_date_and_passes_axe()
    {
        var page = await host.NewPageAsync(locale: "de-DE");
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Wer sind Sie?" }).WaitForAsync();
        await page.Locator("[data-testid=demo-person][data-role=employee]").First.ClickAsync();
        var sub = page.Locator("[data-testid=today-sub]");
        await sub.WaitForAsync();

        Assert.Equal("de", await page.Locator("html").GetAttributeAsync("lang"));
        await page.GetByRole(AriaRole.Heading, new() { Name = "Heute", Level = 1 }).WaitForAsync();
        Assert.Equal("Meine Woche", await page.Locator("a[href='/week']").InnerTextAsync());
        Assert.Equal("Dies ist keine Therapie", await page.Locator("#not-therapy-heading").InnerTextAsync());
        // "Freitag, 27. November · Europe/Berlin · …": the day written the German way.
        var line = await sub.InnerTextAsync();
        var day = Regex.Match(line, @"^(Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag), (\d{1,2})\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)");
        Assert.True(day.Success, $"not a German date: {line}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotFolder, "today-de.png"), FullPage = true });
        var violations = await Axe.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("\n", violations));

        await page.Locator("a[href='/week']").ClickAsync();
        var totals = page.Locator("[data-testid=week-totals]");
        await totals.WaitForAsync();
        Assert.StartsWith("Diese Woche:", await totals.InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotFolder, "my-week-de.png"), FullPage = true });
        violations = await Axe.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await page.Context.CloseAsync();

        // German words run longer: every employee screen still fits a 360-pixel phone.
        var phone = await host.NewPageAsync(ColorScheme.Light, phone: true, locale: "de-DE");
        await phone.GotoAsync("/");
        await phone.Locator("[data-testid=demo-person][data-role=employee]").First.ClickAsync();
        await phone.Locator("[data-testid=practice-now]").WaitForAsync(); // signed in (the session is stored) before navigating
        foreach (var (path, ready, name) in new[]
        {
            ("/", "[data-testid=practice-now]", "today"),
            ("/week", "[data-testid=week-totals]", "my-week"),
            ("/settings", "[data-testid=my-settings-form]", "my-settings"),
            ("/my-data", "[data-testid=mydata-download]", "my-data"),
        })
        {
            await phone.GotoAsync(path);
            await phone.Locator(ready).WaitForAsync();
            await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotFolder, $"{name}-de-phone.png"), FullPage = true });
            await BrowserHost.AssertNoSidewaysScrollAsync(phone, $"{name} in German");
        }
        await phone.Context.CloseAsync();
    }

    /// <summary>Presses Tab (or Shift+Tab) until the focused element matches; fails naming where focus got stuck.</summary>
    private static async Task TabToAsync(IPage page, string selector, bool backwards = false, int presses = 120)
    {
        for (var i = 0; i < presses; i++)
        {
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
            if (await page.EvaluateAsync<bool>("s => !!document.activeElement && document.activeElement.matches(s)", selector)) return;
        }
        var at = await page.EvaluateAsync<string>("() => document.activeElement ? document.activeElement.outerHTML.slice(0, 160) : 'nothing'");
        Assert.Fail($"{(backwards ? "Shift+Tab" : "Tab")} did not reach {selector} in {presses} presses; focus is on {at}");
    }

    private static async Task Expect(Func<Task<int>> read, Func<int, bool> wanted, string what)
    {
        for (var i = 0; i < 50; i++)
        {
            if (wanted(await read())) return;
            await Task.Delay(100);
        }
        Assert.Fail($"expected {what}");
    }

    private async Task<DemoEndpoints.DemoPerson> ListedEmployeeWithPlannedOffersAsync()
    {
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        var listed = await http.GetFromJsonAsync<List<DemoEndpoints.DemoPerson>>("/api/demo/people") ?? [];
        using var scope = host.Api.Services.CreateScope();
        var now = host.Api.Clock.GetUtcNow();
        foreach (var person in listed.Where(p => p.Role == "employee"))
            if (await Db(scope).BreakOffers.AnyAsync(o => o.EmployeeId == person.Id && o.Status == OfferStatus.Planned && o.Start > now))
                return person;
        throw new InvalidOperationException("No listed employee has a break planned.");
    }

    private AppDbContext Db(IServiceScope scope) => scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.Api.TenantId);
}

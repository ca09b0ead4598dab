using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WorkplaceResilience.Api.Demo;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Web.Tests;

/// <summary>The employee's own controls in a real browser: settings that change the plan at once, history, export and delete.</summary>
public sealed class EmployeeControlsTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task A_person_sets_quiet_hours_and_sees_the_rest_of_today_change_then_turns_breaks_off_and_gets_nothing_more()
    {
        var person = await ListedEmployeeWithPlannedOffersAsync(0);
        var page = await SignedInAsync(person);
        await page.Locator("[data-testid=offer-card][data-status=planned]").First.WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "My settings" }).ClickAsync();
        await page.Locator("[data-testid=my-field-quietStart] input").FillAsync("00:00");
        await page.Locator("[data-testid=my-field-quietEnd] input").FillAsync("23:59");
        await page.Locator("[data-testid=my-settings-save]").ClickAsync();
        await page.Locator("[data-testid=my-settings-saved]").WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("my-settings-saved.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Today" }).ClickAsync();
        await page.Locator("[data-testid=practice-now]").WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-testid=offer-card][data-status=planned]").CountAsync());
        Assert.Equal(0, await PlannedOffersAsync(person));

        await page.GetByRole(AriaRole.Link, new() { Name = "My settings" }).ClickAsync();
        await page.GetByRole(AriaRole.Switch, new() { Name = "Suggest breaks to me" }).ClickAsync();
        await page.Locator("[data-testid=my-settings-save]").ClickAsync();
        await page.Locator("[data-testid=my-settings-saved]").WaitForAsync();
        Assert.Contains("Breaks are off", await page.Locator("[data-testid=my-settings-saved]").InnerTextAsync());

        // Hours later the jobs have run again: still nothing planned and nothing of the calendar kept.
        await host.Api.SyncEverythingAsync();
        Assert.Equal(0, await PlannedOffersAsync(person));
        using var scope = host.Api.Services.CreateScope();
        Assert.False(await Db(scope).CalendarEntries.AnyAsync(c => c.EmployeeId == person));
    }

    [Fact]
    public async Task A_person_runs_a_practice_sees_it_in_my_week_exports_the_check_in_and_deletes_everything()
    {
        var person = await ListedEmployeeWithPlannedOffersAsync(1);
        var page = await SignedInAsync(person);
        await page.Locator("[data-testid=practice-now]").ClickAsync();
        var before = page.Locator("[data-testid=checkin-before]");
        await before.WaitForAsync();
        await Answer(before, "kind to myself", 2);
        await Answer(before, "hard on myself", 4);
        await Answer(before, "tense", 5);
        await page.Locator("[data-testid=practice-begin]").ClickAsync();
        // "Next step" through to the check-in after; the last click replaces the button, so a click may find it gone.
        var after = page.Locator("[data-testid=checkin-after]");
        var next = page.Locator("[data-testid=practice-next]");
        for (var i = 0; i < 12 && !await after.IsVisibleAsync(); i++)
        {
            try { await next.ClickAsync(new() { Timeout = 3_000 }); }
            catch (TimeoutException) { }
        }
        await after.WaitForAsync();
        await page.Locator("[data-testid=practice-finish]").ClickAsync();
        await page.Locator("[data-testid=practice-done]").WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "My week" }).ClickAsync();
        await page.Locator("[data-testid=week-totals]").WaitForAsync();
        Assert.Contains("1 practice on your own", await page.Locator("[data-testid=week-totals]").InnerTextAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "My data" }).ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=mydata-download]").ClickAsync());
        var file = Path.Combine(BrowserHost.ScreenshotFolder, "my-data-export.json");
        await download.SaveAsAsync(file);
        var export = JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement;
        var session = Assert.Single(export.GetProperty("practiceSessions").EnumerateArray());
        var checkIn = session.GetProperty("before");
        Assert.Equal((2, 4, 5), (checkIn.GetProperty("selfKindness").GetInt32(), checkIn.GetProperty("selfCriticism").GetInt32(),
            checkIn.GetProperty("tension").GetInt32()));

        await page.Locator("[data-testid=mydata-delete]").ClickAsync();
        await page.Locator("[data-testid=mydata-delete-confirm]").ClickAsync();
        await page.Locator("[data-testid=mydata-deleted]").WaitForAsync();

        using var scope = host.Api.Services.CreateScope();
        var db = Db(scope);
        Assert.False(await db.Employees.AnyAsync(e => e.Id == person));
        Assert.False(await db.CalendarEntries.AnyAsync(c => c.EmployeeId == person));
        Assert.False(await db.BreakOffers.AnyAsync(o => o.EmployeeId == person));
        Assert.False(await db.PracticeSessions.AnyAsync(s => s.EmployeeId == person));
        Assert.False(await db.PersonSettings.AnyAsync(s => s.EmployeeId == person));
    }

    public static TheoryData<string, bool> Looks() => new()
    {
        { "light", false }, { "dark", false }, { "contrast", false }, { "light", true }, { "dark", true }, { "contrast", true },
    };

    [Theory]
    [MemberData(nameof(Looks))]
    public async Task Every_employee_screen_reads_well_in_each_theme_on_desktop_and_phone_and_passes_axe(string theme, bool phone)
    {
        var person = await ListedEmployeeWithPlannedOffersAsync(2);
        var page = await host.NewPageAsync(theme, phone);
        await SignInAsync(page, person);

        var screens = new (string Path, string Ready, string Name)[]
        {
            ("/", "[data-testid=practice-now]", "today"),
            ("/week", "[data-testid=week-totals]", "my-week"),
            ("/settings", "[data-testid=my-settings-form]", "my-settings"),
            ("/my-data", "[data-testid=mydata-download]", "my-data"),
        };
        foreach (var (path, ready, name) in screens)
        {
            await page.GotoAsync(path);
            await page.Locator(ready).WaitForAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot($"{name}-{theme}-{(phone ? "phone" : "desktop")}.png"), FullPage = true });
            var violations = await Axe.SeriousViolationsAsync(page);
            Assert.True(violations.Count == 0, $"{name} ({theme}, {(phone ? "phone" : "desktop")}):\n" + string.Join("\n", violations));
            if (phone) await BrowserHost.AssertNoSidewaysScrollAsync(page, name);
        }
        await page.Context.CloseAsync();
    }

    private static string Shot(string name) => Path.Combine(BrowserHost.ScreenshotFolder, name);

    private static Task Answer(ILocator form, string group, int value) =>
        form.GetByRole(AriaRole.Radiogroup, new() { NameRegex = new System.Text.RegularExpressions.Regex(group) })
            .GetByRole(AriaRole.Radio, new() { Name = value.ToString(), Exact = true }).CheckAsync();

    private async Task<IPage> SignedInAsync(Guid person)
    {
        var page = await host.NewPageAsync();
        await SignInAsync(page, person);
        return page;
    }

    private static async Task SignInAsync(IPage page, Guid person)
    {
        await page.GotoAsync("/");
        await page.Locator($"[data-testid=demo-person][data-person-id='{person}']").ClickAsync();
        await page.Locator("[data-testid=practice-now]").WaitForAsync();
    }

    /// <summary>The n-th employee the demo picker lists who has breaks planned, so each test acts on someone of its own.</summary>
    private async Task<Guid> ListedEmployeeWithPlannedOffersAsync(int n)
    {
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        var listed = await http.GetFromJsonAsync<List<DemoEndpoints.DemoPerson>>("/api/demo/people") ?? [];
        var found = new List<Guid>();
        foreach (var person in listed.Where(p => p.Role == "employee"))
            if (await PlannedOffersAsync(person.Id) > 0) found.Add(person.Id);
        return found[n];
    }

    private async Task<int> PlannedOffersAsync(Guid person)
    {
        using var scope = host.Api.Services.CreateScope();
        var now = host.Api.Clock.GetUtcNow();
        return await Db(scope).BreakOffers.CountAsync(o => o.EmployeeId == person && o.Status == OfferStatus.Planned && o.Start > now);
    }

    private AppDbContext Db(IServiceScope scope) => scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.Api.TenantId);
}

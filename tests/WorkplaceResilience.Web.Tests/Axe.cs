using System.Text.Json;
using Microsoft.Playwright;

namespace WorkplaceResilience.Web.Tests;

/// <summary>Runs axe-core (from the front end's node_modules) in the page and lists serious and critical violations.</summary>
public static class Axe
{
    public static async Task<List<string>> SeriousViolationsAsync(IPage page)
    {
        // Evaluated, not added as a script tag: the page's CSP allows no inline scripts.
        await page.EvaluateAsync(await File.ReadAllTextAsync(AxeScript()));
        var json = await page.EvaluateAsync<JsonElement>(
            // Fluent's focus manager (Tabster) puts aria-hidden focus sentinels around focus groups on purpose: they hand
            // focus on to the next real element and are never announced, so axe's aria-hidden-focus rule is told to skip them.
            "async () => (await axe.run({ exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] })).violations" +
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')" +
            ".map(v => v.id + ': ' + v.help + ' (' + v.nodes.length + ' nodes) ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))");
        return json.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    private static string AxeScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "WorkplaceResilience.Web", "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("axe-core not found: run npm ci in src/WorkplaceResilience.Web (tests/run.sh does).");
    }
}

using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace WorkplaceResilience.Benchmarks;

/// <summary>
/// Issue 11: how heavy the personal tab is and how soon it shows something. Starts the service in demo mode on a
/// loopback port (its own throwaway data folder), then loads the tab cold in headless Chromium several times.
/// Prints the JavaScript the tab loads (gzip as measured here, and what went over the wire) and the time to first
/// contentful paint and to the first screen a person can use (the demo sign-in list). Needs the front end built and
/// Chromium (WR_CHROMIUM, default /usr/bin/chromium).
/// </summary>
public static class TabBenchmark
{
    private const int Loads = 15;

    public static async Task<int> RunAsync(string[] args)
    {
        var root = RepositoryRoot();
        var assets = Path.Combine(root, "src", "WorkplaceResilience.Api", "wwwroot", "assets");
        if (!Directory.Exists(assets))
        {
            Console.Error.WriteLine("The front end is not built: run `npm ci && npm run build` in src/WorkplaceResilience.Web.");
            return 2;
        }

        var port = FreePort();
        var data = Directory.CreateTempSubdirectory("wr-tab-bench");
        using var service = StartService(root, port, data.FullName);
        try
        {
            var baseUrl = $"http://127.0.0.1:{port}";
            await WaitUntilReadyAsync(baseUrl, service);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Environment.GetEnvironmentVariable("WR_CHROMIUM") ?? "/usr/bin/chromium",
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
            });

            var paints = new List<double>();
            var usable = new List<double>();
            long wireJs = 0, wireAll = 0;
            var jsFiles = new HashSet<string>();
            for (var i = 0; i < Loads + 1; i++)
            {
                // A new context each time: an empty cache, as for someone opening the tab for the first time.
                await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1100, Height = 900 } });
                var page = await context.NewPageAsync();
                var responses = new List<IResponse>();
                page.Response += (_, r) => responses.Add(r);
                var clock = Stopwatch.StartNew();
                await page.GotoAsync(baseUrl + "/", new() { WaitUntil = WaitUntilState.Commit });
                await page.Locator("[data-testid=demo-person]").First.WaitForAsync(new() { Timeout = 60_000 });
                var toUsable = clock.Elapsed.TotalMilliseconds;
                var paint = await page.EvaluateAsync<double>(
                    "() => (performance.getEntriesByName('first-contentful-paint')[0] || { startTime: -1 }).startTime");
                if (i == 0) continue; // the first load warms the service's JIT, not the browser's cache
                usable.Add(toUsable);
                paints.Add(paint);
                if (i == 1)
                    foreach (var response in responses)
                    {
                        var sizes = await response.Request.SizesAsync();
                        wireAll += sizes.ResponseBodySize;
                        if (!response.Url.EndsWith(".js", StringComparison.Ordinal)) continue;
                        wireJs += sizes.ResponseBodySize;
                        jsFiles.Add(Path.GetFileName(new Uri(response.Url).AbsolutePath));
                    }
            }

            var gzip = jsFiles.Sum(f => GzipSize(Path.Combine(assets, f)));
            var raw = jsFiles.Sum(f => new FileInfo(Path.Combine(assets, f)).Length);
            Console.WriteLine($"# {Loads} cold loads of the tab on loopback, {Environment.ProcessorCount} cores; JS files: {string.Join(", ", jsFiles.Order())}");
            Console.WriteLine($"tab-js-kb: {raw / 1024.0:F0} KB");
            Console.WriteLine($"tab-js-gzip-kb: {gzip / 1024.0:F0} KB");
            Console.WriteLine($"tab-js-transferred-kb: {wireJs / 1024.0:F0} KB");
            Console.WriteLine($"tab-transferred-kb: {wireAll / 1024.0:F0} KB");
            Console.WriteLine($"tab-first-contentful-paint-median-ms: {Median(paints):F0} ms");
            Console.WriteLine($"tab-first-render-median-ms: {Median(usable):F0} ms");
            Console.WriteLine($"tab-first-render-p95-ms: {Percentile(usable, 0.95):F0} ms");
            return 0;
        }
        finally
        {
            if (!service.HasExited) service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync();
            try { data.Delete(recursive: true); } catch (IOException) { }
        }
    }

    private static Process StartService(string root, int port, string dataDirectory)
    {
        var start = new ProcessStartInfo("dotnet",
            ["run", "-c", "Release", "--no-launch-profile", "--project", Path.Combine(root, "src", "WorkplaceResilience.Api"), "--",
             "--urls", $"http://127.0.0.1:{port}", "--Storage:DataDirectory", dataDirectory, "--Demo:EmployeeCount", "60"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("# service: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilReadyAsync(string baseUrl, Process service)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            if (service.HasExited) throw new InvalidOperationException($"The service stopped with exit code {service.ExitCode}.");
            try
            {
                if ((await http.GetAsync(baseUrl + "/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(500);
        }
        throw new TimeoutException("The service was not ready within 5 minutes.");
    }

    private static long GzipSize(string path)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var input = File.OpenRead(path))
            input.CopyTo(gzip);
        return output.Length;
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double share)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(share * sorted.Count) - 1)];
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WorkplaceResilience.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("WorkplaceResilience.sln not found above the benchmark.");
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using WorkplaceResilience.Api.Infrastructure;

namespace WorkplaceResilience.Benchmarks;

/// <summary>The real service (HostSetup's wiring, demo mode, jobs off) started in this process for a benchmark or a fault run.</summary>
public static class ServiceHost
{
    public const string TeamsAppId = "8d3c2e6a-5f1b-4b7e-9c2d-1a2b3c4d5e6f";

    public static async Task<WebApplication> StartAsync(string dataDirectory, int people, IDictionary<string, string?> settings, TimeProvider? clock = null)
    {
        Directory.CreateDirectory(dataDirectory);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ContentRootPath = dataDirectory });
        var all = new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "true",
            ["Demo:EmployeeCount"] = people.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Jobs:Enabled"] = "false",
            ["Storage:DataDirectory"] = dataDirectory,
            ["Graph:TeamsAppId"] = TeamsAppId,
            ["urls"] = "http://127.0.0.1:0",
        };
        foreach (var (key, value) in settings) all[key] = value;
        builder.Configuration.AddInMemoryCollection(all);
        builder.AddWorkplaceResilience();
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft", LogLevel.Error);
        if (clock is not null) builder.Services.Replace(ServiceDescriptor.Singleton(clock));
        var app = builder.Build();
        app.UseWorkplaceResilience();
        await app.StartAsync();
        return app;
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Tests.Hosting;

namespace WorkplaceResilience.Api.Tests;

/// <summary>Settings are checked before anything starts; telemetry is there when configured.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Production_without_its_Entra_settings_exits_at_once_with_one_line_naming_the_keys()
    {
        var (exitCode, output, errors) = await RunServiceAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        });
        Assert.Equal(2, exitCode);
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("AzureAd:ClientId", line);
        Assert.Contains("AzureAd:ClientCredentials", line);
        Assert.DoesNotContain("   at ", output + errors); // no stack trace
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Demo_mode_outside_Development_refuses_to_start_with_the_reason(string environment)
    {
        var (exitCode, _, errors) = await RunServiceAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["Demo__Enabled"] = "true",
        });
        Assert.Equal(2, exitCode);
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"Demo:Enabled is true in the '{environment}' environment", line);
    }

    [Fact]
    public async Task Job_settings_out_of_range_stop_the_service_naming_each_key()
    {
        var (exitCode, _, errors) = await RunServiceAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["AzureAd__ClientId"] = "11111111-2222-3333-4444-555555555555",
            ["AzureAd__ClientCredentials__0__SourceType"] = "ClientSecret",
            ["AzureAd__ClientCredentials__0__ClientSecret"] = "unused",
            ["Jobs__BatchSize"] = "0",
            ["Jobs__GraphConcurrency"] = "-1",
            ["Jobs__DeliveryGrace"] = "-00:01:00",
            ["Jobs__CalendarSyncJobEvery"] = "00:00:07",
        });
        Assert.Equal(2, exitCode);
        foreach (var key in new[] { "Jobs:BatchSize", "Jobs:GraphConcurrency", "Jobs:DeliveryGrace", "Jobs:CalendarSyncJobEvery" })
            Assert.Contains(key, errors);
        Assert.DoesNotContain("AzureAd", errors);
    }

    [Fact]
    public async Task Telemetry_is_off_by_default_and_an_OTLP_endpoint_turns_traces_and_metrics_on()
    {
        await using (var quiet = new ApiHost(await TestDatabase.CreateAsync(DatabaseKind.Sqlite)))
        {
            _ = quiet.Server;
            Assert.Null(quiet.Services.GetService<MeterProvider>());
            Assert.Null(quiet.Services.GetService<TracerProvider>());
        }
        await using var exporting = new ApiHost(await TestDatabase.CreateAsync(DatabaseKind.Sqlite),
            configure: b => b.UseSetting("Telemetry:OtlpEndpoint", "http://127.0.0.1:4318"));
        _ = exporting.Server;
        Assert.NotNull(exporting.Services.GetService<MeterProvider>());
        Assert.NotNull(exporting.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task A_sync_counts_calendars_synced_and_offers_planned_on_the_service_meter()
    {
        var totals = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Telemetry.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (totals) totals[instrument.Name] = totals.GetValueOrDefault(instrument.Name) + value;
        });
        listener.Start();

        await using var host = new ApiHost(await TestDatabase.CreateAsync(DatabaseKind.Sqlite), employees: 40);
        _ = host.Server;
        await host.SyncEverythingAsync();
        lock (totals)
        {
            // Other tests in this process may add to the same counters: at least this host's share must be there.
            Assert.True(totals.GetValueOrDefault("wr.calendars.synced") >= 40, "calendars synced were not counted");
            Assert.True(totals.GetValueOrDefault("wr.offers.planned") > 0, "offers planned were not counted");
            Assert.True(totals.GetValueOrDefault("wr.graph.requests") >= 80, "Graph requests were not counted");
        }
    }

    /// <summary>Runs the built service as a process (as `dotnet WorkplaceResilience.Api.dll` would be run).</summary>
    private static async Task<(int ExitCode, string Output, string Errors)> RunServiceAsync(IReadOnlyDictionary<string, string> environment)
    {
        var dll = typeof(Program).Assembly.Location;
        var data = Directory.CreateTempSubdirectory("wr-startup-").FullName;
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Storage__DataDirectory"] = data;
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The service kept running instead of refusing its settings.");
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
        return (process.ExitCode, await output, await errors);
    }
}

using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace WorkplaceResilience.Api.Infrastructure;

/// <summary>Where telemetry goes. Off unless an OTLP endpoint is configured.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";
    /// <summary>OTLP endpoint (an OpenTelemetry collector, or Application Insights' OTLP ingestion); empty turns telemetry off.</summary>
    public string? OtlpEndpoint { get; set; }
    public string ServiceName { get; set; } = "workplace-resilience";
}

public static class Observability
{
    /// <summary>
    /// OpenTelemetry traces (ASP.NET Core, HttpClient, Npgsql) and metrics (the same, the .NET runtime and our
    /// own meter: calendars synced, offers planned, delivered and expired, Graph requests by route, 429s),
    /// exported over OTLP. Nothing is collected while no endpoint is configured.
    /// </summary>
    public static IServiceCollection AddObservability(this IServiceCollection services, TelemetryOptions telemetry)
    {
        if (string.IsNullOrWhiteSpace(telemetry.OtlpEndpoint)) return services;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(telemetry.ServiceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(Telemetry.Jobs.Name))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql")
                .AddMeter(Telemetry.MeterName))
            .UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf, new Uri(telemetry.OtlpEndpoint));
        return services;
    }
}

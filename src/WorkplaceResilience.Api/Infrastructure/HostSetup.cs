using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using WorkplaceResilience.Api.Admin;
using WorkplaceResilience.Api.Breaks;
using WorkplaceResilience.Api.Calendar;
using WorkplaceResilience.Api.Delivery;
using WorkplaceResilience.Api.Demo;
using WorkplaceResilience.Api.Graph;
using WorkplaceResilience.Api.People;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Retention;
using WorkplaceResilience.Api.Reports;
using WorkplaceResilience.Core.Practices;

namespace WorkplaceResilience.Api.Infrastructure;

/// <summary>The service's wiring, one call each from Program.cs.</summary>
public static class HostSetup
{
    public static WebApplicationBuilder AddWorkplaceResilience(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var storage = Bind<StorageOptions>(builder, StorageOptions.Section);
        var jobs = Bind<JobOptions>(builder, JobOptions.Section);
        var demo = Bind<DemoOptions>(builder, DemoOptions.Section);
        Bind<GraphOptions>(builder, GraphOptions.Section);
        Bind<AdminOptions>(builder, AdminOptions.Section);
        var telemetry = Bind<TelemetryOptions>(builder, TelemetryOptions.Section);
        var security = Bind<SecurityOptions>(builder, SecurityOptions.Section);
        Bind<ReportOptions>(builder, ReportOptions.Section);

        builder.Logging.AddJsonConsole(o => o.IncludeScopes = false);
        builder.AddHttpSurface();
        services.AddSingleton<IValidateOptions<JobOptions>, JobOptionsValidation>();
        services.AddSingleton<IValidateOptions<DemoOptions>, DemoOptionsValidation>();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidation>();
        services.AddSingleton<IValidateOptions<GraphOptions>, GraphOptionsValidation>();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidation>();
        services.AddSingleton<IValidateOptions<ReportOptions>, ReportOptionsValidation>();
        services.AddProblemDetails();
        services.AddBadRequestHandling();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddSingleton(TimeProvider.System);
        services.AddHttpClient();
        services.AddHealthChecks();
        services.AddObservability(telemetry);
        services.AddReadiness();
        services.AddStaticAssets();

        services.AddPersistence(storage, builder.Environment.ContentRootPath);
        services.AddApiAuthentication(configuration);

        services.AddSingleton(_ => PracticeTexts.LoadEmbedded());
        // Planning, history and reports work on the English catalogue; only /api/practices speaks the reader's language.
        services.AddSingleton(provider => provider.GetRequiredService<PracticeTexts>().English);
        services.AddGraphClients();
        if (demo.Enabled)
        {
            services.AddSingleton<DemoSimulator>();
            services.AddSingleton<DemoTokens>();
            services.AddHostedService(sp => sp.GetRequiredService<DemoSimulator>());
        }

        services.AddSingleton(_ => EventIdHasher.Create(security, storage, demo, builder.Environment.ContentRootPath));
        services.AddSingleton(_ => NotificationEncryption.Create(security, storage, demo, builder.Environment.ContentRootPath));
        services.AddScoped<CalendarStore>();
        services.AddScoped<OfferPlanning>();
        services.AddScoped<PersonalHistory>();
        services.AddScoped<OfferActions>();
        services.AddSingleton<ActivityNotifier>();
        services.AddSingleton<NotificationPacer>();
        services.AddSingleton<DeliveryLease>();
        services.AddSingleton<CalendarHolds>();
        services.AddScoped<DeliveryCalendarCheck>();
        services.AddTransient<DirectorySyncJob>();
        services.AddTransient<CalendarSyncJob>();
        services.AddSingleton<GraphBatchRunner>();
        services.AddSingleton<CalendarSync>();
        services.AddSingleton<CalendarSubscriptions>();
        services.AddSingleton<WebhookAddress>();
        services.AddSingleton<CalendarChangeQueue>();
        services.AddSingleton<NotificationValidationTokens>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationValidationTokens>());
        services.AddSingleton<CalendarNotifications>();
        services.AddSingleton<CalendarChangeProcessor>();
        services.AddHostedService(sp => sp.GetRequiredService<CalendarChangeProcessor>());
        services.AddTransient<OfferDeliveryJob>();
        services.AddTransient<RetentionJob>();
        services.AddTransient<ReportRollupJob>();
        services.AddJobs(storage, jobs);
        services.AddDashboardAccess();
        services.AddSingleton<ConsentLinks>();
        return builder;
    }

    public static WebApplication UseWorkplaceResilience(this WebApplication app)
    {
        app.UseHttpSurface();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseBadRequestHandling();
        app.UseStaticAssets();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        return app;
    }

    public static bool IsDemo(this WebApplication app) => app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled;

    /// <summary>Any path that is not the API, OpenAPI or health falls back to the single-page front end.</summary>
    public static void MapFrontEnd(this WebApplication app)
    {
        app.MapFallback("/api/{**path}", () => Results.Problem(statusCode: 404, title: "No such API endpoint",
            detail: "See /openapi/v1.json for the endpoints this service offers.")).ExcludeFromDescription();
        // The privacy notice and terms (static pages from the front end's public/ folder) at the URLs the manifest names.
        foreach (var page in new[] { "privacy", "terms" })
            app.MapGet("/" + page, (IWebHostEnvironment env, HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "no-cache";
                return env.WebRootFileProvider.GetFileInfo(page + ".html") is { Exists: true } file
                    ? Results.Stream(file.CreateReadStream(), "text/html; charset=utf-8") : Results.NotFound();
            }).AllowAnonymous().ExcludeFromDescription();
        app.MapFallbackToFile("index.html", StaticAssets.Revalidated);
    }

    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var applied = await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync(CancellationToken.None);
        Console.WriteLine(applied.Count == 0 ? "The database schema is up to date." : $"Applied: {string.Join(", ", applied)}");
    }

    /// <summary>
    /// Registers a settings section, checked at start-up by any <see cref="IValidateOptions{T}"/> registered for it
    /// (see OptionsValidation.cs), and returns its values for the wiring that needs them now.
    /// </summary>
    private static T Bind<T>(WebApplicationBuilder builder, string section) where T : class, new()
    {
        builder.Services.AddOptions<T>().Bind(builder.Configuration.GetSection(section)).ValidateOnStart();
        return builder.Configuration.GetSection(section).Get<T>() ?? new T();
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkplaceResilience.Api.Calendar;
using WorkplaceResilience.Api.Delivery;
using WorkplaceResilience.Api.Demo;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.People;
using WorkplaceResilience.GraphSimulator;

namespace WorkplaceResilience.Api.Tests.Hosting;

/// <summary>
/// The real host (Program.cs) in demo mode: the in-process Graph simulator, a fresh database, the real JWT
/// pipeline. Jobs are off unless asked for, so tests drive sync, planning and delivery step by step.
/// </summary>
public class ApiHost : WebApplicationFactory<Program>
{
    public TestDatabase Database { get; }
    public TestClock Clock { get; } = new();
    public CapturedLogs Logs { get; } = new();
    public string SubjectMarker { get; } = "SUBJECTMARKER" + Guid.NewGuid().ToString("N")[..10];
    public IServiceCollection? RegisteredServices { get; private set; }
    private readonly bool jobsEnabled;
    private readonly int employees;
    private readonly Action<IWebHostBuilder>? configure;
    private readonly bool ownsDatabase;
    private readonly string environment;

    /// <param name="ownsDatabase">false when several hosts share one database (as clustered instances do).</param>
    /// <param name="environment">
    /// the host environment: Development, as `dotnet run`, by default; another one to see its error handling and
    /// defaults, with the service's demo-mode fence lifted by this test host alone (the service itself refuses demo
    /// mode outside Development).
    /// </param>
    public ApiHost(TestDatabase database, bool jobsEnabled = false, int employees = 120, Action<IWebHostBuilder>? configure = null,
        bool ownsDatabase = true, string environment = "Development")
    {
        this.environment = environment;
        Database = database;
        this.ownsDatabase = ownsDatabase;
        this.jobsEnabled = jobsEnabled;
        this.employees = employees;
        this.configure = configure;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        // UseSetting, not ConfigureAppConfiguration: Program.cs reads these while it registers services.
        var settings = new Dictionary<string, string>
        {
            ["Demo:Enabled"] = "true",
            ["Demo:EmployeeCount"] = employees.ToString(),
            ["Demo:SubjectMarker"] = SubjectMarker,
            ["Storage:DataDirectory"] = Database.DataDirectory,
            ["Storage:Postgres"] = Database.PostgresConnectionString ?? "",
            ["Jobs:Enabled"] = jobsEnabled.ToString(),
            ["Jobs:CalendarSyncJobEvery"] = "00:00:05",
            ["Jobs:DeliveryJobEvery"] = "00:00:05",
        };
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            // The simulator calls the webhook of this in-memory host (no socket), as Graph would call the service's.
            services.AddHttpClient(DemoSimulator.WebhookClientName).ConfigurePrimaryHttpMessageHandler(() => new InMemoryHostHandler(this));
            if (environment != Environments.Development)
                services.RemoveAll<IValidateOptions<DemoOptions>>();
            RegisteredServices = services;
        });
        configure?.Invoke(builder);
    }

    public GraphSimulatorServer Simulator => Services.GetRequiredService<DemoSimulator>().Server
        ?? throw new InvalidOperationException("The simulator has not started.");

    public Guid TenantId => Simulator.Tenant.TenantId;

    /// <summary>Runs directory sync, then calendar sync until every calendar is read, as the jobs would.</summary>
    public async Task SyncEverythingAsync()
    {
        await Services.GetRequiredService<DirectorySyncJob>().SyncTenantAsync(TenantId, CancellationToken.None);
        var calendarSync = Services.GetRequiredService<CalendarSyncJob>();
        while (await calendarSync.SyncDueAsync(TenantId, CancellationToken.None) > 0) { }
    }

    /// <summary>A started host on a fresh SQLite database, its demo tenant synced and planned once.</summary>
    public static async Task<ApiHost> SyncedAsync(int employees = 40, params (string Key, string Value)[] settings)
    {
        var host = new ApiHost(await TestDatabase.CreateAsync(DatabaseKind.Sqlite), employees: employees, configure: b =>
        {
            foreach (var (key, value) in settings) b.UseSetting(key, value);
        });
        _ = host.Server;
        await host.SyncEverythingAsync();
        return host;
    }

    public Task<int> DeliverDueAsync() => Services.GetRequiredService<OfferDeliveryJob>().DeliverDueAsync(CancellationToken.None);

    public async Task<HttpClient> SignedInAsync(Guid userId)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/demo/sign-in", new { userId });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<DemoEndpoints.SignInResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body!.AccessToken);
        return client;
    }

    /// <summary>Sends to the test server, created on first use (the simulator makes its client while the host is still starting).</summary>
    private sealed class InMemoryHostHandler(ApiHost host) : HttpMessageHandler
    {
        private HttpMessageInvoker? invoker;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            invoker ??= new HttpMessageInvoker(host.Server.CreateHandler());
            return invoker.SendAsync(request, cancellationToken);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsDatabase) await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

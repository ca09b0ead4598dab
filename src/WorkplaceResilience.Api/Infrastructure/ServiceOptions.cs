namespace WorkplaceResilience.Api.Infrastructure;

/// <summary>Where the service keeps its data and how it reaches its database.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    /// <summary>Folder for the embedded SQLite databases; relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "data";
    /// <summary>PostgreSQL connection string; when empty the service runs on embedded SQLite.</summary>
    public string? Postgres { get; set; }
    /// <summary><c>Password</c> (in the connection string) or <c>ManagedIdentity</c> (an Entra token per connection, no password).</summary>
    public string PostgresAuthentication { get; set; } = Persistence.PostgresDataSource.Password;
    public bool UsePostgres => !string.IsNullOrWhiteSpace(Postgres);
}

/// <summary>How the service reaches Microsoft Graph.</summary>
public sealed class GraphOptions
{
    public const string Section = "Graph";
    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";
    /// <summary>Teams app id from the manifest, for activity-feed deep links. No nudge is sent without it.</summary>
    public string TeamsAppId { get; set; } = "";

    /// <summary>The app id as configured, or null when it is missing, not a GUID or the all-zero placeholder.</summary>
    public string? ConfiguredTeamsAppId =>
        Guid.TryParse(TeamsAppId, out var id) && id != Guid.Empty ? id.ToString() : null;
    /// <summary>
    /// The service's public https base address, where Graph sends change notifications (<c>/api/graph/notifications</c>)
    /// and lifecycle events (<c>/api/graph/lifecycle</c>). In demo mode, when empty, this host's own address. Empty
    /// outside demo mode: no subscriptions, calendars are polled every <see cref="JobOptions.CalendarRefreshAfter"/>.
    /// </summary>
    public string? WebhookBaseUrl { get; set; }
}

/// <summary>The demo: an in-process Graph simulator with a generated tenant, and a demo sign-in.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";
    public bool Enabled { get; set; }
    public int EmployeeCount { get; set; } = 300;
    public int Seed { get; set; } = 42;
    /// <summary>Appended to every simulated meeting subject; privacy tests search the database and logs for it.</summary>
    public string SubjectMarker { get; set; } = "";
}

/// <summary>The service operator's own administration, beyond any customer tenant's.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";
    /// <summary>
    /// The tenant whose admins may open the Hangfire dashboard, which shows every tenant's jobs. In demo mode the
    /// simulator's tenant when unset; outside demo mode, unset means nobody.
    /// </summary>
    public Guid? OperatorTenantId { get; set; }
}

/// <summary>How often the recurring jobs run and how much each run takes on.</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";
    public bool Enabled { get; set; } = true;
    /// <summary>How often the calendar of someone without a working change subscription is read (polling fallback).</summary>
    public TimeSpan CalendarRefreshAfter { get; set; } = TimeSpan.FromMinutes(5);
    public TimeSpan CalendarSyncJobEvery { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan DirectorySyncJobEvery { get; set; } = TimeSpan.FromHours(6);
    public TimeSpan DeliveryJobEvery { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>How often data older than each tenant's retention is deleted.</summary>
    public TimeSpan RetentionJobEvery { get; set; } = TimeSpan.FromDays(1);
    /// <summary>How often closed weeks are rolled up into HR's released reports.</summary>
    public TimeSpan ReportRollupJobEvery { get; set; } = TimeSpan.FromHours(1);
    /// <summary>
    /// An offer whose gap end is not known yet is dropped this long after its start instead of delivered late (once
    /// delivery has read the calendar, the gap's end decides: a nudge goes out only while the shortest practice fits).
    /// </summary>
    public TimeSpan DeliveryGrace { get; set; } = TimeSpan.FromMinutes(3);
    /// <summary>How long a person who is busy, in a call or presenting waits before delivery looks at their presence again.</summary>
    public TimeSpan PresenceRetryAfter { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>A delivery attempt that holds offers longer than this has stopped (crash, restart): the sweeper takes them back.</summary>
    public TimeSpan DeliveryClaimTimeout { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>
    /// How long an instance holds a tenant's delivery (one instance sends for a tenant at a time, so instances together stay
    /// within Graph's per-tenant rate); renewed while it sends, taken over by another instance once it lapses.
    /// </summary>
    public TimeSpan DeliveryLease { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Graph's per-tenant limit of <c>sendActivityNotificationToRecipients</c> calls a second (≤100 recipients each).</summary>
    public double RecipientNotificationCallsPerSecond { get; set; } = 2;
    /// <summary>Graph's per-tenant limit of per-user <c>sendActivityNotification</c> calls a second.</summary>
    public double UserNotificationCallsPerSecond { get; set; } = 5;
    /// <summary>Batches of this many recipients or fewer go through the per-user endpoint (the stragglers).</summary>
    public int StragglerBatchSize { get; set; } = 5;
    public int BatchSize { get; set; } = 200;
    /// <summary>Offers one delivery run claims at a time (many people are nudged by one Graph call).</summary>
    public int DeliveryBatchSize { get; set; } = 5000;
    /// <summary>
    /// How long after its last read a changed calendar may wait for more changes before the sync job reads it (0: at the
    /// next run). Fewer Graph requests for slower plans; reads right before a nudge or when the tab opens never wait.
    /// </summary>
    public TimeSpan CalendarChangeCoalescing { get; set; } = TimeSpan.Zero;
    /// <summary>How long a calendar change subscription lives; renewed at a random moment in its last third.</summary>
    public TimeSpan SubscriptionLifetime { get; set; } = TimeSpan.FromHours(48);
    /// <summary>Subscriptions created, renewed or removed per tenant per calendar-sync run (pacing a tenant's first day).</summary>
    public int SubscriptionsPerRun { get; set; } = 200;
    /// <summary>How long after a failed subscription attempt the next one is made (the calendar is polled meanwhile).</summary>
    public TimeSpan SubscriptionRetryAfter { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>Graph requests (a <c>$batch</c> counts as one) in flight per tenant.</summary>
    public int GraphConcurrency { get; set; } = 8;
}

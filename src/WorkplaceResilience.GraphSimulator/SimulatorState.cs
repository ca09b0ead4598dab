using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using WorkplaceResilience.GraphSimulator.Calendar;
using WorkplaceResilience.GraphSimulator.Endpoints;
using WorkplaceResilience.GraphSimulator.Http;
using WorkplaceResilience.GraphSimulator.Tenant;

namespace WorkplaceResilience.GraphSimulator;

/// <summary>Everything the handlers share: the tenant, calendars, tokens, limits, counters and sent notifications.</summary>
internal sealed class SimulatorState
{
    private readonly Dictionary<Guid, MailboxProfile> byId;
    private readonly Dictionary<string, MailboxProfile> byUpn;
    private readonly Dictionary<Guid, DemoGroup> groups;
    private readonly ConcurrentDictionary<string, StrongBox<long>> counters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<SentActivityNotification> notifications = [];
    private readonly Lock notificationsLock = new();

    public SimulatorState(SimulatorOptions options)
    {
        Options = options;
        (Tenant, Profiles) = DemoOrganisation.Create(options);
        byId = Profiles.ToDictionary(p => p.User.Id);
        byUpn = Profiles.ToDictionary(p => p.User.UserPrincipalName, StringComparer.OrdinalIgnoreCase);
        groups = Tenant.Groups.ToDictionary(g => g.Id);
        Directory = new DirectoryStore(Tenant.Users);
        var generator = new DemoCalendarGenerator(options, Profiles);
        var indexes = Profiles.Select((p, i) => (p.User.Id, i)).ToDictionary(x => x.Id, x => x.i);
        Store = new CalendarStore(byId.Keys, id => generator.Generate(indexes[id]));

        Mailboxes = new MailboxConcurrencyLimiter(options.MaxConcurrentRequestsPerMailbox);
        ActivityLimiter = new PerSecondRateLimiter(options.ActivityNotificationsPerSecond);
        RecipientLimiter = new PerSecondRateLimiter(options.RecipientNotificationsPerSecond);
        DeltaTokens = new DeltaTokenCodec();
        Faults.Options = options.Faults;
        Subscriptions = new Subscriptions.SubscriptionHub(options.WebhookClient ?? new HttpClient(), () => Now, Tenant.TenantId, Faults,
            Issuer.Sign, () => Issuer.IssuerFor(Tenant.TenantId.ToString()), options.ApplicationId);
    }

    public SimulatorOptions Options { get; }
    public DemoTenant Tenant { get; }
    public IReadOnlyList<MailboxProfile> Profiles { get; }
    public CalendarStore Store { get; }
    public DirectoryStore Directory { get; }
    public TokenService Tokens { get; } = new();
    public MailboxConcurrencyLimiter Mailboxes { get; }
    public PerSecondRateLimiter ActivityLimiter { get; }
    public PerSecondRateLimiter RecipientLimiter { get; }
    public DeltaTokenCodec DeltaTokens { get; }
    public FaultInjector Faults { get; } = new();
    public Subscriptions.SubscriptionHub Subscriptions { get; }
    public Identity.SimulatedIssuer Issuer { get; } = new();

    /// <summary>One-off 429s a test asked for, keyed by route name and mailbox; each is answered once, then removed.</summary>
    public ConcurrentDictionary<(string Route, Guid Mailbox), TimeSpan> InjectedThrottles { get; } = new();

    /// <summary>Presence a test set by hand, overriding what the calendar says (e.g. Busy/Presenting in an ad-hoc call).</summary>
    public ConcurrentDictionary<Guid, (string Availability, string Activity)> PresenceOverrides { get; } = new();

    private readonly ConcurrentDictionary<string, StrongBox<int>> lostResponses = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The next <paramref name="count"/> successful requests of the route are carried out but answered 504.</summary>
    public void LoseResponses(string routeName, int count) => lostResponses[routeName] = new StrongBox<int>(count);

    public bool TakeLostResponse(string routeName)
    {
        if (!lostResponses.TryGetValue(routeName, out var left)) return false;
        while (true)
        {
            var current = Volatile.Read(ref left.Value);
            if (current <= 0) return false;
            if (Interlocked.CompareExchange(ref left.Value, current - 1, current) == current) return true;
        }
    }

    /// <summary>Set once the routes are known (the batch handler dispatches through it).</summary>
    public GraphDispatcher Dispatcher { get; set; } = null!;

    public DateTimeOffset Now => Options.Clock.GetUtcNow();

    /// <summary>Finds a user by object id or user principal name.</summary>
    public MailboxProfile? FindUser(string idOrUpn) =>
        Guid.TryParse(idOrUpn, out var id)
            ? byId.GetValueOrDefault(id)
            : byUpn.GetValueOrDefault(idOrUpn);

    public MailboxProfile? FindUser(Guid id) => byId.GetValueOrDefault(id);

    public DemoGroup? FindGroup(Guid id) => groups.GetValueOrDefault(id);

    public MailboxProfile RequireMailbox(Guid id) => FindUser(id) ?? throw new KeyNotFoundException($"No user {id} in the simulated tenant.");

    public void Count(string routeName) => Interlocked.Increment(ref counters.GetOrAdd(routeName, _ => new StrongBox<long>()).Value);

    public long RequestCount(string routeName) => counters.TryGetValue(routeName, out var box) ? Interlocked.Read(ref box.Value) : 0;

    public IReadOnlyDictionary<string, long> RequestCounts() => counters.ToDictionary(c => c.Key, c => Interlocked.Read(ref c.Value.Value));

    public void Record(SentActivityNotification notification)
    {
        lock (notificationsLock)
        {
            notifications.Add(notification);
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentQueue<EventWrite> eventWrites = new();

    public void Record(EventWrite write) => eventWrites.Enqueue(write);

    public IReadOnlyList<EventWrite> EventWrites() => eventWrites.ToArray();

    public IReadOnlyList<SentActivityNotification> Notifications()
    {
        lock (notificationsLock)
        {
            return notifications.ToArray();
        }
    }
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.GraphSimulator.Calendar;
using WorkplaceResilience.GraphSimulator.Endpoints;
using WorkplaceResilience.GraphSimulator.Http;
using WorkplaceResilience.GraphSimulator.Identity;
using WebApplication = Microsoft.AspNetCore.Builder.WebApplication;

namespace WorkplaceResilience.GraphSimulator;

/// <summary>
/// A fake Microsoft Graph v1.0 tenant over HTTP on a loopback port, for the demo and the tests. Talk to it with the
/// real Graph SDK (base URL <see cref="GraphBaseUrl"/>, tokens from <see cref="TokenEndpoint"/>).
/// </summary>
public sealed class GraphSimulatorServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly SimulatorState state;

    private GraphSimulatorServer(WebApplication app, SimulatorState state, Uri root)
    {
        this.app = app;
        this.state = state;
        GraphBaseUrl = new Uri(root, "v1.0");
        TokenEndpoint = new Uri(root, $"{state.Tenant.TenantId}/oauth2/v2.0/token");
    }

    /// <summary>Graph's base URL, e.g. <c>http://127.0.0.1:5123/v1.0</c> (no trailing slash).</summary>
    public Uri GraphBaseUrl { get; }

    /// <summary>Client-credentials token endpoint, e.g. <c>http://127.0.0.1:5123/{tenantId}/oauth2/v2.0/token</c>.</summary>
    public Uri TokenEndpoint { get; }

    public DemoTenant Tenant => state.Tenant;

    /// <summary>The identity provider's instance (like <c>https://login.microsoftonline.com/</c>): discovery is at
    /// <c>{Instance}{tenant}/v2.0/.well-known/openid-configuration</c>, tokens are issued by <c>{Instance}{tenantId}/v2.0</c>.</summary>
    public Uri IdentityInstance => state.Issuer.Root;

    /// <summary>The issuer Entra would write into a v2.0 token of the given tenant, on this simulator.</summary>
    public string IssuerFor(Guid tenantId) => state.Issuer.IssuerFor(tenantId.ToString());

    /// <summary>Signs a JWT with the simulator's published key; the caller sets every claim (iss, aud, tid, oid, scp, roles, exp…).</summary>
    public string SignToken(System.Text.Json.Nodes.JsonObject claims) => state.Issuer.Sign(claims);

    /// <summary>The next request of <paramref name="routeName"/> for this mailbox gets 429 with the given Retry-After (whole seconds, at least 1).</summary>
    public void ThrottleOnce(Guid userId, string routeName, TimeSpan retryAfter)
    {
        state.RequireMailbox(userId);
        state.InjectedThrottles[(routeName, userId)] = retryAfter;
    }

    /// <summary>
    /// The next <paramref name="count"/> successful requests of <paramref name="routeName"/> are carried out (a notification is
    /// recorded as accepted) but answered 504, as when Graph's answer is lost on the way back.
    /// </summary>
    public void LoseResponses(string routeName, int count) => state.LoseResponses(routeName, count);

    /// <summary>Sets a person's presence (e.g. "Busy"/"InACall", "DoNotDisturb"/"Presenting") until <see cref="ClearPresence"/>.</summary>
    public void SetPresence(Guid userId, string availability, string activity)
    {
        state.RequireMailbox(userId);
        state.PresenceOverrides[userId] = (availability, activity);
    }

    public void ClearPresence(Guid userId) => state.PresenceOverrides.TryRemove(userId, out _);

    /// <summary>Thread-safe snapshot of every accepted activity notification (one per recipient).</summary>
    public IReadOnlyList<SentActivityNotification> SentNotifications => state.Notifications();

    /// <summary>Requests per route ("token", "users", "user", "group", "transitiveMembers", "mailboxSettings", "calendarView", "event", "delta", "batch",
    /// "presence", "sendActivityNotification", "sendActivityNotificationToRecipients", "subscriptions" (create), "subscription" (get, renew, delete)). Inner batch requests count under their own route too.</summary>
    public long RequestCount(string routeName) => state.RequestCount(routeName);

    /// <summary>Every event a client created or deleted through Graph, in order.</summary>
    public IReadOnlyList<EventWrite> EventWrites => state.EventWrites();

    public static async Task<GraphSimulatorServer> StartAsync(SimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.EmployeeCount);
        var state = new SimulatorState(options);

        // An empty builder: no appsettings, environment or command line of the hosting process leak in (no stray Kestrel endpoints).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(GraphSimulatorServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.UseRouting();

        string? baseUrl = null;
        state.Dispatcher = new GraphDispatcher(state, new GraphRouter(GraphHttpEndpoints.AllRoutes()));
        app.MapToken(state);
        app.MapIdentity(state.Issuer);
        app.MapSimulatorViews(state);
        app.MapGraph(state, () => baseUrl!);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var root = new Uri(new Uri(address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal)).GetLeftPart(UriPartial.Authority) + "/");
        baseUrl = new Uri(root, "v1.0").ToString().TrimEnd('/');
        state.Issuer.Root = root;
        return new GraphSimulatorServer(app, state, root);
    }

    /// <summary>Adds a single-instance event (the user is the organizer); returns its id.</summary>
    public string AddEvent(Guid userId, DateTimeOffset start, DateTimeOffset end, string subject, string showAs = "busy")
    {
        var profile = state.RequireMailbox(userId);
        if (end <= start)
        {
            throw new ArgumentException("end must be after start.", nameof(end));
        }

        var random = new Random();
        var id = EventIds.NewId(random);
        var now = state.Now;
        var marked = state.Options.SubjectMarker.Length == 0 ? subject : $"{subject} {state.Options.SubjectMarker}";
        var body = MeetingCatalogue.Agenda(random, subject, state.Options.SubjectMarker);
        var me = new SimPerson(profile.User.DisplayName, profile.Mail);
        var added = state.Store.Apply(userId, id, _ => new SimEvent
        {
            Id = id,
            ICalUId = EventIds.NewICalUId(random),
            OwnerId = userId,
            OwnerZone = profile.User.TimeZone,
            Subject = marked,
            BodyHtml = body.Html,
            BodyPreview = body.Preview,
            Start = start.ToUniversalTime(),
            End = end.ToUniversalTime(),
            ShowAs = showAs,
            Response = "organizer",
            IsOrganizer = true,
            IsOnlineMeeting = true,
            Location = state.Options.SubjectMarker.Length == 0 ? MeetingCatalogue.TeamsLocation : $"{MeetingCatalogue.TeamsLocation} {state.Options.SubjectMarker}",
            Organizer = me,
            Created = now,
            LastModified = now,
        });
        state.Subscriptions.Notify(added, "created");
        return id;
    }

    /// <summary>Moves an event (delta reports it changed, or removed if it left a client's window).</summary>
    public void MoveEvent(Guid userId, string eventId, DateTimeOffset newStart, DateTimeOffset newEnd)
    {
        if (newEnd <= newStart)
        {
            throw new ArgumentException("newEnd must be after newStart.", nameof(newEnd));
        }

        Change(userId, eventId, "updated", e => e with
        {
            PreviousStart = e.Start,
            PreviousEnd = e.End,
            Start = newStart.ToUniversalTime(),
            End = newEnd.ToUniversalTime(),
            AllDayStart = null,
            AllDayEnd = null,
            Type = e.Type == "occurrence" ? "exception" : e.Type,
        });
    }

    /// <summary>Cancels an event as its organizer would: it stays in the calendar with isCancelled and a "Canceled: " subject.</summary>
    public void CancelEvent(Guid userId, string eventId) =>
        Change(userId, eventId, "updated", e => e with
        {
            IsCancelled = true,
            ShowAs = "free",
            Subject = e.Subject.StartsWith("Canceled: ", StringComparison.Ordinal) ? e.Subject : "Canceled: " + e.Subject,
        });

    /// <summary>
    /// Moves every occurrence of the series that <paramref name="occurrenceId"/> belongs to by <paramref name="shift"/>
    /// (exceptions stay), as an organizer editing the series would: delta reports each occurrence changed, and
    /// subscribers get one notification, for the series master. Returns the series master's id.
    /// </summary>
    public string ShiftSeries(Guid userId, string occurrenceId, TimeSpan shift)
    {
        state.RequireMailbox(userId);
        var masterId = state.Store.Find(userId, occurrenceId)?.SeriesMasterId
            ?? throw new ArgumentException("The event is not an occurrence of a series.", nameof(occurrenceId));
        var now = state.Now;
        var occurrences = state.Store.View(userId, DateTimeOffset.MinValue, DateTimeOffset.MaxValue)
            .Where(e => e.SeriesMasterId == masterId && e.Type == "occurrence").ToList();
        foreach (var occurrence in occurrences)
        {
            state.Store.Apply(userId, occurrence.Id, e => e! with
            {
                PreviousStart = e.Start, PreviousEnd = e.End, Start = e.Start + shift, End = e.End + shift, LastModified = now,
            });
        }

        state.Subscriptions.Notify(occurrences[0] with { Id = masterId, Type = "seriesMaster", SeriesMasterId = null, LastModified = now }, "updated");
        return masterId;
    }

    /// <summary>Deletes an event (delta reports <c>@removed</c>).</summary>
    public void DeleteEvent(Guid userId, string eventId) => Change(userId, eventId, "deleted", e => e with { Deleted = true });

    private void Change(Guid userId, string eventId, string changeType, Func<SimEvent, SimEvent> change)
    {
        state.RequireMailbox(userId);
        var now = state.Now;
        var changed = state.Store.Apply(userId, eventId, e => e is null
            ? throw new KeyNotFoundException($"User {userId} has no event {eventId}.")
            : change(e) with { LastModified = now > e.LastModified ? now : e.LastModified.AddSeconds(1) });
        state.Subscriptions.Notify(changed, changeType);
    }

    /// <summary>Trouble the simulator makes on purpose; settable while it runs (the dice restart from the seed).</summary>
    public FaultOptions Faults
    {
        get => state.Faults.Options;
        set => state.Faults.Options = value ?? FaultOptions.None;
    }

    /// <summary>Every request so far by route name (see <see cref="RequestCount"/>); requests inside a <c>$batch</c> count
    /// one each under their own route, and the batch itself under "batch".</summary>
    public IReadOnlyDictionary<string, long> RequestCounts => state.RequestCounts();

    /// <summary>Live subscriptions (expired ones are dropped lazily, as they are found).</summary>
    public IReadOnlyList<SubscriptionInfo> Subscriptions => state.Subscriptions.All
        .Select(s => new SubscriptionInfo(s.Id, s.UserId, s.Resource, s.Expiration, s.NotificationUrl, s.LifecycleNotificationUrl))
        .ToList();

    /// <summary>Change notifications that subscribers accepted (2xx), duplicates included.</summary>
    public long NotificationsDelivered => state.Subscriptions.Delivered;

    /// <summary>Sends a lifecycle event (<c>reauthorizationRequired</c>, <c>subscriptionRemoved</c>, which also removes
    /// the subscription, or <c>missed</c>) to the subscription's lifecycleNotificationUrl; false when it has none.</summary>
    public bool RaiseLifecycleEvent(string subscriptionId, string lifecycleEvent)
    {
        if (lifecycleEvent is not ("reauthorizationRequired" or "subscriptionRemoved" or "missed"))
        {
            throw new ArgumentException($"'{lifecycleEvent}' is not a lifecycleEventType.", nameof(lifecycleEvent));
        }

        return state.Subscriptions.RaiseLifecycleEvent(subscriptionId, lifecycleEvent);
    }

    /// <summary>Completes when every queued notification and lifecycle event has been delivered or given up on.</summary>
    public Task WhenNotificationsDeliveredAsync() => state.Subscriptions.WhenIdleAsync();

    /// <summary>Moves a user under another manager (null: nobody); <c>users/delta</c> reports it as <c>manager@delta</c>.</summary>
    public void SetManager(Guid userId, Guid? managerId) => state.Directory.Change(userId, e => e with { ManagerId = managerId });

    /// <summary>Moves a user to another department.</summary>
    public void SetDepartment(Guid userId, string department) => state.Directory.Change(userId, e => e with { Department = department });

    /// <summary>Blocks or allows a user's sign-in (<c>accountEnabled</c>).</summary>
    public void SetAccountEnabled(Guid userId, bool enabled) => state.Directory.Change(userId, e => e with { AccountEnabled = enabled });

    /// <summary>Deletes a user from the directory: gone from <c>users</c>, <c>@removed</c> in the next <c>users/delta</c> round.</summary>
    public void DeleteUser(Guid userId) => state.Directory.Change(userId, e => e with { Deleted = true });

    /// <summary>The user's manager in the directory now.</summary>
    public Guid? ManagerOf(Guid userId) => state.Directory.Find(userId)?.ManagerId;

    /// <summary>Every delta token handed out so far stops working (calendar: 410, directory: 400 <c>syncStateNotFound</c>), as when Graph drops sync state.</summary>
    public void ExpireDeltaTokens() => state.DeltaTokens.Expire();

    /// <summary>The user's live events overlapping [from, to), as they truly are now.</summary>
    public IReadOnlyList<TruthEvent> Truth(Guid userId, DateTimeOffset from, DateTimeOffset to) =>
        state.Store.View(userId, from, to)
            .Select(e => new TruthEvent(e.Id, e.Start, e.End, e.ShowAs, e.IsAllDay, e.IsCancelled, e.Response, e.Type))
            .ToList();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await state.Subscriptions.DisposeAsync();
        state.Issuer.Dispose();
    }
}

namespace WorkplaceResilience.GraphSimulator;

/// <summary>Options for <see cref="GraphSimulatorServer"/>.</summary>
public sealed record SimulatorOptions
{
    /// <summary>Loopback port to bind; 0 picks a free port.</summary>
    public int Port { get; init; } = 0;

    /// <summary>Seed of the demo organisation and its calendars.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Number of people in the demo tenant.</summary>
    public int EmployeeCount { get; init; } = 300;

    /// <summary>Clock; "today" is derived from it in each user's own time zone.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Appended to every meeting subject, body and location (privacy tests search for it).</summary>
    public string SubjectMarker { get; init; } = "";

    /// <summary>Outlook's concurrency limit per mailbox (Graph: 4).</summary>
    public int MaxConcurrentRequestsPerMailbox { get; init; } = 4;

    /// <summary>Per tenant limit of <c>users/{id}/teamwork/sendActivityNotification</c> (Graph: 5/s).</summary>
    public int ActivityNotificationsPerSecond { get; init; } = 5;

    /// <summary>Per tenant limit of <c>teamwork/sendActivityNotificationToRecipients</c> (Graph: 2/s).</summary>
    public int RecipientNotificationsPerSecond { get; init; } = 2;

    /// <summary>Trouble to make from the start (see <see cref="GraphSimulatorServer.Faults"/> to change it later).</summary>
    public FaultOptions Faults { get; init; } = FaultOptions.None;

    /// <summary>How the simulator reaches subscribers' webhooks (validation handshakes, notifications); a plain
    /// HttpClient when null. Tests hand it a client for an in-memory server.</summary>
    public HttpClient? WebhookClient { get; init; }

    /// <summary>The client app the simulator's subscriptions belong to: their <c>applicationId</c> and the audience of the
    /// validation tokens in notifications with resource data (Graph's is the app that made the subscription).</summary>
    public string ApplicationId { get; init; } = "00000000-0000-0000-0000-000000000001";
}

/// <summary>A change-notification subscription the simulator holds.</summary>
public sealed record SubscriptionInfo(string Id, Guid UserId, string Resource, DateTimeOffset Expiration, string NotificationUrl,
    string? LifecycleNotificationUrl);

/// <summary>An event a client created or deleted through Graph (<c>POST</c>/<c>DELETE users/{id}/events</c>), as accepted.</summary>
public sealed record EventWrite(string Change, Guid UserId, string EventId, string Subject, string ShowAs, string Sensitivity,
    DateTimeOffset Start, DateTimeOffset End, DateTimeOffset At);

/// <summary>An event as it truly is in the simulated mailbox (for comparing what a client stored).</summary>
public sealed record TruthEvent(string Id, DateTimeOffset Start, DateTimeOffset End, string ShowAs, bool IsAllDay, bool IsCancelled, string Response,
    string Type = "singleInstance");

/// <summary>What a demo user may do in the product.</summary>
public enum DemoRole
{
    Employee,
    Hr,
    Admin,
}

/// <summary>A person of the demo tenant.</summary>
/// <param name="TimeZone">Windows time zone id, as Graph returns it in mailboxSettings (e.g. "Pacific Standard Time").</param>
public sealed record DemoUser(
    Guid Id,
    string DisplayName,
    string UserPrincipalName,
    string Department,
    string OfficeLocation,
    string Country,
    string TimeZone,
    DemoRole Role)
{
    /// <summary>The person's manager (null for the chief executive): see the demo's org tree in <c>DemoHierarchy</c>.</summary>
    public Guid? ManagerId { get; init; }
}

/// <summary>A security group of the demo tenant.</summary>
/// <param name="Department">The department whose people the group holds, for the department groups; else null.</param>
/// <param name="MemberIds">Every user in the group, directly or through a nested group: what <c>transitiveMembers</c> returns, in that order.</param>
/// <param name="NestedGroupIds">Groups that are members of this one (All staff holds the department groups).</param>
public sealed record DemoGroup(
    Guid Id,
    string DisplayName,
    string MailNickname,
    string? Department,
    IReadOnlyList<Guid> MemberIds,
    IReadOnlyList<Guid> NestedGroupIds);

/// <summary>The demo tenant.</summary>
/// <param name="Groups">"All staff", one group per department, then "Pilot"; ids depend on the seed alone.</param>
public sealed record DemoTenant(Guid TenantId, string Name, IReadOnlyList<DemoUser> Users, IReadOnlyList<DemoGroup> Groups)
{
    /// <summary>The group with this display name (e.g. "All staff", "Engineering", "Pilot").</summary>
    public DemoGroup Group(string displayName) => Groups.Single(g => g.DisplayName == displayName);
}

/// <summary>An activity-feed notification the simulator accepted (one per recipient).</summary>
public sealed record SentActivityNotification(
    Guid UserId,
    string ActivityType,
    string PreviewText,
    string TopicWebUrl,
    IReadOnlyDictionary<string, string> TemplateParameters,
    DateTimeOffset SentAt);

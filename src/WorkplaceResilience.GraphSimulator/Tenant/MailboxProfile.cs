namespace WorkplaceResilience.GraphSimulator.Tenant;

/// <summary>Mailbox settings and directory extras of one demo user (what Graph returns beyond <see cref="DemoUser"/>).</summary>
internal sealed record MailboxProfile(
    DemoUser User,
    string JobTitle,
    TimeZoneInfo Zone,
    TimeOnly WorkStart,
    TimeOnly WorkEnd,
    IReadOnlySet<DayOfWeek> WorkDays,
    DateOnly Today)
{
    public string Mail => User.UserPrincipalName;

    /// <summary>Whether the instant falls within this user's working hours (in their own zone).</summary>
    public bool IsWorkingTime(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return WorkDays.Contains(local.DayOfWeek) && time >= WorkStart && time < WorkEnd;
    }

    /// <summary>The UTC instant of a local wall-clock time of this user.</summary>
    public DateTimeOffset At(DateOnly day, TimeOnly time) => LocalToUtc(day.ToDateTime(time));

    public DateTimeOffset LocalToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1); // skipped by a DST jump: take the next valid hour
        }

        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }
}

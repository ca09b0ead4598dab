using System.Diagnostics.CodeAnalysis;
using WorkplaceResilience.Core.Planning;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Api.People;

/// <summary>Graph names zones the Windows way or the IANA way; .NET with ICU resolves both.</summary>
public static class LocalTime
{
    public static bool TryFind(string id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone)) return true;
        zone = null;
        return false;
    }

    public static TimeZoneInfo Find(string id) => TryFind(id, out var zone) ? zone : TimeZoneInfo.Utc;

    public static string IanaName(TimeZoneInfo zone) =>
        zone.HasIanaId ? zone.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : "UTC";

    public static WorkingHours WorkingHoursOf(Employee employee)
    {
        var days = Enum.GetValues<DayOfWeek>().Where(d => (employee.WorkDays & 1 << (int)d) != 0).ToArray();
        return new WorkingHours(employee.WorkStart, employee.WorkEnd, days, Find(employee.TimeZone));
    }

    public static DateOnly TodayFor(TimeZoneInfo zone, DateTimeOffset now) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    /// <summary>Midnight of a local date as a UTC instant (DST rules as in <see cref="WorkingHours.LocalToInstant"/>).</summary>
    public static DateTimeOffset StartOfDay(TimeZoneInfo zone, DateOnly day) =>
        WorkingHours.LocalToInstant(zone, day.ToDateTime(TimeOnly.MinValue), earlier: true).ToUniversalTime();
}

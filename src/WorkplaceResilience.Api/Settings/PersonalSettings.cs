using WorkplaceResilience.Api.Admin;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Core.Planning;
using WorkplaceResilience.Core.Practices;

namespace WorkplaceResilience.Api.Settings;

/// <summary>
/// A person's break settings as the tab shows and saves them. Times are local "HH:mm"; <see cref="PausedUntil"/> is the
/// local date breaks resume on. <see cref="DailyCap"/> is at most the organisation's cap. <see cref="CalendarHold"/>: a
/// private "Pause" event is written into the gap when a break is sent (off by default).
/// </summary>
public sealed record MySettingsDto(
    bool BreaksOn, IReadOnlyList<int> Lengths, int DailyCap, int MinimumSpacingMinutes, string? QuietStart, string? QuietEnd,
    string? WorkStart, string? WorkEnd, bool TentativeIsBusy, bool ArrivalPractices, string? PreferredFamily, DateOnly? PausedUntil,
    bool CalendarHold = false);

/// <summary>What the organisation fixes around the person's choices, so the form can say so.</summary>
public sealed record OrganisationLimits(int MaximumDailyCap, int MinimumSpacingMinutes, string? QuietStart, string? QuietEnd);

/// <param name="ShareCheckIns">Whether the person lets their check-in changes enter HR's anonymous figures
/// (changed through <c>PUT /api/me/report-sharing</c>); off unless they say so.</param>
public sealed record MySettingsResponse(MySettingsDto Settings, OrganisationLimits Organisation, bool ShareCheckIns);

/// <summary>Validation and the mapping between the <c>person_settings</c> row, the API's shape and the planner's.</summary>
public static class PersonalSettings
{
    public static readonly IReadOnlyList<int> AllowedLengths = [1, 3, 5];
    public const int MaximumSpacingMinutes = 480;
    public const int LongestPauseDays = 365;

    public static MySettingsDto From(PersonSettings? row, Tenant tenant)
    {
        var preferences = ToPreferences(row);
        var organisation = Organisation(tenant);
        return new MySettingsDto(
            preferences.BreaksOn, preferences.Lengths, Math.Min(row?.DailyCap ?? tenant.DailyCap, tenant.DailyCap),
            row?.MinimumSpacingMinutes ?? organisation.MinimumSpacingMinutes,
            Time(row?.QuietStart), Time(row?.QuietEnd), Time(row?.WorkStart), Time(row?.WorkEnd),
            preferences.TentativeIsBusy, preferences.ArrivalPractice, FamilyName(preferences.PreferredFamily), preferences.PausedUntil,
            row?.CalendarHold ?? false);
    }

    public static OrganisationLimits Organisation(Tenant tenant) => new(
        tenant.DailyCap, (int)PlannerSettings.Default.MinimumSpacing.TotalMinutes, Time(tenant.QuietStart), Time(tenant.QuietEnd));

    /// <summary>Every field that is wrong, by its JSON name; empty when the settings can be stored.</summary>
    public static Dictionary<string, string[]> Validate(MySettingsDto settings, Tenant tenant, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field) ?? [], message];

        if (settings.Lengths is null || settings.Lengths.Count == 0 || settings.Lengths.Any(l => !AllowedLengths.Contains(l))
            || settings.Lengths.Distinct().Count() != settings.Lengths.Count)
            Add("lengths", "Choose one or more of 1, 3 and 5 minutes, each once.");
        if (settings.DailyCap < 1 || settings.DailyCap > tenant.DailyCap)
            Add("dailyCap", $"From 1 to {tenant.DailyCap} breaks a day (your organisation's limit).");
        var minimumSpacing = (int)PlannerSettings.Default.MinimumSpacing.TotalMinutes;
        if (settings.MinimumSpacingMinutes < minimumSpacing || settings.MinimumSpacingMinutes > MaximumSpacingMinutes)
            Add("minimumSpacingMinutes", $"From {minimumSpacing} to {MaximumSpacingMinutes} minutes between breaks.");
        TenantSettings.ValidateOptionalSpan(settings.QuietStart, settings.QuietEnd, "quiet", "Quiet hours", Add);
        TenantSettings.ValidateOptionalSpan(settings.WorkStart, settings.WorkEnd, "work", "Working hours", Add);
        if (settings.PreferredFamily is not null && ParseFamily(settings.PreferredFamily) is null)
            Add("preferredFamily", "Either \"mental\", \"behavioural\" or null for no preference.");
        if (settings.PausedUntil is { } until && (until < today || until > today.AddDays(LongestPauseDays)))
            Add("pausedUntil", $"A day from today to {LongestPauseDays} days ahead, or null for no pause.");
        return errors;
    }

    /// <summary>Copies valid settings onto the row; call <see cref="Validate"/> first.</summary>
    public static void Apply(MySettingsDto settings, PersonSettings row, Tenant tenant, DateTimeOffset now)
    {
        row.BreaksOn = settings.BreaksOn;
        row.Lengths = string.Join(',', settings.Lengths.Order());
        row.DailyCap = settings.DailyCap == tenant.DailyCap ? null : settings.DailyCap;
        row.MinimumSpacingMinutes = settings.MinimumSpacingMinutes;
        row.QuietStart = TenantSettings.ParseTime(settings.QuietStart);
        row.QuietEnd = TenantSettings.ParseTime(settings.QuietEnd);
        row.WorkStart = TenantSettings.ParseTime(settings.WorkStart);
        row.WorkEnd = TenantSettings.ParseTime(settings.WorkEnd);
        row.TentativeIsBusy = settings.TentativeIsBusy;
        row.ArrivalPractices = settings.ArrivalPractices;
        row.PreferredFamily = ParseFamily(settings.PreferredFamily) is { } family ? (int)family : null;
        row.PausedUntil = settings.PausedUntil;
        row.CalendarHold = settings.CalendarHold;
        row.UpdatedAt = now;
    }

    /// <summary>The planner's view of the row; no row means the defaults.</summary>
    public static BreakPreferences ToPreferences(PersonSettings? row) => row is null ? BreakPreferences.Default : new BreakPreferences
    {
        BreaksOn = row.BreaksOn,
        Lengths = row.Lengths.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList(),
        DailyCap = row.DailyCap,
        MinimumSpacing = row.MinimumSpacingMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null,
        QuietHours = row.QuietStart is { } qs && row.QuietEnd is { } qe ? new QuietPeriod(qs, qe) : null,
        WorkingHours = row.WorkStart is { } ws && row.WorkEnd is { } we ? (ws, we) : null,
        TentativeIsBusy = row.TentativeIsBusy,
        ArrivalPractice = row.ArrivalPractices,
        PreferredFamily = row.PreferredFamily is { } f ? (PracticeFamily)f : null,
        PausedUntil = row.PausedUntil,
    };

    private static PracticeFamily? ParseFamily(string? name) => name?.ToLowerInvariant() switch
    {
        "mental" => PracticeFamily.Mental,
        "behavioural" or "behavioral" => PracticeFamily.Behavioural,
        _ => null,
    };

    private static string? FamilyName(PracticeFamily? family) => family switch
    {
        PracticeFamily.Mental => "mental",
        PracticeFamily.Behavioural => "behavioural",
        _ => null,
    };

    private static string? Time(TimeOnly? time) => time is { } t ? TenantSettings.Format(t) : null;
}

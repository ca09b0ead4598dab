using System.Globalization;
using System.Text.Json;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Core.Reporting;

namespace WorkplaceResilience.Api.Admin;

public sealed record SupportLink(string Title, string Url);

/// <summary>
/// The admin page's settings, as GET returns them and PUT takes them. Times are local "HH:mm". PUT ignores
/// <see cref="NudgesPaused"/>: only the kill switch changes it, so saving a form loaded before a pause cannot undo it.
/// </summary>
public sealed record TenantSettingsDto(
    bool Enabled, bool NudgesPaused, int MinimumGroupSize, int RetentionDays, string WorkStart, string WorkEnd, int DailyCap,
    string? QuietStart, string? QuietEnd, IReadOnlyList<SupportLink> SupportLinks, IReadOnlyList<Guid> GroupsInScope);

/// <summary>Limits of the tenant settings and their mapping to the <c>tenants</c> row (the CHECK constraints repeat the ranges).</summary>
public static class TenantSettings
{
    public const int MaximumGroupSize = 10_000;
    public const int MinimumRetentionDays = 7;
    public const int MaximumRetentionDays = 730;
    public const int MinimumDailyCap = 1;
    public const int MaximumDailyCap = 8;
    public const int MaximumSupportLinks = 5;
    public const int MaximumLinkTitle = 80;
    public const int MaximumLinkUrl = 300;
    public const int MaximumGroups = 50;
    private const string TimeFormat = "HH:mm";

    public static TenantSettingsDto From(Tenant tenant) => new(
        tenant.Enabled, tenant.NudgesPaused, tenant.MinimumGroupSize, tenant.RetentionDays,
        Format(tenant.WorkStart), Format(tenant.WorkEnd), tenant.DailyCap,
        tenant.QuietStart is { } qs ? Format(qs) : null, tenant.QuietEnd is { } qe ? Format(qe) : null,
        JsonSerializer.Deserialize<List<SupportLink>>(tenant.SupportLinks, JsonSerializerOptions.Web) ?? [],
        JsonSerializer.Deserialize<List<Guid>>(tenant.GroupsInScope, JsonSerializerOptions.Web) ?? []);

    /// <summary>Every field that is wrong, by its JSON name; empty when the settings can be stored.</summary>
    public static Dictionary<string, string[]> Validate(TenantSettingsDto settings)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field) ?? [], message];

        if (settings.MinimumGroupSize < AnonymityGate.FloorGroupSize || settings.MinimumGroupSize > MaximumGroupSize)
            Add("minimumGroupSize", $"The minimum group size runs from {AnonymityGate.FloorGroupSize} to {MaximumGroupSize}.");
        if (settings.RetentionDays is < MinimumRetentionDays or > MaximumRetentionDays)
            Add("retentionDays", $"Retention runs from {MinimumRetentionDays} to {MaximumRetentionDays} days.");
        if (settings.DailyCap is < MinimumDailyCap or > MaximumDailyCap)
            Add("dailyCap", $"The daily cap runs from {MinimumDailyCap} to {MaximumDailyCap} breaks.");

        var workStart = ParseTime(settings.WorkStart);
        var workEnd = ParseTime(settings.WorkEnd);
        if (workStart is null) Add("workStart", "Give the time as HH:mm, e.g. 09:00.");
        if (workEnd is null) Add("workEnd", "Give the time as HH:mm, e.g. 17:00.");
        if (workStart is { } start && workEnd is { } end && end <= start) Add("workEnd", "The working day ends after it starts.");

        ValidateOptionalSpan(settings.QuietStart, settings.QuietEnd, "quiet", "Quiet hours", Add);

        if (settings.SupportLinks is null) Add("supportLinks", "Give a list (it may be empty).");
        else
        {
            if (settings.SupportLinks.Count > MaximumSupportLinks) Add("supportLinks", $"At most {MaximumSupportLinks} support links.");
            for (var i = 0; i < settings.SupportLinks.Count && i < MaximumSupportLinks; i++)
            {
                var link = settings.SupportLinks[i];
                if (link is null) { Add($"supportLinks[{i}]", "Give a title and a URL."); continue; }
                if (string.IsNullOrWhiteSpace(link.Title) || link.Title.Length > MaximumLinkTitle)
                    Add($"supportLinks[{i}].title", $"A title of 1 to {MaximumLinkTitle} characters.");
                if (string.IsNullOrEmpty(link.Url) || link.Url.Length > MaximumLinkUrl
                    || !Uri.TryCreate(link.Url, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps || url.Host.Length == 0)
                    Add($"supportLinks[{i}].url", $"An https:// URL of at most {MaximumLinkUrl} characters.");
            }
        }

        if (settings.GroupsInScope is null) Add("groupsInScope", "Give a list of Entra group ids (empty means everyone).");
        else if (settings.GroupsInScope.Count > MaximumGroups) Add("groupsInScope", $"At most {MaximumGroups} groups.");
        else if (settings.GroupsInScope.Contains(Guid.Empty)) Add("groupsInScope", "A group id is not the empty GUID.");
        return errors;
    }

    /// <summary>Copies valid settings onto the row, all but <c>NudgesPaused</c>; call <see cref="Validate"/> first.</summary>
    public static void Apply(TenantSettingsDto settings, Tenant tenant)
    {
        tenant.Enabled = settings.Enabled;
        tenant.MinimumGroupSize = settings.MinimumGroupSize;
        tenant.RetentionDays = settings.RetentionDays;
        tenant.WorkStart = ParseTime(settings.WorkStart)!.Value;
        tenant.WorkEnd = ParseTime(settings.WorkEnd)!.Value;
        tenant.DailyCap = settings.DailyCap;
        tenant.QuietStart = ParseTime(settings.QuietStart);
        tenant.QuietEnd = ParseTime(settings.QuietEnd);
        tenant.SupportLinks = JsonSerializer.Serialize(
            settings.SupportLinks.Select(l => new SupportLink(l.Title.Trim(), l.Url)).ToList(), JsonSerializerOptions.Web);
        tenant.GroupsInScope = JsonSerializer.Serialize(settings.GroupsInScope.Distinct().ToList(), JsonSerializerOptions.Web);
    }

    /// <summary>
    /// An optional span of local times given as two "HH:mm" texts (<paramref name="prefix"/>Start / End): both or neither,
    /// and not ending when it starts. Shared by the tenant's and the person's settings.
    /// </summary>
    internal static void ValidateOptionalSpan(string? startText, string? endText, string prefix, string what, Action<string, string> add)
    {
        var (startField, endField) = (prefix + "Start", prefix + "End");
        var start = ParseTime(startText);
        var end = ParseTime(endText);
        if (startText is not null && start is null) add(startField, "Give the time as HH:mm, e.g. 12:00, or null.");
        if (endText is not null && end is null) add(endField, "Give the time as HH:mm, e.g. 13:00, or null.");
        if ((startText is null) != (endText is null))
            add(startText is null ? startField : endField, $"{what} need both a start and an end, or neither.");
        else if (start is not null && start == end) add(endField, $"{what} end at another time than they start.");
    }

    internal static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    internal static string Format(TimeOnly time) => time.ToString(TimeFormat, CultureInfo.InvariantCulture);
}

namespace WorkplaceResilience.Core.Reporting;

/// <summary>
/// Small-group suppression for HR's aggregates: a group with fewer than k active people is hidden, and when
/// exactly one group would be hidden a second one is hidden too, so no hidden count can be recovered by
/// subtracting the visible ones from a total.
/// </summary>
public static class GroupSuppression
{
    /// <summary>No tenant may set k below this.</summary>
    public const int FloorGroupSize = 5;
    public const int DefaultGroupSize = 10;
    /// <summary>Shares this close to 0% or 100% say "nobody" or "everybody", which singles people out.</summary>
    public const double ExtremeShareMargin = 0.05;

    public static int EffectiveMinimum(int configured) => Math.Max(FloorGroupSize, configured);

    public static IReadOnlySet<string> Suppressed(IReadOnlyDictionary<string, int> activePeopleByGroup, int minimumGroupSize)
    {
        var k = EffectiveMinimum(minimumGroupSize);
        var hidden = activePeopleByGroup.Where(g => g.Value < k).Select(g => g.Key).ToHashSet();
        if (hidden.Count == 1 && activePeopleByGroup.Count > 1)
        {
            var companion = activePeopleByGroup.Where(g => !hidden.Contains(g.Key))
                .OrderBy(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal).First();
            hidden.Add(companion.Key);
        }
        return hidden;
    }

    /// <summary>A share to publish, or null when it is too near 0% or 100% to be safe.</summary>
    public static double? SafeShare(int part, int whole) =>
        whole == 0 ? null : (double)part / whole is var share && share > ExtremeShareMargin && share < 1 - ExtremeShareMargin
            ? Math.Round(share, 2) : null;
}

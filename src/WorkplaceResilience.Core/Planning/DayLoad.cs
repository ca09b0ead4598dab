namespace WorkplaceResilience.Core.Planning;

/// <summary>
/// How heavy one day's meetings were: total meeting minutes inside working hours, the longest back-to-back run
/// (meeting minutes joined by gaps under <see cref="PlannerSettings.BackToBackGap"/>), and how many times one meeting
/// led straight into the next.
/// </summary>
public readonly record struct DayLoad(
    DateOnly Day, bool IsWorkingDay, int MeetingMinutes, int LongestRunMinutes, int BackToBackTransitions);

/// <summary>Whether to suggest Outlook's "end meetings early" setting, and the numbers behind it.</summary>
public sealed record EndMeetingsEarlyAdvice(bool Suggest, int DaysObserved, int BackToBackDays);

/// <summary>Looks across several days of meeting load. Pure.</summary>
public static class MeetingLoadAdvisor
{
    /// <summary>
    /// Suggests "end meetings early" when, over at least <paramref name="minimumDays"/> working days, the share of
    /// back-to-back days reaches <paramref name="share"/> (default: most days, 60%). A day is back-to-back when it has
    /// at least <paramref name="transitionsPerDay"/> meeting-to-meeting transitions or a long run
    /// (<paramref name="longRunMinutes"/>).
    /// </summary>
    public static EndMeetingsEarlyAdvice EndMeetingsEarly(
        IEnumerable<DayLoad> days, int minimumDays = 5, double share = 0.6, int transitionsPerDay = 2, int longRunMinutes = 90)
    {
        ArgumentNullException.ThrowIfNull(days);
        var observed = 0;
        var backToBack = 0;
        foreach (var day in days)
        {
            if (!day.IsWorkingDay) continue;
            observed++;
            if (day.BackToBackTransitions >= transitionsPerDay || day.LongestRunMinutes >= longRunMinutes) backToBack++;
        }
        var suggest = observed >= Math.Max(1, minimumDays) && backToBack >= share * observed;
        return new EndMeetingsEarlyAdvice(suggest, observed, backToBack);
    }
}

namespace WorkplaceResilience.Core.Planning;

/// <summary>
/// One working day as plain UTC date-times: from the working start on <see cref="Day"/> to the working end, which is on
/// the next calendar day for an overnight shift. Local times are read only through <see cref="Offsets"/>.
/// </summary>
internal sealed record WorkingFrame(DateOnly Day, DateTime Start, DateTime End, ZoneOffsets Offsets)
{
    public static WorkingFrame Of(DateOnly day, WorkingHours hours)
    {
        var offsets = hours.Offsets(day);
        var (start, end) = hours.On(day, offsets);
        return new WorkingFrame(day, start.UtcDateTime, end.UtcDateTime, offsets);
    }

    public bool IsEmpty => End <= Start;

    public bool Contains(DateTimeOffset instant) => instant.UtcDateTime >= Start && instant.UtcDateTime < End;

    /// <summary>Local wall-clock time on a date, as an instant (first occurrence, or the last one for the end of a span).</summary>
    public DateTime Utc(DateTime local, bool last = false) => Offsets.ToUtc(local, last);

    public DateTime Local(DateTime utc) => Offsets.ToLocal(utc);
}

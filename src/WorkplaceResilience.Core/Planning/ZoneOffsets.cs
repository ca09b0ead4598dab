namespace WorkplaceResilience.Core.Planning;

/// <summary>
/// The one place where a person's wall-clock time meets instants: a zone's UTC offsets over a stretch of time, found
/// by converting instants (<see cref="TimeZoneInfo.GetUtcOffset(DateTime)"/> of UTC times) and locating each change to
/// the second.
/// </summary>
/// <remarks>
/// It never asks <see cref="TimeZoneInfo.IsInvalidTime"/>, <see cref="TimeZoneInfo.IsAmbiguousTime(DateTime)"/> or
/// <see cref="TimeZoneInfo.SupportsDaylightSavingTime"/>: .NET on Linux reports no skipped or repeated hour for some
/// zones and dates (Europe/Dublin's negative DST, Africa/Casablanca, America/Asuncion), while converting instants is
/// right. Reading a local time:
/// <list type="bullet">
/// <item>a time that happens once is that instant;</item>
/// <item>a time that happens twice (fall-back) is its first occurrence, or its last one when asked for the end of a span;</item>
/// <item>a time the clocks jump over (spring-forward, or a skipped midnight) is the instant of the jump: the first
/// instant whose clock reads at least that time. A quiet period from 02:30 on a night that skips 02:00–03:00 starts at 03:00.</item>
/// </list>
/// Offsets are sampled every six hours, so two changes less than six hours apart that cancel each other would go
/// unseen; no zone in use has such a pair.
/// </remarks>
public sealed class ZoneOffsets
{
    private const long TicksPerSecond = TimeSpan.TicksPerSecond;
    private static readonly long Step = TimeSpan.FromHours(6).Ticks;
    // Every UTC offset in use lies within -12 h .. +14 h; a margin of 15 h on each side covers any local reading.
    private static readonly long Margin = TimeSpan.FromHours(15).Ticks;

    private readonly long[] starts;   // UTC ticks where each offset starts; the last runs to the end of the window
    private readonly long[] offsets;  // ticks
    private readonly int count;
    private readonly long windowEnd;

    public TimeZoneInfo Zone { get; }

    private ZoneOffsets(TimeZoneInfo zone, long[] starts, long[] offsets, int count, long windowEnd)
    {
        Zone = zone;
        this.starts = starts;
        this.offsets = offsets;
        this.count = count;
        this.windowEnd = windowEnd;
    }

    /// <summary>The offsets needed to read any local time from <paramref name="localFrom"/> to <paramref name="localTo"/>.</summary>
    public static ZoneOffsets Covering(TimeZoneInfo zone, DateTime localFrom, DateTime localTo)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var minimum = DateTime.MinValue.Ticks + Margin;
        var maximum = DateTime.MaxValue.Ticks - Margin;
        // Whole seconds, so that a change found by halving lands exactly on its second.
        var from = Math.Clamp(localFrom.Ticks, minimum, maximum) - Margin;
        from -= from % TicksPerSecond;
        var to = Math.Clamp(Math.Max(localTo.Ticks, localFrom.Ticks), minimum, maximum) + Margin;

        var starts = new long[4];
        var offsets = new long[4];
        var count = 0;
        var offset = OffsetAt(zone, from);
        Add(ref starts, ref offsets, ref count, from, offset);
        var t = from;
        while (t < to)
        {
            var next = Math.Min(t + Step, to);
            var nextOffset = OffsetAt(zone, next);
            if (nextOffset == offset)
            {
                t = next;
                continue;
            }
            // The offset changes in (t, next]: halve to the first second with the new offset, then go on from there.
            long low = t / TicksPerSecond, high = (next + TicksPerSecond - 1) / TicksPerSecond;
            while (high - low > 1)
            {
                var middle = low + (high - low) / 2;
                if (OffsetAt(zone, middle * TicksPerSecond) == offset) low = middle;
                else high = middle;
            }
            t = high * TicksPerSecond;
            offset = OffsetAt(zone, t);
            Add(ref starts, ref offsets, ref count, t, offset);
        }
        return new ZoneOffsets(zone, starts, offsets, count, to);
    }

    /// <summary>
    /// A wall-clock time as an instant (UTC): its first occurrence (the last one when <paramref name="last"/> is set), or,
    /// when the clocks jump over it, the instant of the jump.
    /// </summary>
    public DateTime ToUtc(DateTime local, bool last = false)
    {
        var reading = local.Ticks;
        long? first = null, latest = null, jump = null;
        var before = false; // some earlier part of the window reads before this time
        for (var i = 0; i < count; i++)
        {
            var segmentEnd = i + 1 < count ? starts[i + 1] : windowEnd;
            var readsFrom = starts[i] + offsets[i];
            var readsTo = segmentEnd + offsets[i];
            if (reading < readsFrom)
            {
                if (before && first is null) jump ??= starts[i];
                continue;
            }
            before = true;
            if (reading < readsTo)
            {
                first ??= reading - offsets[i];
                latest = reading - offsets[i];
            }
        }
        // A jump found before any reading of this time is its first instant; the last occurrence wins only when asked for.
        var utc = last ? latest ?? jump : jump ?? first;
        if (utc is null) return Covering(Zone, local, local).ToUtc(local, last); // outside this window
        return new DateTime(utc.Value, DateTimeKind.Utc);
    }

    /// <summary>The zone's UTC offset at an instant.</summary>
    public TimeSpan OffsetAt(DateTime utc)
    {
        var ticks = utc.Ticks;
        if (ticks < starts[0] || ticks >= windowEnd) return TimeSpan.FromTicks(OffsetAt(Zone, ticks));
        var i = count - 1;
        while (starts[i] > ticks) i--;
        return TimeSpan.FromTicks(offsets[i]);
    }

    /// <summary>The wall-clock reading at an instant.</summary>
    public DateTime ToLocal(DateTime utc) => new(utc.Ticks + OffsetAt(utc).Ticks, DateTimeKind.Unspecified);

    /// <summary>An instant with the person's own offset, as the planner hands it out.</summary>
    public DateTimeOffset ToPersonTime(DateTime utc)
    {
        var offset = OffsetAt(utc);
        return new DateTimeOffset(utc.Ticks + offset.Ticks, offset);
    }

    /// <summary>
    /// The local date whose midnight is nearest to an instant: how an all-day entry's start or end is read. It gives the
    /// right date whether the entry arrives as the instant of local midnight (as the host stores it), as 01:00 where
    /// midnight is skipped (America/Santiago), or as a floating date written as UTC midnight (any offset within ±12 h).
    /// </summary>
    public DateOnly NearestDate(DateTime utc)
    {
        var local = ToLocal(utc);
        var date = DateOnly.FromDateTime(local);
        return local.TimeOfDay >= TimeSpan.FromHours(12) ? date.AddDays(1) : date;
    }

    /// <summary>One local time as an instant, with the rules of <see cref="ToUtc"/>.</summary>
    public static DateTimeOffset Instant(TimeZoneInfo zone, DateTime local, bool last = false)
    {
        var offsets = Covering(zone, local, local);
        return offsets.ToPersonTime(offsets.ToUtc(local, last));
    }

    /// <summary>The wall-clock reading of an instant in a zone.</summary>
    public static DateTime LocalTime(TimeZoneInfo zone, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return new DateTime(instant.UtcTicks + OffsetAt(zone, instant.UtcTicks), DateTimeKind.Unspecified);
    }

    private static long OffsetAt(TimeZoneInfo zone, long utcTicks) =>
        zone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc)).Ticks;

    private static void Add(ref long[] starts, ref long[] offsets, ref int count, long start, long offset)
    {
        if (count == starts.Length)
        {
            Array.Resize(ref starts, count * 2);
            Array.Resize(ref offsets, count * 2);
        }
        starts[count] = start;
        offsets[count] = offset;
        count++;
    }
}

using System.Buffers;
using System.Runtime.InteropServices;

namespace WorkplaceResilience.Core.Planning;

/// <summary>
/// Finds the moments between meetings where a short break fits, sized to the gap.
/// Pure: same input, same output; no clock, no I/O.
/// </summary>
/// <remarks>
/// The rules, in order:
/// <list type="number">
/// <item>Only working days, only inside working hours (the person's zone, DST-aware), never in quiet hours, never in
/// the first <see cref="PlannerSettings.QuietStartOfDay"/> of the day, never before a pause or <see cref="PlannerHistory.NotBefore"/>
/// ends, never inside a snooze.</item>
/// <item>Cancelled and declined entries are ignored; tentative ones are busy or free per setting; free and
/// working-elsewhere entries are free. Overlapping entries merge. An all-day busy or out-of-office entry clears the day.</item>
/// <item>An offer starts in the gap after a busy stretch and is the longest accepted length that fits the free part of the gap.
/// A gap shorter than the shortest length gets nothing, or an arrival practice at the start of the next meeting.
/// Nothing follows a timed out-of-office block (the person is away, not between meetings).</item>
/// <item>The first gap of at least <see cref="PlannerSettings.BackToBackGap"/> after a run with at least
/// <see cref="PlannerSettings.BackToBackRun"/> of meetings is marked <see cref="BreakReason.AfterBackToBack"/>.</item>
/// <item>Offers keep <see cref="PlannerSettings.MinimumSpacing"/> apart (from offers already made today too) and at most
/// <see cref="PlannerSettings.DailyCap"/> a day. Moments are ranked by value: after heavier meeting load first, arrival
/// practices last, earlier first on a tie; the planner takes them in that order while they keep the spacing, up to the cap.</item>
/// </list>
/// </remarks>
public static class BreakPlanner
{
    /// <summary>Length of the arrival practice offered at the start of a meeting.</summary>
    public const int ArrivalLengthMinutes = 1;

    private const int StackLimit = 48;
    private const long Minute = TimeSpan.TicksPerMinute;

    /// <summary>Plans one day and returns the offers in time order. A thin wrapper over the allocation-free overload.</summary>
    public static IReadOnlyList<PlannedBreak> Plan(
        DateOnly day, WorkingHours hours, IReadOnlyList<CalendarBlock> blocks, PlannerSettings settings, PlannerHistory? history = null)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(settings);
        var capacity = Math.Clamp(settings.DailyCap, 0, 1440);
        if (capacity == 0) return [];
        CalendarBlock[]? rented = null;
        try
        {
            ReadOnlySpan<CalendarBlock> span;
            if (blocks is CalendarBlock[] array) span = array;
            else if (blocks is List<CalendarBlock> list) span = CollectionsMarshal.AsSpan(list);
            else
            {
                rented = ArrayPool<CalendarBlock>.Shared.Rent(blocks.Count);
                for (var i = 0; i < blocks.Count; i++) rented[i] = blocks[i];
                span = rented.AsSpan(0, blocks.Count);
            }
            Span<PlannedBreak> buffer = capacity <= 16 ? stackalloc PlannedBreak[capacity] : new PlannedBreak[capacity];
            var count = Plan(day, hours, span, settings, buffer, history);
            return count == 0 ? [] : buffer[..count].ToArray();
        }
        finally
        {
            if (rented is not null) ArrayPool<CalendarBlock>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Plans one day into <paramref name="destination"/> and returns how many offers it wrote, in time order.
    /// Allocates nothing for days with up to 48 calendar entries (larger days rent scratch space from the shared pool).
    /// </summary>
    public static int Plan(
        DateOnly day, WorkingHours hours, ReadOnlySpan<CalendarBlock> blocks, PlannerSettings settings,
        Span<PlannedBreak> destination, PlannerHistory? history = null)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(settings);
        if (destination.IsEmpty || settings.DailyCap <= 0 || !hours.IsWorkingDay(day)) return 0;

        Span<int> lengths = stackalloc int[8];
        var lengthCount = NormaliseLengths(settings.Lengths, lengths);
        if (lengthCount == 0) return 0;
        lengths = lengths[..lengthCount];

        var frame = DayFrame.Create(day, hours);
        if (frame.End <= frame.Start) return 0;

        var earliest = frame.Start + Math.Max(0, settings.QuietStartOfDay.Ticks);
        if (history is not null)
        {
            if (history.NotBefore is { } notBefore) earliest = Math.Max(earliest, notBefore.UtcTicks);
            if (history.PausedUntil is { } paused) earliest = Math.Max(earliest, paused.UtcTicks);
        }
        if (earliest >= frame.End) return 0;

        var cap = settings.DailyCap;
        if (history is not null && settings.SkipBackoffAfter > 0 && history.ConsecutiveSkips >= settings.SkipBackoffAfter)
            cap = Math.Min(cap, 1);

        Interval[]? rentedBusy = null;
        Blocked[]? rentedBlocked = null;
        Candidate[]? rentedCandidates = null;
        try
        {
            var n = blocks.Length;
            var busy = n <= StackLimit ? stackalloc Interval[StackLimit] : (rentedBusy = ArrayPool<Interval>.Shared.Rent(n));
            var busyCount = CollectBusy(day, blocks, frame, settings, busy);
            if (busyCount < 0) return 0; // an all-day busy or out-of-office entry clears the day
            if (busyCount == 0) return 0; // nothing to recover from: no offers on an empty day
            busy = busy[..busyCount];
            SortByStart(busy);
            busyCount = Merge(busy);
            busy = busy[..busyCount];

            var blockedNeeded = settings.QuietHours.Count * 3 + (history?.Snoozes.Count ?? 0);
            var blocked = blockedNeeded <= 16 ? stackalloc Blocked[16] : (rentedBlocked = ArrayPool<Blocked>.Shared.Rent(blockedNeeded));
            var blockedCount = CollectBlocked(day, hours, frame, settings, history, blocked);
            blocked = blocked[..blockedCount];
            SortBlocked(blocked);

            var candidates = busyCount + 1 <= StackLimit
                ? stackalloc Candidate[StackLimit]
                : (rentedCandidates = ArrayPool<Candidate>.Shared.Rent(busyCount + 1));
            var candidateCount = FindCandidates(busy, blocked, lengths, frame, earliest, settings, candidates);
            if (candidateCount == 0) return 0;
            candidates = candidates[..candidateCount];

            return Select(candidates, frame, settings, history, cap, destination);
        }
        finally
        {
            if (rentedBusy is not null) ArrayPool<Interval>.Shared.Return(rentedBusy);
            if (rentedBlocked is not null) ArrayPool<Blocked>.Shared.Return(rentedBlocked);
            if (rentedCandidates is not null) ArrayPool<Candidate>.Shared.Return(rentedCandidates);
        }
    }

    /// <summary>The meeting load of one day, for the "end meetings early" advice and for reports. Allocation-free.</summary>
    public static DayLoad Measure(DateOnly day, WorkingHours hours, ReadOnlySpan<CalendarBlock> blocks, PlannerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(settings);
        if (!hours.IsWorkingDay(day)) return new DayLoad(day, false, 0, 0, 0);
        var frame = DayFrame.Create(day, hours);
        if (frame.End <= frame.Start) return new DayLoad(day, false, 0, 0, 0);
        Interval[]? rented = null;
        try
        {
            var n = blocks.Length;
            var busy = n <= StackLimit ? stackalloc Interval[StackLimit] : (rented = ArrayPool<Interval>.Shared.Rent(n));
            var count = CollectBusy(day, blocks, frame, settings, busy);
            if (count <= 0) return new DayLoad(day, count == 0, 0, 0, 0);
            busy = busy[..count];
            SortByStart(busy);
            count = Merge(busy);
            long meeting = 0, run = 0, longest = 0;
            var transitions = 0;
            var gapLimit = settings.BackToBackGap.Ticks;
            for (var i = 0; i < count; i++)
            {
                var startsRun = i == 0 || busy[i].Start - busy[i - 1].End >= gapLimit
                    || busy[i - 1].EndKind == Kind.Away || busy[i].StartKind == Kind.Away;
                if (startsRun) run = 0;
                else if (busy[i - 1].Load > 0 && busy[i].Load > 0) transitions++;
                run += busy[i].Load;
                meeting += busy[i].Load;
                longest = Math.Max(longest, run);
            }
            return new DayLoad(day, true, (int)(meeting / Minute), (int)(longest / Minute), transitions);
        }
        finally
        {
            if (rented is not null) ArrayPool<Interval>.Shared.Return(rented);
        }
    }

    /// <summary>The list-friendly form of <see cref="Measure(DateOnly, WorkingHours, ReadOnlySpan{CalendarBlock}, PlannerSettings)"/>.</summary>
    public static DayLoad Measure(DateOnly day, WorkingHours hours, IReadOnlyList<CalendarBlock> blocks, PlannerSettings settings) =>
        blocks switch
        {
            CalendarBlock[] array => Measure(day, hours, array.AsSpan(), settings),
            List<CalendarBlock> list => Measure(day, hours, CollectionsMarshal.AsSpan(list), settings),
            _ => Measure(day, hours, blocks.ToArray().AsSpan(), settings),
        };

    // ---- internals -------------------------------------------------------------------------------------------

    private enum Kind : byte { Meeting, Focus, Away }

    private struct Interval
    {
        public long Start, End, Load, MeetingEnd;
        public Kind StartKind, EndKind;
    }

    private struct Blocked
    {
        public long Start, End;
    }

    private struct Candidate
    {
        public long Start, Value;
        public int Length;
        public BreakReason Reason;
        public bool Chosen;
    }

    private static int NormaliseLengths(IReadOnlyList<int> source, Span<int> into)
    {
        var count = 0;
        for (var i = 0; i < source.Count; i++)
        {
            var length = source[i];
            if (length <= 0 || length > 240) continue;
            var at = 0;
            while (at < count && into[at] < length) at++;
            if (at < count && into[at] == length) continue;
            if (count == into.Length) { if (at == count) continue; count--; }
            for (var j = count; j > at; j--) into[j] = into[j - 1];
            into[at] = length;
            count++;
        }
        return count;
    }

    /// <summary>Busy entries clipped to the working day. Returns -1 when an all-day busy entry clears the whole day.</summary>
    private static int CollectBusy(
        DateOnly day, ReadOnlySpan<CalendarBlock> blocks, in DayFrame frame, PlannerSettings settings, Span<Interval> into)
    {
        var count = 0;
        var tentativeIsBusy = settings.TentativeIsBusy;
        foreach (ref readonly var block in blocks)
        {
            if (block.IsCancelled || block.Response == ResponseStatus.Declined) continue;
            Kind kind;
            switch (block.ShowAs)
            {
                case ShowAs.Busy: kind = block.IsFocus ? Kind.Focus : Kind.Meeting; break;
                case ShowAs.OutOfOffice: kind = Kind.Away; break;
                case ShowAs.Tentative when tentativeIsBusy: kind = block.IsFocus ? Kind.Focus : Kind.Meeting; break;
                default: continue;
            }
            if (block.IsAllDay)
            {
                if (AllDayCovers(block, day)) return -1;
                continue;
            }
            var start = Math.Max(block.Start.UtcTicks, frame.Start);
            var end = Math.Min(block.End.UtcTicks, frame.End);
            if (end <= start) continue;
            ref var interval = ref into[count++];
            interval.Start = start;
            interval.End = end;
            interval.Load = kind == Kind.Meeting ? end - start : 0;
            interval.MeetingEnd = kind == Kind.Meeting ? end : long.MinValue;
            interval.StartKind = kind;
            interval.EndKind = kind;
        }
        return count;
    }

    private static bool AllDayCovers(in CalendarBlock block, DateOnly day)
    {
        var first = DateOnly.FromDateTime(block.Start.DateTime);
        var last = DateOnly.FromDateTime(block.End.DateTime);
        if (last > first && block.End.TimeOfDay == TimeSpan.Zero) last = last.AddDays(-1);
        return first <= day && day <= last;
    }

    private static void SortByStart(Span<Interval> items)
    {
        for (var i = 1; i < items.Length; i++)
        {
            var item = items[i];
            var j = i - 1;
            while (j >= 0 && (items[j].Start > item.Start || (items[j].Start == item.Start && items[j].End > item.End)))
            {
                items[j + 1] = items[j];
                j--;
            }
            items[j + 1] = item;
        }
    }

    /// <summary>Merges overlapping intervals in place. Touching intervals stay apart: the zero gap between them is a real
    /// back-to-back transition (and the moment for an arrival practice).</summary>
    private static int Merge(Span<Interval> items)
    {
        var count = 0;
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            if (count > 0 && item.Start < items[count - 1].End)
            {
                ref var last = ref items[count - 1];
                if (item.StartKind == Kind.Meeting)
                {
                    var from = Math.Max(item.Start, last.MeetingEnd);
                    if (item.End > from) last.Load += item.End - from;
                    last.MeetingEnd = Math.Max(last.MeetingEnd, item.End);
                }
                if (item.End > last.End) { last.End = item.End; last.EndKind = item.EndKind; }
                else if (item.End == last.End && item.EndKind == Kind.Away) last.EndKind = Kind.Away;
            }
            else
            {
                items[count++] = item;
            }
        }
        return count;
    }

    private static int CollectBlocked(
        DateOnly day, WorkingHours hours, in DayFrame frame, PlannerSettings settings, PlannerHistory? history, Span<Blocked> into)
    {
        var count = 0;
        var quiet = settings.QuietHours;
        if (quiet.Count > 0)
        {
            var workStart = day.ToDateTime(hours.Start);
            var workEnd = (hours.IsOvernight ? day.AddDays(1) : day).ToDateTime(hours.End);
            for (var q = 0; q < quiet.Count; q++)
            {
                var period = quiet[q];
                if (period.Start == period.End) continue;
                for (var offset = -1; offset <= 1; offset++)
                {
                    var d = day.AddDays(offset);
                    var localStart = d.ToDateTime(period.Start);
                    var localEnd = (period.WrapsMidnight ? d.AddDays(1) : d).ToDateTime(period.End);
                    if (localStart < workStart) localStart = workStart;
                    if (localEnd > workEnd) localEnd = workEnd;
                    if (localEnd <= localStart) continue;
                    ref var b = ref into[count++];
                    b.Start = frame.LocalToUtc(localStart, earlier: true);
                    b.End = frame.LocalToUtc(localEnd);
                }
            }
        }
        if (history is not null)
        {
            var snoozes = history.Snoozes;
            for (var i = 0; i < snoozes.Count; i++)
            {
                var start = snoozes[i].At.UtcTicks;
                var end = snoozes[i].Until.UtcTicks;
                if (end <= start || end <= frame.Start || start >= frame.End) continue;
                ref var b = ref into[count++];
                b.Start = start;
                b.End = end;
            }
        }
        return count;
    }

    private static void SortBlocked(Span<Blocked> items)
    {
        for (var i = 1; i < items.Length; i++)
        {
            var item = items[i];
            var j = i - 1;
            while (j >= 0 && items[j].Start > item.Start) { items[j + 1] = items[j]; j--; }
            items[j + 1] = item;
        }
    }

    private static int FindCandidates(
        ReadOnlySpan<Interval> busy, ReadOnlySpan<Blocked> blocked, ReadOnlySpan<int> lengths, in DayFrame frame,
        long earliest, PlannerSettings settings, Span<Candidate> into)
    {
        var count = 0;
        var shortest = lengths[0] * Minute;
        var gapLimit = settings.BackToBackGap.Ticks;
        var runLimit = settings.BackToBackRun.Ticks;
        long run = 0;
        for (var i = 0; i < busy.Length; i++)
        {
            ref readonly var interval = ref busy[i];
            var startsRun = i == 0 || interval.Start - busy[i - 1].End >= gapLimit
                || busy[i - 1].EndKind == Kind.Away || interval.StartKind == Kind.Away;
            if (startsRun) run = 0;
            run += interval.Load;
            if (interval.EndKind == Kind.Away) { run = 0; continue; }

            var gapStart = interval.End;
            var gapEnd = i + 1 < busy.Length ? busy[i + 1].Start : frame.End;
            var gap = gapEnd - gapStart;
            if (gap >= shortest)
            {
                if (TryPlace(Math.Max(gapStart, earliest), gapEnd, blocked, lengths, out var start, out var length))
                {
                    ref var c = ref into[count++];
                    c.Start = start;
                    c.Length = length;
                    c.Reason = run >= runLimit && gap >= gapLimit ? BreakReason.AfterBackToBack : BreakReason.Gap;
                    c.Value = run;
                    c.Chosen = false;
                }
            }
            else if (settings.ArrivalPractice && i + 1 < busy.Length && busy[i + 1].StartKind == Kind.Meeting)
            {
                var start = busy[i + 1].Start;
                var end = start + ArrivalLengthMinutes * Minute;
                if (start >= earliest && end <= frame.End && !Overlaps(blocked, start, end))
                {
                    ref var c = ref into[count++];
                    c.Start = start;
                    c.Length = ArrivalLengthMinutes;
                    c.Reason = BreakReason.Arrival;
                    c.Value = run;
                    c.Chosen = false;
                }
            }
        }
        return count;
    }

    /// <summary>
    /// Places an offer in [from, to) minus the blocked stretches: the longest accepted length that fits any free stretch,
    /// at the start of the first free stretch that holds it (so a long gap is not wasted on a sliver before quiet hours).
    /// </summary>
    private static bool TryPlace(long from, long to, ReadOnlySpan<Blocked> blocked, ReadOnlySpan<int> lengths, out long start, out int length)
    {
        start = 0;
        length = 0;
        if (blocked.IsEmpty)
        {
            if (to - from < lengths[0] * Minute) return false;
            start = from;
            length = Longest(to - from, lengths);
            return true;
        }
        // Pass 1: the longest free stretch. Pass 2: the first stretch that fits the length chosen from it.
        var longest = 0L;
        for (var pass = 0; pass < 2; pass++)
        {
            var need = pass == 0 ? 0 : length * Minute;
            var t = from;
            foreach (ref readonly var b in blocked)
            {
                if (t >= to) break;
                if (b.End <= t) continue;
                if (b.Start > t)
                {
                    var room = Math.Min(b.Start, to) - t;
                    if (pass == 0) longest = Math.Max(longest, room);
                    else if (room >= need) { start = t; return true; }
                }
                t = Math.Max(t, b.End);
            }
            if (t < to)
            {
                if (pass == 0) longest = Math.Max(longest, to - t);
                else if (to - t >= need) { start = t; return true; }
            }
            if (pass == 0)
            {
                if (longest < lengths[0] * Minute) return false;
                length = Longest(longest, lengths);
            }
        }
        return false;
    }

    private static int Longest(long room, ReadOnlySpan<int> lengths)
    {
        for (var i = lengths.Length - 1; i >= 0; i--)
            if (lengths[i] * Minute <= room) return lengths[i];
        return lengths[0];
    }

    private static bool Overlaps(ReadOnlySpan<Blocked> blocked, long start, long end)
    {
        foreach (ref readonly var b in blocked)
            if (b.Start < end && start < b.End) return true;
        return false;
    }

    private static int Select(
        Span<Candidate> candidates, in DayFrame frame, PlannerSettings settings, PlannerHistory? history, int cap,
        Span<PlannedBreak> destination)
    {
        var spacing = Math.Max(0, settings.MinimumSpacing.Ticks);
        var afterSkip = spacing * Math.Max(1, settings.SpacingAfterSkipFactor);
        if (history is not null)
        {
            var already = history.OffersToday;
            for (var i = 0; i < already.Count; i++)
            {
                var t = already[i].UtcTicks;
                if (t >= frame.Start && t < frame.End) cap--;
            }
        }
        cap = Math.Min(cap, destination.Length);
        if (cap <= 0) return 0;

        // Most valuable moment first (heavier meeting load before it; arrival practices last; earlier on a tie), then the
        // next most valuable one that keeps the spacing, until the cap. With equal load this is simply earliest-first.
        var chosen = 0;
        while (chosen < cap)
        {
            var best = -1;
            for (var i = 0; i < candidates.Length; i++)
            {
                ref readonly var c = ref candidates[i];
                if (c.Chosen || c.Length == 0) continue;
                if (best >= 0 && !Better(c, candidates[best])) continue;
                best = i;
            }
            if (best < 0) break;
            ref var pick = ref candidates[best];
            var fits = RespectsHistory(pick.Start, history, frame, spacing, afterSkip);
            for (var i = 0; fits && i < candidates.Length; i++)
                if (candidates[i].Chosen && Math.Abs(candidates[i].Start - pick.Start) < spacing) fits = false;
            if (fits) { pick.Chosen = true; chosen++; }
            else pick.Length = 0; // ruled out for good
        }

        var written = 0;
        for (var i = 0; i < candidates.Length && written < cap; i++)
        {
            ref readonly var c = ref candidates[i];
            if (!c.Chosen || c.Length == 0) continue;
            destination[written++] = new PlannedBreak(frame.ToPersonTime(c.Start), c.Length, c.Reason);
        }
        return written;
    }

    private static bool Better(in Candidate a, in Candidate b)
    {
        var aTier = a.Reason == BreakReason.Arrival ? 1 : 0;
        var bTier = b.Reason == BreakReason.Arrival ? 1 : 0;
        if (aTier != bTier) return aTier < bTier;
        if (a.Value != b.Value) return a.Value > b.Value;
        return a.Start < b.Start;
    }

    private static bool RespectsHistory(long start, PlannerHistory? history, in DayFrame frame, long spacing, long afterSkip)
    {
        if (history is null) return true;
        var offers = history.OffersToday;
        for (var i = 0; i < offers.Count; i++)
        {
            var t = offers[i].UtcTicks;
            if (t >= frame.Start && t < frame.End && Math.Abs(start - t) < spacing) return false;
        }
        var skips = history.SkipsToday;
        for (var i = 0; i < skips.Count; i++)
        {
            var t = skips[i].UtcTicks;
            if (t >= frame.Start && t < frame.End && ((start >= t && start - t < afterSkip) || (start < t && t - start < spacing))) return false;
        }
        return true;
    }

    /// <summary>The working day as UTC ticks, with a fast path for the common day that has no DST transition.</summary>
    private readonly struct DayFrame
    {
        public readonly long Start, End;
        private readonly TimeZoneInfo _zone;
        private readonly long _midnight, _nextMidnight, _offset;
        private readonly bool _fixedOffset;

        private DayFrame(TimeZoneInfo zone, long midnight, long offset, bool fixedOffset, long start, long end)
        {
            _zone = zone;
            _midnight = midnight;
            _nextMidnight = midnight + TimeSpan.TicksPerDay;
            _offset = offset;
            _fixedOffset = fixedOffset;
            Start = start;
            End = end;
        }

        public static DayFrame Create(DateOnly day, WorkingHours hours)
        {
            var zone = hours.TimeZone;
            var midnight = day.ToDateTime(TimeOnly.MinValue);
            long offset;
            bool fixedOffset;
            if (!zone.SupportsDaylightSavingTime)
            {
                offset = zone.BaseUtcOffset.Ticks;
                fixedOffset = true;
            }
            else
            {
                offset = zone.GetUtcOffset(midnight).Ticks;
                fixedOffset = zone.GetUtcOffset(midnight.AddDays(1)).Ticks == offset;
            }
            var frame = new DayFrame(zone, midnight.Ticks, offset, fixedOffset, 0, 0);
            var start = frame.LocalToUtc(midnight.Add(hours.Start.ToTimeSpan()), earlier: true);
            var end = frame.LocalToUtc((hours.IsOvernight ? day.AddDays(1) : day).ToDateTime(hours.End));
            return new DayFrame(zone, midnight.Ticks, offset, fixedOffset, start, end);
        }

        public long LocalToUtc(DateTime local, bool earlier = false)
        {
            var ticks = local.Ticks;
            if (_fixedOffset && ticks >= _midnight && ticks <= _nextMidnight) return ticks - _offset;
            return WorkingHours.LocalToInstant(_zone, local, earlier).UtcTicks;
        }

        public DateTimeOffset ToPersonTime(long utcTicks)
        {
            var offset = _fixedOffset && utcTicks + _offset >= _midnight && utcTicks + _offset <= _nextMidnight
                ? _offset
                : _zone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc)).Ticks;
            return new DateTimeOffset(utcTicks + offset, new TimeSpan(offset));
        }
    }
}

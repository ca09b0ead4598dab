using System.Security.Cryptography;
using WorkplaceResilience.Core.Reporting;

namespace WorkplaceResilience.Core.Tests.Reporting;

/// <summary>The share of people opted in, the consistency of noisy figures (post-processing) and the typical error shown with each.</summary>
public sealed class ReleaseFiguresTests
{
    private static readonly string[] Departments = ["department"];
    private static readonly Dictionary<string, IReadOnlyList<string>> Buckets = new() { ["skipReasons"] = ["busy"], ["practiceMix"] = ["breathing"] };

    private static PersonWeek Person(string department, Action<PersonWeek>? change = null)
    {
        var person = new PersonWeek
        {
            Person = Guid.NewGuid(), Groups = new Dictionary<string, string> { ["department"] = department },
            OptedIn = true, Engaged = true, Delivered = 4, Started = 2, Completed = 1, Skipped = 1, Sessions = 1, WorkingDays = 5,
            MeetingMinutes = 600, BackToBackMinutes = 120, HeavyDays = 1,
        };
        change?.Invoke(person);
        return person;
    }

    private static List<PersonWeek> People(int count, string department, Action<PersonWeek>? change = null) =>
        Enumerable.Range(0, count).Select(_ => Person(department, change)).ToList();

    private static ReleasedCell Release(List<PersonWeek> people, GateSettings? settings = null, byte[]? key = null, string period = "2026-W10") =>
        AnonymityGate.Release(people, Departments, Buckets, settings ?? new GateSettings(10, 0.5), key ?? RandomNumberGenerator.GetBytes(32), period).Single();

    [Fact]
    public void The_opted_in_share_counts_every_member_and_the_k_rule_counts_active_ones()
    {
        // 30 members: 20 active with breaks on, 10 who turned breaks off and did nothing this week.
        var people = People(20, "Sales").Concat(People(10, "Sales", p => { p.Active = false; p.OptedIn = false; p.Engaged = false; p.Delivered = p.Started = p.Completed = p.Skipped = p.Sessions = 0; })).ToList();
        var shares = Enumerable.Range(0, 40).Select(w => Release(people, period: $"2026-W{w:00}").Figures["optedInShare"].Value!.Value).ToList();
        Assert.InRange(shares.Average(), 0.6, 0.74); // 20 of 30, with noise
        Assert.All(shares, s => Assert.InRange(s, 0, 1));

        // 9 active people and 20 members who did nothing: too few active people, nothing is released.
        var quiet = People(9, "Legal").Concat(People(20, "Legal", p => { p.Active = false; p.Delivered = p.Started = p.Completed = p.Skipped = p.Sessions = 0; })).ToList();
        Assert.Equal(HiddenReasons.SmallGroup, Release(quiet).Hidden);
    }

    [Fact]
    public void Everybody_opted_in_is_a_band_not_a_number()
    {
        var cell = Release(People(15, "Sales"));
        Assert.Equal("high", cell.Figures["optedInShare"].Band);
    }

    [Fact]
    public void Noisy_figures_stay_consistent_completed_at_most_started_at_most_delivered_and_nothing_negative()
    {
        // Few actions per person, so the noise is large against them: without post-processing the order would often break.
        var people = People(12, "Sales", p => { p.Delivered = 1; p.Started = 1; p.Completed = 0; p.Skipped = 0; })
            .Concat(People(6, "Sales", p => { p.Delivered = 2; p.Started = 0; p.Completed = 0; p.Skipped = 2; })).ToList();
        for (var week = 0; week < 200; week++)
        {
            var f = Release(people, period: $"W{week}").Figures;
            double? V(string name) => f[name].Value;
            if (V("started") is { } started && V("delivered") is { } delivered) Assert.True(started <= delivered, $"week {week}: started {started} > delivered {delivered}");
            if (V("completed") is { } completed && V("started") is { } s) Assert.True(completed <= s, $"week {week}: completed {completed} > started {s}");
            if (V("skipped") is { } skipped && V("delivered") is { } d && V("started") is { } st) Assert.True(skipped <= d - st, $"week {week}");
            Assert.All(f.Values.Where(x => x.Value is not null && x != f["checkInChange"]), x => Assert.True(x.Value >= 0));
            Assert.All(new[] { "optedInShare", "engagedShare", "startedRate", "completedRate", "skippedRate", "heavyDayShare" }
                .Select(n => f[n].Value).OfType<double>(), share => Assert.InRange(share, 0, 1));
        }
    }

    [Theory]
    [InlineData(3, 15, 42.4)]
    [InlineData(1, 5, 14.1)]
    public void The_action_clip_follows_the_daily_cap_and_sets_the_noise_shown_beside_each_count(int dailyCap, int clip, double plusMinus)
    {
        Assert.Equal(clip, GateSettings.ActionClipFor(dailyCap));
        var settings = new GateSettings(10, 0.5, GateSettings.ActionClipFor(dailyCap));
        var cell = Release(People(20, "Sales"), settings);
        Assert.Equal(plusMinus, cell.Figures["delivered"].PlusMinus!.Value, 0.05);
        Assert.Equal(Math.Round(Math.Sqrt(DiscreteLaplace.Variance(0.5, 1)), 1), cell.Figures["people"].PlusMinus!.Value, 0.05);
        // A rate's typical error is that of a ratio of two noisy totals: about √(σ² + r²σ²) / delivered.
        var rate = cell.Figures["startedRate"];
        Assert.InRange(rate.PlusMinus!.Value, 0.01, 1);
    }

    [Fact]
    public void A_person_beyond_the_clip_moves_a_total_no_more_than_the_clip()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var others = People(20, "Sales");
        var settings = new GateSettings(10, 0.5, 15);
        var at = Release([.. others, Person("Sales", p => p.Delivered = 15)], settings, key).Figures["delivered"].Value;
        var beyond = Release([.. others, Person("Sales", p => p.Delivered = 60)], settings, key).Figures["delivered"].Value;
        Assert.Equal(at, beyond);
    }
}

using WorkplaceResilience.Core.Adaptation;
using WorkplaceResilience.Core.CheckIns;
using WorkplaceResilience.Core.Practices;

namespace WorkplaceResilience.Core.Tests.Adaptation;

public class AdaptationTests
{
    private static readonly PracticeCatalogue Catalogue = PracticeCatalogue.LoadEmbedded();

    private static List<string> Picks(AdaptationState state, int seed, int count, int length = 3)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => PracticeChooser.Choose(state, Catalogue, length, random)!.Practice.Id).ToList();
    }

    private static double Share(AdaptationState state, PracticeFamily family, int seed = 1, int count = 1000) =>
        Picks(state, seed, count).Count(id => Catalogue.Find(id)!.Family == family) / (double)count;

    [Fact]
    public void Same_seed_same_choices()
    {
        var state = AdaptationState.ColdStart();
        Assert.Equal(Picks(state, 42, 50), Picks(state, 42, 50));
        Assert.NotEqual(Picks(state, 42, 50), Picks(state, 43, 50));
    }

    [Fact]
    public void Avoided_practices_are_not_chosen_while_the_family_has_another_that_fits()
    {
        var state = AdaptationState.ColdStart();
        var random = new Random(7);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var fitting = Catalogue.Practices.Count(p => p.VersionFor(3) is not null);
        for (var i = 0; i < fitting; i++)
        {
            var choice = PracticeChooser.Choose(state, Catalogue, 3, random, used)!;
            var familyLeft = Catalogue.Practices.Any(p => p.Family == choice.Practice.Family && p.VersionFor(3) is not null && !used.Contains(p.Id));
            if (familyLeft) Assert.DoesNotContain(choice.Practice.Id, used);
            used.Add(choice.Practice.Id);
        }
        // With every practice used, a choice is still made rather than none.
        Assert.NotNull(PracticeChooser.Choose(state, Catalogue, 3, random, Catalogue.Practices.Select(p => p.Id).ToHashSet()));
    }

    [Fact]
    public void Cold_start_leans_toward_the_stated_preference()
    {
        Assert.InRange(Share(AdaptationState.ColdStart(), PracticeFamily.Mental), 0.4, 0.6);
        Assert.True(Share(AdaptationState.ColdStart(PracticeFamily.Mental), PracticeFamily.Mental) > 0.6);
        Assert.True(Share(AdaptationState.ColdStart(PracticeFamily.Behavioural), PracticeFamily.Behavioural) > 0.6);
    }

    [Fact]
    public void Learns_from_completions_and_check_ins()
    {
        var state = AdaptationState.ColdStart(PracticeFamily.Mental);
        for (var i = 0; i < 8; i++)
        {
            state.Record(new PracticeOutcome("kindness-for-self", PracticeFamily.Mental, OfferResponse.Skipped));
            state.Record(new PracticeOutcome("breathe", PracticeFamily.Behavioural, OfferResponse.Completed, new CheckInChange(1.5, 3, false)));
        }
        Assert.True(Share(state, PracticeFamily.Behavioural) > 0.9);
        Assert.True(state.Practice("breathe").Mean > state.Practice("kindness-for-self").Mean);
    }

    [Fact]
    public void Felt_worse_puts_behavioural_practices_first_and_shows_support()
    {
        var state = AdaptationState.ColdStart(PracticeFamily.Mental);
        var feedback = state.Record(new PracticeOutcome("compassionate-body-scan", PracticeFamily.Mental, OfferResponse.Started, new CheckInChange(0, 0, true)));
        Assert.True(feedback.ShowSupportResources);
        Assert.True(feedback.BehaviouralFirst);
        var random = new Random(5);
        for (var i = 0; i < AdaptationOptions.Default.BehaviouralOffersAfterFeltWorse; i++)
        {
            var choice = PracticeChooser.Choose(state, Catalogue, 5, random)!;
            Assert.Equal(PracticeFamily.Behavioural, choice.Practice.Family);
            Assert.Equal(ChoiceReason.BehaviouralFirst, choice.Reason);
            Assert.True(choice.ShowSupportResources);
            Assert.False(state.Record(new PracticeOutcome(choice.Practice.Id, choice.Practice.Family, OfferResponse.Completed)).ShowSupportResources);
        }
        Assert.Equal(0, state.BehaviouralFirstRemaining);
        Assert.Equal(ChoiceReason.Sampled, PracticeChooser.Choose(state, Catalogue, 5, random)!.Reason);
    }

    [Fact]
    public void Only_practices_that_fit_the_moment()
    {
        var state = AdaptationState.ColdStart();
        var random = new Random(9);
        for (var i = 0; i < 300; i++)
        {
            var choice = PracticeChooser.Choose(state, Catalogue, 1, random)!;
            Assert.Equal(1, choice.Version.LengthMinutes);
            Assert.NotEqual("compassionate-letter", choice.Practice.Id);
        }
        Assert.Null(PracticeChooser.Choose(state, Catalogue, 0, random));
    }

    [Fact]
    public void Replay_equals_recording_one_by_one()
    {
        var outcomes = new[]
        {
            new PracticeOutcome("move", PracticeFamily.Behavioural, OfferResponse.Completed),
            new PracticeOutcome("common-humanity", PracticeFamily.Mental, OfferResponse.Skipped),
            new PracticeOutcome("soothing-touch", PracticeFamily.Mental, OfferResponse.Started, new CheckInChange(0, 0, true)),
        };
        var live = AdaptationState.ColdStart(PracticeFamily.Behavioural);
        foreach (var o in outcomes) live.Record(o);
        var replayed = AdaptationState.Replay(PracticeFamily.Behavioural, outcomes);
        Assert.Equal(live.Family(PracticeFamily.Mental), replayed.Family(PracticeFamily.Mental));
        Assert.Equal(live.Family(PracticeFamily.Behavioural), replayed.Family(PracticeFamily.Behavioural));
        Assert.Equal(live.BehaviouralFirstRemaining, replayed.BehaviouralFirstRemaining);
        Assert.Equal(Picks(live, 3, 20), Picks(replayed, 3, 20));
    }

    [Fact]
    public void Beta_samples_centre_on_the_mean()
    {
        var random = new Random(11);
        foreach (var beta in new[] { new BetaPosterior(1, 1), new BetaPosterior(8, 2), new BetaPosterior(0.5, 3), new BetaPosterior(30, 70) })
        {
            var samples = Enumerable.Range(0, 20000).Select(_ => beta.Sample(random)).ToList();
            Assert.All(samples, s => Assert.InRange(s, 0, 1));
            Assert.InRange(samples.Average(), beta.Mean - 0.02, beta.Mean + 0.02);
        }
    }

    [Fact]
    public void What_tends_to_help_me()
    {
        var history = new List<PracticeOutcome>();
        for (var i = 0; i < 3; i++)
        {
            history.Add(new PracticeOutcome("breathe", PracticeFamily.Behavioural, OfferResponse.Completed, new CheckInChange(1.3, 3, false)));
            history.Add(new PracticeOutcome("move", PracticeFamily.Behavioural, OfferResponse.Completed));
            history.Add(new PracticeOutcome("kindness-for-self", PracticeFamily.Mental, OfferResponse.Completed, new CheckInChange(-0.7, 3, false)));
            history.Add(new PracticeOutcome("soothing-touch", PracticeFamily.Mental, OfferResponse.Skipped));
        }
        history.Add(new PracticeOutcome("self-compassion-break", PracticeFamily.Mental, OfferResponse.Started, new CheckInChange(0, 0, true)));

        var summary = HelpSummaries.Summarise(history);
        Assert.Equal(["breathe", "move"], summary.TendsToHelp);
        Assert.Equal(PracticeFamily.Behavioural, summary.BetterFamily);
        Assert.Equal(13, summary.TotalOffers);
        var mental = summary.Families.Single(f => f.Family == PracticeFamily.Mental);
        Assert.Equal(1, mental.FeltWorse);
        Assert.Equal(3, summary.Practices.Single(p => p.PracticeId == "soothing-touch").Skipped);
        Assert.Null(HelpSummaries.Summarise([]).BetterFamily);
    }
}

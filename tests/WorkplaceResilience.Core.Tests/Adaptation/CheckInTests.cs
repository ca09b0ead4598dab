using WorkplaceResilience.Core.CheckIns;

namespace WorkplaceResilience.Core.Tests.Adaptation;

public class CheckInTests
{
    [Fact]
    public void Questions_have_stable_ids_and_directions()
    {
        Assert.Equal(["self-kindness", "self-criticism", "tension"], CheckInQuestions.All.Select(q => q.Id));
        Assert.True(CheckInQuestions.For(CheckInItem.SelfKindness).HigherIsBetter);
        Assert.False(CheckInQuestions.For(CheckInItem.SelfCriticism).HigherIsBetter);
    }

    public static TheoryData<CheckIn, double?, CheckInOutcome?> Cases => new()
    {
        { new CheckIn(new CheckInAnswers(2, 4, 4), new CheckInAnswers(4, 2, 2)), 2.0, CheckInOutcome.Better },
        { new CheckIn(new CheckInAnswers(3, 3, 3), new CheckInAnswers(3, 3, 3)), 0.0, CheckInOutcome.Same },
        { new CheckIn(new CheckInAnswers(4, 2, 2), new CheckInAnswers(3, 3, 3)), -1.0, CheckInOutcome.Worse },
        { new CheckIn(new CheckInAnswers(3, null, 4), new CheckInAnswers(4, 2, null)), 1.0, CheckInOutcome.Better },
        { new CheckIn(new CheckInAnswers(2, 4, 4), new CheckInAnswers(4, 2, 2), FeltWorse: true), 2.0, CheckInOutcome.Worse },
        { new CheckIn(FeltWorse: true), 0.0, CheckInOutcome.Worse },
        { new CheckIn(new CheckInAnswers(3, 3, 3)), null, null },
        { new CheckIn(), null, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Scoring(CheckIn checkIn, double? improvement, CheckInOutcome? outcome)
    {
        var change = CheckInScoring.Score(checkIn);
        Assert.Equal(improvement, change?.MeanImprovement);
        Assert.Equal(outcome, change?.Outcome);
    }

    [Fact]
    public void Answers_outside_one_to_five_are_refused()
    {
        Assert.False(new CheckInAnswers(0, 3, 3).IsValid);
        Assert.Throws<ArgumentOutOfRangeException>(() => CheckInScoring.Score(new CheckIn(new CheckInAnswers(6), new CheckInAnswers(3))));
    }
}

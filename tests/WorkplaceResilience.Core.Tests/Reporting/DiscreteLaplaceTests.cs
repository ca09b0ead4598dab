using System.Security.Cryptography;
using WorkplaceResilience.Core.Reporting;

namespace WorkplaceResilience.Core.Tests.Reporting;

/// <summary>The noise sampler: the distribution it claims (mean, variance, symmetry, shape) and keyed determinism.</summary>
public sealed class DiscreteLaplaceTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Theory]
    [InlineData(0.5, 1)]
    [InlineData(1.0, 1)]
    [InlineData(0.5, WeeklyMeasures.DefaultActionClip)] // offers and practices at the default daily cap (3 × 5)
    [InlineData(0.5, 5)] // at a daily cap of 1
    public void Samples_have_mean_zero_the_theoretical_variance_and_a_symmetric_shape(double epsilon, double sensitivity)
    {
        const int n = 100_000;
        var samples = Enumerable.Range(0, n).Select(i => DiscreteLaplace.Sample(Key, $"cell-{i}", epsilon, sensitivity)).ToArray();
        var variance = DiscreteLaplace.Variance(epsilon, sensitivity);
        var mean = samples.Average();
        var sampleVariance = samples.Select(x => (x - mean) * (x - mean)).Sum() / (n - 1);

        // The mean of n draws has standard error sqrt(variance / n); five of them is far beyond chance.
        Assert.InRange(mean, -5 * Math.Sqrt(variance / n), 5 * Math.Sqrt(variance / n));
        Assert.InRange(sampleVariance / variance, 0.93, 1.07);

        // Symmetry: as many draws above zero as below, and P(X = 0) = (1 − α) / (1 + α).
        var alpha = Math.Exp(-epsilon / sensitivity);
        var positive = samples.Count(x => x > 0);
        var negative = samples.Count(x => x < 0);
        Assert.InRange(positive - negative, -5 * Math.Sqrt(n), 5 * Math.Sqrt(n));
        var zeroShare = samples.Count(x => x == 0) / (double)n;
        var expectedZero = (1 - alpha) / (1 + alpha);
        Assert.InRange(zeroShare, expectedZero - 5 * Math.Sqrt(expectedZero * (1 - expectedZero) / n), expectedZero + 5 * Math.Sqrt(expectedZero * (1 - expectedZero) / n));
    }

    [Fact]
    public void The_ratio_of_neighbouring_values_is_alpha_which_is_what_bounds_what_one_person_changes()
    {
        const int n = 200_000;
        var counts = new Dictionary<long, int>();
        for (var i = 0; i < n; i++)
        {
            var x = DiscreteLaplace.Sample(Key, $"ratio-{i}", 1.0, 1);
            counts[x] = counts.GetValueOrDefault(x) + 1;
        }
        var alpha = Math.Exp(-1.0);
        for (var x = 0; x < 3; x++)
        {
            Assert.InRange(counts[x + 1] / (double)counts[x], alpha * 0.9, alpha * 1.1);
            Assert.InRange(counts[-(x + 1)] / (double)counts[-x], alpha * 0.9, alpha * 1.1);
        }
    }

    [Fact]
    public void The_same_key_and_label_give_the_same_noise_another_label_or_key_gives_independent_noise()
    {
        Assert.Equal(DiscreteLaplace.Sample(Key, "2026-W10|department|Sales|completed", 0.5, 20),
            DiscreteLaplace.Sample(Key, "2026-W10|department|Sales|completed", 0.5, 20));
        var labels = Enumerable.Range(0, 50).Select(i => DiscreteLaplace.Sample(Key, $"label-{i}", 0.5, 20)).Distinct().Count();
        var otherKey = RandomNumberGenerator.GetBytes(32);
        var keys = Enumerable.Range(0, 50).Count(i => DiscreteLaplace.Sample(Key, $"label-{i}", 0.5, 20) != DiscreteLaplace.Sample(otherKey, $"label-{i}", 0.5, 20));
        Assert.True(labels > 25, $"{labels} distinct values from 50 labels");
        Assert.True(keys > 40, $"{keys} of 50 labels differ under another key");
    }

    [Fact]
    public void A_non_positive_epsilon_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DiscreteLaplace.Sample(Key, "x", 0, 1));
}

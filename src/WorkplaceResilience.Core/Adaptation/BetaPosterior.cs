namespace WorkplaceResilience.Core.Adaptation;

/// <summary>
/// A Beta(α, β) belief about how often something helps a person. Rewards may be fractional (0…1): α grows by
/// weight × reward and β by weight × (1 − reward).
/// </summary>
public readonly record struct BetaPosterior(double Alpha, double Beta)
{
    public static BetaPosterior Uniform => new(1, 1);

    public double Mean => Alpha / (Alpha + Beta);

    /// <summary>How many observations (in prior units) stand behind the belief.</summary>
    public double Evidence => Alpha + Beta;

    public BetaPosterior Observe(double reward, double weight = 1)
    {
        if (!double.IsFinite(reward) || !double.IsFinite(weight) || weight < 0) throw new ArgumentOutOfRangeException(nameof(reward));
        reward = Math.Clamp(reward, 0, 1);
        return new BetaPosterior(Alpha + weight * reward, Beta + weight * (1 - reward));
    }

    /// <summary>One draw from the distribution, using only <paramref name="random"/> (so a seeded generator makes it repeatable).</summary>
    public double Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var x = SampleGamma(Alpha, random);
        var y = SampleGamma(Beta, random);
        var sum = x + y;
        return sum <= 0 ? Mean : x / sum;
    }

    /// <summary>Marsaglia and Tsang's method; shapes below 1 use the boost Gamma(k) = Gamma(k + 1) · U^(1/k).</summary>
    private static double SampleGamma(double shape, Random random)
    {
        if (shape < 1)
        {
            var u = 1.0 - random.NextDouble();
            return SampleGamma(shape + 1, random) * Math.Pow(u, 1 / shape);
        }
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = StandardNormal(random);
                v = 1 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            var u = 1.0 - random.NextDouble();
            if (u < 1 - 0.0331 * x * x * x * x) return d * v;
            if (Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v))) return d * v;
        }
    }

    private static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}

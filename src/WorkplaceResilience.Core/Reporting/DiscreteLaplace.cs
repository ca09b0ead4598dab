using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace WorkplaceResilience.Core.Reporting;

/// <summary>
/// Discrete Laplace (two-sided geometric) noise: P(x) is proportional to α^|x| over the integers, α = exp(−ε/Δ),
/// which makes a count or clipped sum of sensitivity Δ ε-differentially private. Drawn as the difference of two
/// geometric variables. The uniforms come from HMAC-SHA256 under a secret key over a label (cell, period, measure)
/// and a counter: a keyed cryptographic generator, so the same label always yields the same noise (a repeated read
/// or a re-run of a rollup cannot be averaged) while nobody without the key can predict or subtract it.
/// </summary>
public static class DiscreteLaplace
{
    public static long Sample(ReadOnlySpan<byte> key, string label, double epsilon, double sensitivity)
    {
        if (epsilon <= 0 || sensitivity <= 0) throw new ArgumentOutOfRangeException(nameof(epsilon), "ε and Δ are positive.");
        var alpha = Math.Exp(-epsilon / sensitivity);
        var counter = 0;
        return Geometric(key, label, alpha, ref counter) - Geometric(key, label, alpha, ref counter);
    }

    /// <summary>The variance of the noise, 2α/(1−α)²; its standard deviation is what the dashboard calls "about ±".</summary>
    public static double Variance(double epsilon, double sensitivity)
    {
        var alpha = Math.Exp(-epsilon / sensitivity);
        return 2 * alpha / ((1 - alpha) * (1 - alpha));
    }

    /// <summary>P(G = g) = (1−α)·α^g for g ≥ 0, by inverting the distribution function: ⌊ln U / ln α⌋ with U in (0, 1].</summary>
    private static long Geometric(ReadOnlySpan<byte> key, string label, double alpha, ref int counter)
    {
        var u = Uniform(key, label, counter++);
        return (long)Math.Floor(Math.Log(u) / Math.Log(alpha));
    }

    /// <summary>A uniform in (0, 1] with 53 random bits: HMAC-SHA256(key, label ‖ counter).</summary>
    private static double Uniform(ReadOnlySpan<byte> key, string label, int counter)
    {
        var message = Encoding.UTF8.GetBytes($"{label}#{counter}");
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, message, mac);
        var bits = BinaryPrimitives.ReadUInt64LittleEndian(mac) >> 11;
        return (bits + 1) / (double)(1UL << 53);
    }
}

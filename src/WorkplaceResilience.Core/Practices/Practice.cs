using System.Text.Json.Serialization;

namespace WorkplaceResilience.Core.Practices;

/// <summary>Mental practices work with thoughts and images; behavioural ones care for the body (move, breathe, drink, step away).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PracticeFamily>))]
public enum PracticeFamily { Mental, Behavioural }

/// <summary>One timed instruction the tab shows while the practice plays.</summary>
public sealed record PracticeStep(int Seconds, string Text);

/// <summary>A practice at one length: its steps add up to that length.</summary>
public sealed record PracticeVersion(int LengthMinutes, IReadOnlyList<PracticeStep> Steps);

/// <summary>
/// A self-compassion practice written in our own words, with the research it stands on. <see cref="Id"/> is stable
/// across releases and languages; every text lives in the catalogue data file, so a translation is a copy of that file.
/// </summary>
public sealed record Practice(
    string Id,
    string Title,
    PracticeFamily Family,
    string Summary,
    string Source,
    string FeelWorseNote,
    IReadOnlyList<PracticeVersion> Versions)
{
    /// <summary>The longest version that fits in <paramref name="lengthMinutes"/>, or null when even the shortest is longer.</summary>
    public PracticeVersion? VersionFor(int lengthMinutes)
    {
        PracticeVersion? best = null;
        foreach (var version in Versions)
            if (version.LengthMinutes <= lengthMinutes && (best is null || version.LengthMinutes > best.LengthMinutes))
                best = version;
        return best;
    }

    /// <summary>The version of exactly this length, if the practice has one.</summary>
    public PracticeVersion? ExactVersion(int lengthMinutes) => Versions.FirstOrDefault(v => v.LengthMinutes == lengthMinutes);
}

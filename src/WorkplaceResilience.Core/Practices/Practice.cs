using System.Text.Json.Serialization;

namespace WorkplaceResilience.Core.Practices;

[JsonConverter(typeof(JsonStringEnumConverter<PracticeFamily>))]
public enum PracticeFamily { Mental, Behavioural }

/// <summary>One timed instruction the tab shows while the practice plays.</summary>
public sealed record PracticeStep(int Seconds, string Text);

/// <summary>A practice at one length: its steps add up to that length.</summary>
public sealed record PracticeVersion(int LengthMinutes, IReadOnlyList<PracticeStep> Steps);

/// <summary>A self-compassion practice written in our own words, with the research it stands on.</summary>
public sealed record Practice(
    string Id,
    string Title,
    PracticeFamily Family,
    string Summary,
    string Source,
    string FeelWorseNote,
    IReadOnlyList<PracticeVersion> Versions)
{
    public PracticeVersion? VersionFor(int lengthMinutes) =>
        Versions.Where(v => v.LengthMinutes <= lengthMinutes).MaxBy(v => v.LengthMinutes);
}

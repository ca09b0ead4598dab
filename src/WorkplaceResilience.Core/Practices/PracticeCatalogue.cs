using System.Text.Json;
using System.Text.RegularExpressions;

namespace WorkplaceResilience.Core.Practices;

/// <summary>The practice library, loaded from the embedded catalogue file and validated as it loads.</summary>
public sealed partial class PracticeCatalogue
{
    /// <summary>Longest version we accept: these are micro-breaks between meetings.</summary>
    public const int MaximumLengthMinutes = 10;

    /// <summary>Shortest step the tab can show meaningfully.</summary>
    public const int MinimumStepSeconds = 5;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<string, Practice> _byId;

    public IReadOnlyList<Practice> Practices { get; }

    public PracticeCatalogue(IReadOnlyList<Practice> practices)
    {
        ArgumentNullException.ThrowIfNull(practices);
        var problems = Validate(practices);
        if (problems.Count > 0)
            throw new InvalidDataException("The practice catalogue is invalid: " + string.Join("; ", problems));
        Practices = practices;
        _byId = practices.ToDictionary(p => p.Id, StringComparer.Ordinal);
    }

    public Practice? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Practices of one family that have a version fitting <paramref name="lengthMinutes"/>.</summary>
    public IEnumerable<Practice> Fitting(int lengthMinutes, PracticeFamily? family = null) =>
        Practices.Where(p => (family is null || p.Family == family) && p.VersionFor(lengthMinutes) is not null);

    public static PracticeCatalogue LoadEmbedded()
    {
        using var stream = EmbeddedFile("catalogue.json");
        return Load(stream);
    }

    /// <summary>
    /// The embedded translation of this catalogue into <paramref name="language"/> (the file catalogue.{language}.json),
    /// refused unless it keeps every id, family, length and step timing of this one.
    /// </summary>
    public PracticeCatalogue LoadEmbeddedTranslation(string language)
    {
        using var stream = EmbeddedFile($"catalogue.{language}.json");
        var translated = Deserialize(stream);
        var problems = ValidateTranslation(translated);
        if (problems.Count > 0)
            throw new InvalidDataException($"The '{language}' practice catalogue is invalid: " + string.Join("; ", problems));
        return new PracticeCatalogue(translated);
    }

    private static Stream EmbeddedFile(string name) =>
        typeof(PracticeCatalogue).Assembly.GetManifestResourceStream("WorkplaceResilience.Core.Practices." + name)
        ?? throw new InvalidDataException($"The practice catalogue resource {name} is missing from the build.");

    public static PracticeCatalogue Load(Stream json) => new(Deserialize(json));

    /// <summary>Reads a catalogue file without validating it (for tooling and translation checks).</summary>
    public static IReadOnlyList<Practice> Deserialize(Stream json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<Practice>>(json, Json)
                ?? throw new InvalidDataException("The practice catalogue is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("The practice catalogue is not valid JSON for practices: " + e.Message, e);
        }
    }

    public static IReadOnlyList<string> Validate(IReadOnlyList<Practice> practices)
    {
        var problems = new List<string>();
        if (practices.Count == 0) problems.Add("the catalogue has no practices");
        foreach (var duplicate in practices.GroupBy(p => p.Id).Where(g => g.Count() > 1))
            problems.Add($"practice id '{duplicate.Key}' appears {duplicate.Count()} times");
        foreach (var practice in practices)
        {
            if (string.IsNullOrWhiteSpace(practice.Id)) problems.Add("a practice has no id");
            else if (!IdPattern().IsMatch(practice.Id)) problems.Add($"'{practice.Id}' is not a stable id (lower-case words joined by '-')");
            if (string.IsNullOrWhiteSpace(practice.Title)) problems.Add($"'{practice.Id}' has no title");
            if (string.IsNullOrWhiteSpace(practice.Summary)) problems.Add($"'{practice.Id}' has no summary");
            if (!Enum.IsDefined(practice.Family)) problems.Add($"'{practice.Id}' has an unknown family");
            if (string.IsNullOrWhiteSpace(practice.Source)) problems.Add($"'{practice.Id}' names no source");
            if (string.IsNullOrWhiteSpace(practice.FeelWorseNote)) problems.Add($"'{practice.Id}' has no note for people who feel worse");
            if (practice.Versions is null || practice.Versions.Count == 0) { problems.Add($"'{practice.Id}' has no versions"); continue; }
            foreach (var repeated in practice.Versions.Where(v => v is not null).GroupBy(v => v.LengthMinutes).Where(g => g.Count() > 1))
                problems.Add($"'{practice.Id}' has {repeated.Count()} versions of {repeated.Key} minutes");
            foreach (var version in practice.Versions)
            {
                if (version is null) { problems.Add($"'{practice.Id}' has an empty version"); continue; }
                if (version.LengthMinutes is < 1 or > MaximumLengthMinutes)
                    problems.Add($"'{practice.Id}' has a {version.LengthMinutes}-minute version; lengths run from 1 to {MaximumLengthMinutes}");
                if (version.Steps is null || version.Steps.Count == 0)
                {
                    problems.Add($"'{practice.Id}' {version.LengthMinutes}-minute version has no steps");
                    continue;
                }
                var seconds = version.Steps.Sum(s => s?.Seconds ?? 0);
                if (seconds != version.LengthMinutes * 60)
                    problems.Add($"'{practice.Id}' {version.LengthMinutes}-minute version has steps adding up to {seconds} s");
                if (version.Steps.Any(s => s is null || s.Seconds < MinimumStepSeconds || string.IsNullOrWhiteSpace(s.Text)))
                    problems.Add($"'{practice.Id}' {version.LengthMinutes}-minute version has an empty or too short step");
            }
        }
        if (practices.Count > 0)
        {
            foreach (var family in Enum.GetValues<PracticeFamily>())
            {
                if (!practices.Any(p => p.Family == family))
                    problems.Add($"the catalogue has no {family} practice");
                else if (!practices.Any(p => p.Family == family && p.Versions?.Any(v => v?.LengthMinutes == 1) == true))
                    problems.Add($"the catalogue has no 1-minute {family} practice");
            }
        }
        return problems;
    }

    /// <summary>
    /// Checks that a translated catalogue matches this one in everything but its words: the same ids, families,
    /// lengths and step timings, so the tab plays it identically and analytics stay comparable across languages.
    /// </summary>
    public IReadOnlyList<string> ValidateTranslation(IReadOnlyList<Practice> translated)
    {
        ArgumentNullException.ThrowIfNull(translated);
        var problems = new List<string>(Validate(translated));
        var other = translated.Where(p => p.Id is not null).GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First());
        foreach (var practice in Practices)
        {
            if (!other.TryGetValue(practice.Id, out var copy)) { problems.Add($"the translation lacks '{practice.Id}'"); continue; }
            if (copy.Family != practice.Family) problems.Add($"'{practice.Id}' changes family in the translation");
            var mine = practice.Versions.Select(v => (v.LengthMinutes, Timings: string.Join(',', v.Steps.Select(s => s.Seconds))));
            var theirs = (copy.Versions ?? []).Where(v => v?.Steps is not null)
                .Select(v => (v.LengthMinutes, Timings: string.Join(',', v.Steps.Select(s => s?.Seconds ?? 0))));
            if (!mine.OrderBy(v => v.LengthMinutes).SequenceEqual(theirs.OrderBy(v => v.LengthMinutes)))
                problems.Add($"'{practice.Id}' has different versions or step timings in the translation");
        }
        foreach (var id in other.Keys.Where(id => Find(id) is null))
            problems.Add($"the translation adds '{id}', which the catalogue does not have");
        return problems;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}

using System.Text.Json;

namespace WorkplaceResilience.Core.Practices;

/// <summary>The practice library, loaded from the embedded catalogue file and validated as it loads.</summary>
public sealed class PracticeCatalogue
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IReadOnlyList<Practice> Practices { get; }

    public PracticeCatalogue(IReadOnlyList<Practice> practices)
    {
        var problems = Validate(practices);
        if (problems.Count > 0)
            throw new InvalidDataException("The practice catalogue is invalid: " + string.Join("; ", problems));
        Practices = practices;
    }

    public Practice? Find(string id) => Practices.FirstOrDefault(p => p.Id == id);

    public static PracticeCatalogue LoadEmbedded()
    {
        using var stream = typeof(PracticeCatalogue).Assembly
            .GetManifestResourceStream("WorkplaceResilience.Core.Practices.catalogue.json")
            ?? throw new InvalidDataException("The practice catalogue resource is missing from the build.");
        return Load(stream);
    }

    public static PracticeCatalogue Load(Stream json) =>
        new(JsonSerializer.Deserialize<List<Practice>>(json, Json)
            ?? throw new InvalidDataException("The practice catalogue is empty."));

    public static IReadOnlyList<string> Validate(IReadOnlyList<Practice> practices)
    {
        var problems = new List<string>();
        foreach (var duplicate in practices.GroupBy(p => p.Id).Where(g => g.Count() > 1))
            problems.Add($"practice id '{duplicate.Key}' appears {duplicate.Count()} times");
        foreach (var practice in practices)
        {
            if (string.IsNullOrWhiteSpace(practice.Id)) problems.Add("a practice has no id");
            if (string.IsNullOrWhiteSpace(practice.Title)) problems.Add($"'{practice.Id}' has no title");
            if (string.IsNullOrWhiteSpace(practice.Source)) problems.Add($"'{practice.Id}' names no source");
            if (string.IsNullOrWhiteSpace(practice.FeelWorseNote)) problems.Add($"'{practice.Id}' has no note for people who feel worse");
            if (practice.Versions is null || practice.Versions.Count == 0) { problems.Add($"'{practice.Id}' has no versions"); continue; }
            foreach (var version in practice.Versions)
            {
                var seconds = version.Steps?.Sum(s => s.Seconds) ?? 0;
                if (seconds != version.LengthMinutes * 60)
                    problems.Add($"'{practice.Id}' {version.LengthMinutes}-minute version has steps adding up to {seconds} s");
                if (version.Steps?.Any(s => s.Seconds <= 0 || string.IsNullOrWhiteSpace(s.Text)) == true)
                    problems.Add($"'{practice.Id}' {version.LengthMinutes}-minute version has an empty step");
            }
        }
        return problems;
    }
}

using System.Text;
using System.Text.Json;
using WorkplaceResilience.Core.Practices;

namespace WorkplaceResilience.Core.Tests.Practices;

public class PracticeCatalogueTests
{
    private static readonly PracticeCatalogue Catalogue = PracticeCatalogue.LoadEmbedded();

    [Fact]
    public void Embedded_catalogue_loads_and_validates()
    {
        Assert.True(Catalogue.Practices.Count >= 12);
        Assert.Empty(PracticeCatalogue.Validate(Catalogue.Practices));
    }

    [Theory]
    [InlineData("kindness-for-self", PracticeFamily.Mental)]
    [InlineData("compassionate-body-scan", PracticeFamily.Mental)]
    [InlineData("self-compassion-break", PracticeFamily.Mental)]
    [InlineData("four-steps-of-compassion", PracticeFamily.Mental)]
    [InlineData("what-do-i-need", PracticeFamily.Mental)]
    [InlineData("soothing-touch", PracticeFamily.Mental)]
    [InlineData("common-humanity", PracticeFamily.Mental)]
    [InlineData("compassionate-friend", PracticeFamily.Mental)]
    [InlineData("letting-go-of-a-mistake", PracticeFamily.Mental)]
    [InlineData("compassionate-letter", PracticeFamily.Mental)]
    [InlineData("move", PracticeFamily.Behavioural)]
    [InlineData("stretch", PracticeFamily.Behavioural)]
    [InlineData("breathe", PracticeFamily.Behavioural)]
    [InlineData("drink-water", PracticeFamily.Behavioural)]
    [InlineData("step-outside", PracticeFamily.Behavioural)]
    public void Required_practice_is_there_with_source_note_and_timed_versions(string id, PracticeFamily family)
    {
        var practice = Catalogue.Find(id);
        Assert.NotNull(practice);
        Assert.Equal(family, practice.Family);
        Assert.False(string.IsNullOrWhiteSpace(practice.Source));
        Assert.False(string.IsNullOrWhiteSpace(practice.FeelWorseNote));
        Assert.Contains(practice.Versions, v => v.LengthMinutes == 3);
        Assert.Contains(practice.Versions, v => v.LengthMinutes == 5);
        foreach (var version in practice.Versions)
            Assert.Equal(version.LengthMinutes * 60, version.Steps.Sum(s => s.Seconds));
    }

    [Fact]
    public void Nearly_every_practice_has_a_one_minute_version_and_both_families_do() {
        Assert.True(Catalogue.Practices.Count(p => p.ExactVersion(1) is not null) >= 13);
        Assert.Contains(Catalogue.Fitting(1, PracticeFamily.Mental), _ => true);
        Assert.Contains(Catalogue.Fitting(1, PracticeFamily.Behavioural), _ => true);
    }

    [Fact]
    public void Sources_name_the_seeds()
    {
        var sources = string.Join(' ', Catalogue.Practices.Select(p => p.Source));
        foreach (var name in new[] { "Kirschner", "Neff", "Germer", "Gilbert", "Albulescu" })
            Assert.Contains(name, sources);
    }

    [Fact]
    public void Version_for_a_gap_picks_the_longest_that_fits()
    {
        var practice = Catalogue.Find("breathe")!;
        Assert.Equal(1, practice.VersionFor(1)!.LengthMinutes);
        Assert.Equal(3, practice.VersionFor(4)!.LengthMinutes);
        Assert.Equal(5, practice.VersionFor(60)!.LengthMinutes);
        Assert.Null(practice.VersionFor(0));
        Assert.Null(Catalogue.Find("compassionate-letter")!.VersionFor(2));
        Assert.Null(Catalogue.Find("no-such-practice"));
    }

    [Fact]
    public void Family_serialises_as_its_name()
    {
        var json = JsonSerializer.Serialize(Catalogue.Find("move"), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        Assert.Contains("\"family\":\"Behavioural\"", json);
    }

    private static Practice Good(string id = "test-practice") => new(id, "Title", PracticeFamily.Behavioural, "Summary", "Germer", "A note",
        [new PracticeVersion(1, [new PracticeStep(30, "a"), new PracticeStep(30, "b")])]);

    public static TheoryData<string, Practice> Broken => new()
    {
        { "adding up", Good() with { Versions = [new PracticeVersion(1, [new PracticeStep(50, "a")])] } },
        { "names no source", Good() with { Source = " " } },
        { "no note", Good() with { FeelWorseNote = "" } },
        { "not a stable id", Good("Move Around") },
        { "no versions", Good() with { Versions = [] } },
        { "lengths run from", Good() with { Versions = [new PracticeVersion(20, [new PracticeStep(1200, "a")])] } },
        { "too short step", Good() with { Versions = [new PracticeVersion(1, [new PracticeStep(58, "a"), new PracticeStep(2, "b")])] } },
        { "versions of 1 minutes", Good() with { Versions = [.. Good().Versions, .. Good().Versions] } },
        { "no title", Good() with { Title = "" } },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Validation_catches(string problem, Practice practice)
    {
        var mental = Good("mental-one") with { Family = PracticeFamily.Mental };
        var problems = PracticeCatalogue.Validate([practice, mental]);
        Assert.Contains(problems, p => p.Contains(problem, StringComparison.Ordinal));
        Assert.Throws<InvalidDataException>(() => new PracticeCatalogue([practice, mental]));
    }

    [Fact]
    public void Validation_catches_duplicates_and_a_missing_family()
    {
        Assert.Contains(PracticeCatalogue.Validate([Good(), Good()]), p => p.Contains("appears 2 times", StringComparison.Ordinal));
        Assert.Contains(PracticeCatalogue.Validate([Good()]), p => p.Contains("no Mental practice", StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_json_is_reported_as_invalid_data()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("[{\"id\": \"x\", \"family\": \"Spiritual\"}]"));
        Assert.Throws<InvalidDataException>(() => PracticeCatalogue.Load(stream));
    }

    [Fact]
    public void A_translation_must_keep_ids_families_and_timings()
    {
        var translated = Catalogue.Practices.Select(p => p with
        {
            Title = "[de] " + p.Title,
            Versions = p.Versions.Select(v => v with { Steps = v.Steps.Select(s => s with { Text = "[de] " + s.Text }).ToList() }).ToList(),
        }).ToList();
        Assert.Empty(Catalogue.ValidateTranslation(translated));

        var retimed = translated.Select(p => p.Id != "move" ? p : p with
        {
            Versions = [new PracticeVersion(1, [new PracticeStep(30, "a"), new PracticeStep(30, "b")]), .. p.Versions.Skip(1)],
        }).ToList();
        Assert.Contains(Catalogue.ValidateTranslation(retimed), p => p.Contains("'move'", StringComparison.Ordinal));
        Assert.Contains(Catalogue.ValidateTranslation(translated.Skip(1).ToList()), p => p.Contains("lacks", StringComparison.Ordinal));
    }
}

using WorkplaceResilience.Core.Practices;

namespace WorkplaceResilience.Core.Tests.Practices;

public class PracticeTextsTests
{
    private static readonly PracticeTexts Texts = PracticeTexts.LoadEmbedded();

    [Fact]
    public void Every_english_practice_has_a_german_one_with_the_same_steps_and_timings()
    {
        Assert.Equal(Texts.English.Practices.Select(p => p.Id), Texts.German.Practices.Select(p => p.Id));
        foreach (var english in Texts.English.Practices)
        {
            var german = Texts.German.Find(english.Id)!;
            Assert.Equal(english.Family, german.Family);
            Assert.Equal(Timings(english), Timings(german));
        }
    }

    [Fact]
    public void German_texts_are_neither_empty_nor_left_in_english()
    {
        foreach (var english in Texts.English.Practices)
        {
            var german = Texts.German.Find(english.Id)!;
            foreach (var (englishText, germanText) in Prose(english).Zip(Prose(german)))
            {
                Assert.False(string.IsNullOrWhiteSpace(germanText), $"'{english.Id}' has an empty German text");
                Assert.NotEqual(englishText, germanText);
            }
        }
    }

    [Theory]
    [InlineData("de", "Beruhigende Berührung")]
    [InlineData("en", "Soothing touch")]
    [InlineData("fr", "Soothing touch")]
    [InlineData("", "Soothing touch")]
    public void A_language_picks_its_catalogue_and_any_other_gets_english(string language, string title) =>
        Assert.Equal(title, Texts.In(language).Find("soothing-touch")!.Title);

    [Fact]
    public void A_missing_translation_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => Texts.English.LoadEmbeddedTranslation("xx"));
        Assert.Contains("catalogue.xx.json", error.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<(int, string)> Timings(Practice practice) =>
        practice.Versions.Select(v => (v.LengthMinutes, string.Join(',', v.Steps.Select(s => s.Seconds))));

    private static IEnumerable<string> Prose(Practice practice) =>
        new[] { practice.Title, practice.Summary, practice.Source, practice.FeelWorseNote }
            .Concat(practice.Versions.SelectMany(v => v.Steps).Select(s => s.Text));
}

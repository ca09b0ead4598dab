namespace WorkplaceResilience.Core.Practices;

/// <summary>
/// The practice catalogue in each language the tab speaks. Planning, history and reports use the English catalogue
/// (ids, families and timings are the same in every language); only the words a person reads change.
/// </summary>
public sealed class PracticeTexts(PracticeCatalogue english, PracticeCatalogue german)
{
    public const string EnglishLanguage = "en";
    public const string GermanLanguage = "de";

    /// <summary>The languages with a catalogue, the default first.</summary>
    public static readonly IReadOnlyList<string> Languages = [EnglishLanguage, GermanLanguage];

    public PracticeCatalogue English { get; } = english;
    public PracticeCatalogue German { get; } = german;

    /// <summary>The catalogue in <paramref name="language"/> (one of <see cref="Languages"/>); English for any other.</summary>
    public PracticeCatalogue In(string language) => language == GermanLanguage ? German : English;

    public static PracticeTexts LoadEmbedded()
    {
        var english = PracticeCatalogue.LoadEmbedded();
        return new PracticeTexts(english, english.LoadEmbeddedTranslation(GermanLanguage));
    }
}

using Microsoft.Net.Http.Headers;

namespace WorkplaceResilience.Api.Infrastructure;

/// <summary>Which of our languages a request asks for, from its Accept-Language header.</summary>
public static class RequestLanguage
{
    /// <summary>
    /// The supported language the header ranks highest (a tag matches by its primary language, so de-AT picks de);
    /// the first of <paramref name="supported"/> when the header is absent, unreadable or names none of them.
    /// </summary>
    public static string Of(HttpRequest request, IReadOnlyList<string> supported)
    {
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var ranges)) return supported[0];
        var best = ranges
            .Where(r => (r.Quality ?? 1) > 0)
            .Select((range, order) => (Language: Match(range.Value.Value, supported), Quality: range.Quality ?? 1, order))
            .Where(r => r.Language is not null)
            .OrderByDescending(r => r.Quality).ThenBy(r => r.order)
            .FirstOrDefault();
        return best.Language ?? supported[0];
    }

    private static string? Match(string? tag, IReadOnlyList<string> supported)
    {
        if (string.IsNullOrEmpty(tag)) return null;
        var primary = tag.Split('-')[0];
        return supported.FirstOrDefault(s => string.Equals(s, primary, StringComparison.OrdinalIgnoreCase));
    }
}

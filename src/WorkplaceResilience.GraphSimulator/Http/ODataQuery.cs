using System.Globalization;
using System.Text.Json.Nodes;

namespace WorkplaceResilience.GraphSimulator.Http;

/// <summary>OData query options and <c>Prefer</c> headers as Graph reads them.</summary>
internal static class ODataQuery
{
    /// <summary>The names in <c>$select</c>, or null when absent.</summary>
    public static HashSet<string>? Select(GraphRequest request)
    {
        var raw = request.QueryValue("$select");
        if (raw is null)
        {
            return null;
        }

        var names = raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return names.Length == 0 ? null : new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Keeps only selected properties (plus id and OData annotations).</summary>
    public static JsonObject Project(JsonObject item, HashSet<string>? select)
    {
        if (select is null)
        {
            return item;
        }

        foreach (var key in item.Select(p => p.Key).ToList())
        {
            if (!key.StartsWith('@') && key != "id" && !select.Contains(key))
            {
                item.Remove(key);
            }
        }

        return item;
    }

    public static int? Int(GraphRequest request, string name, int min, int max)
    {
        var raw = request.QueryValue(name);
        if (raw is null)
        {
            return null;
        }

        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw GraphErrors.BadRequest($"Invalid value '{raw}' for query option {name}; expected an integer between {min} and {max}.");
        }

        return value;
    }

    /// <summary>All <c>Prefer</c> preferences, e.g. <c>odata.maxpagesize</c> → "50", <c>outlook.timezone</c> → "Pacific Standard Time".</summary>
    public static Dictionary<string, string> Prefer(GraphRequest request)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var raw = request.Header("Prefer");
        if (raw is null)
        {
            return result;
        }

        foreach (var part in raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            var name = eq < 0 ? part : part[..eq].Trim();
            var value = eq < 0 ? "" : part[(eq + 1)..].Trim().Trim('"');
            result[name] = value;
        }

        return result;
    }

    /// <summary>Page size from <c>$top</c>, then <c>Prefer: odata.maxpagesize</c>, else the default.</summary>
    public static (int Size, bool FromPrefer) PageSize(GraphRequest request, int defaultSize, int max, bool allowTop = true)
    {
        if (allowTop && Int(request, "$top", 1, max) is { } top)
        {
            return (top, false);
        }

        if (Prefer(request).TryGetValue("odata.maxpagesize", out var raw)
            && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0)
        {
            return (Math.Min(size, max), true);
        }

        return (defaultSize, false);
    }

    /// <summary>The zone for rendering event times (Prefer: outlook.timezone), UTC by default or when unknown.</summary>
    public static (TimeZoneInfo Zone, string Name, bool Applied) OutlookTimeZone(GraphRequest request)
    {
        if (Prefer(request).TryGetValue("outlook.timezone", out var name) && name.Length > 0)
        {
            if (name.Equals("UTC", StringComparison.OrdinalIgnoreCase))
            {
                return (TimeZoneInfo.Utc, name, true);
            }

            if (TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone))
            {
                return (zone, name, true);
            }
        }

        return (TimeZoneInfo.Utc, "UTC", false);
    }

    /// <summary>Parses a startDateTime/endDateTime value; without an offset it is UTC (as Graph does).</summary>
    public static DateTimeOffset? DateTimeParameter(GraphRequest request, string name)
    {
        var raw = request.QueryValue(name);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        return DateTimeOffset.TryParse(raw.Replace(' ', '+'), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : null;
    }

    /// <summary>Graph's instant format: <c>2026-11-22T09:00:00.0000000Z</c>.</summary>
    public static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Graph's dateTimeTimeZone dateTime format: <c>2026-11-22T09:00:00.0000000</c>.</summary>
    public static string LocalDateTime(DateTime value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture);

    public static string Encode(string value) => Uri.EscapeDataString(value);
}

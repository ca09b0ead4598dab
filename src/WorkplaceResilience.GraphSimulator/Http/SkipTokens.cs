using System.Text;

namespace WorkplaceResilience.GraphSimulator.Http;

/// <summary>
/// Directory-style <c>$skiptoken</c>s: opaque to clients, carrying the offset of the next page and what they page
/// through, so a token is refused on another collection.
/// </summary>
internal static class SkipTokens
{
    private const string Prefix = "RFNwdAIAAQAAA";

    public static string Encode(string collection, int offset) =>
        Prefix + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{collection}:{offset}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The offset a token carries; 0 without one; a 400 when it is not a token of this collection.</summary>
    public static int Decode(string? token, string collection)
    {
        if (token is null)
        {
            return 0;
        }

        try
        {
            if (token.StartsWith(Prefix, StringComparison.Ordinal))
            {
                var payload = token[Prefix.Length..].Replace('-', '+').Replace('_', '/');
                payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(payload));
                var head = collection + ":";
                if (text.StartsWith(head, StringComparison.Ordinal) && int.TryParse(text[head.Length..], out var offset) && offset >= 0)
                {
                    return offset;
                }
            }
        }
        catch (FormatException)
        {
        }

        throw GraphErrors.BadRequest("Invalid $skiptoken.", "Request_BadRequest");
    }
}

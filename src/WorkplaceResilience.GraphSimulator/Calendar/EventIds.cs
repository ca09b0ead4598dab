namespace WorkplaceResilience.GraphSimulator.Calendar;

/// <summary>Ids shaped like Outlook's: long, opaque, URL-safe base64.</summary>
internal static class EventIds
{
    public static string NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[48];
        random.NextBytes(bytes);
        return "AAMkAG" + Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_').TrimEnd('=') + "AAA=";
    }

    public static string NewICalUId(Random random)
    {
        Span<byte> bytes = stackalloc byte[24];
        random.NextBytes(bytes);
        return "040000008200E00074C5B7101A82E00800000000" + Convert.ToHexString(bytes);
    }
}

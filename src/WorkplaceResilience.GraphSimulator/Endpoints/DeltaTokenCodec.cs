using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WorkplaceResilience.GraphSimulator.Endpoints;

/// <summary>What a calendarView delta token carries: the fixed window, the sync position and the page.</summary>
/// <param name="Kind">"initial" (paging the first sync), "changes" (paging a later round) or "delta" (a round is complete).</param>
/// <param name="Since">Changes after this store version are reported (rounds), 0 for the initial sync.</param>
/// <param name="Upto">Store version the current round runs up to.</param>
/// <param name="Cursor">Keyset position of the last item sent: "startTicks:id" while paging the initial sync (robust
/// to events moving or vanishing between pages), the last version sent while paging a round; "" on the first page.</param>
internal sealed record DeltaState(string Kind, Guid UserId, DateTimeOffset Start, DateTimeOffset End, long Since, long Upto, string Cursor, int PageSize);

/// <summary>
/// Opaque, tamper-evident delta tokens (HMAC with a per-server key): a token from another simulator instance, a
/// different user or an edited token is unknown, which Graph answers with 410 <c>syncStateNotFound</c>.
/// </summary>
internal sealed class DeltaTokenCodec
{
    private byte[] key = RandomNumberGenerator.GetBytes(32);

    /// <summary>Forgets every token handed out so far (Graph's sync state expired): each is answered 410 from now on.</summary>
    public void Expire() => Volatile.Write(ref key, RandomNumberGenerator.GetBytes(32));

    public string Encode(DeltaState state)
    {
        var payload = string.Join('|', state.Kind, state.UserId.ToString("N"), state.Start.UtcTicks, state.End.UtcTicks, state.Since, state.Upto, state.PageSize, state.Cursor);
        var bytes = Encoding.UTF8.GetBytes(payload);
        var mac = HMACSHA256.HashData(Volatile.Read(ref key), bytes).AsSpan(0, 16).ToArray();
        return Base64Url([.. bytes, .. mac]);
    }

    public DeltaState? Decode(string token)
    {
        try
        {
            var raw = FromBase64Url(token);
            if (raw.Length <= 16)
            {
                return null;
            }

            var bytes = raw[..^16];
            var expected = HMACSHA256.HashData(Volatile.Read(ref key), bytes).AsSpan(0, 16);
            if (!CryptographicOperations.FixedTimeEquals(expected, raw.AsSpan(raw.Length - 16)))
            {
                return null;
            }

            var p = Encoding.UTF8.GetString(bytes).Split('|');
            return new DeltaState(p[0], Guid.ParseExact(p[1], "N"),
                new DateTimeOffset(long.Parse(p[2], CultureInfo.InvariantCulture), TimeSpan.Zero),
                new DateTimeOffset(long.Parse(p[3], CultureInfo.InvariantCulture), TimeSpan.Zero),
                long.Parse(p[4], CultureInfo.InvariantCulture), long.Parse(p[5], CultureInfo.InvariantCulture),
                string.Join('|', p[7..]), int.Parse(p[6], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is FormatException or IndexOutOfRangeException or ArgumentException or OverflowException)
        {
            return null;
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}

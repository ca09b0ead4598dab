using Microsoft.AspNetCore.DataProtection;

namespace WorkplaceResilience.Api.Infrastructure;

/// <summary>
/// Small signed strings that expire, for links handed to a browser (the dashboard link, the admin-consent state).
/// The data protector checks expiry against the system clock, so lifetimes are measured by it too.
/// </summary>
public static class ShortLivedTickets
{
    private const int LongestTicket = 2048;

    public static string Issue(IDataProtectionProvider protection, string purpose, string payload, TimeSpan lifetime) =>
        Protector(protection, purpose).Protect(payload, DateTimeOffset.UtcNow + lifetime);

    /// <summary>The payload, or null when the ticket is missing, too long, forged, for another purpose or expired.</summary>
    public static string? Read(IDataProtectionProvider protection, string purpose, string? ticket)
    {
        if (string.IsNullOrEmpty(ticket) || ticket.Length > LongestTicket) return null;
        try
        {
            return Protector(protection, purpose).Unprotect(ticket, out _);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private static ITimeLimitedDataProtector Protector(IDataProtectionProvider protection, string purpose) =>
        protection.CreateProtector(purpose).ToTimeLimitedDataProtector();
}

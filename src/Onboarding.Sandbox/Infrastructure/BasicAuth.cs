using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Onboarding.Sandbox.Infrastructure;

/// <summary>Reads HTTP Basic credentials (RFC 7617) the way the emulated services check them.</summary>
internal static class BasicAuth
{
    private const string Scheme = "Basic ";

    /// <summary>The decoded <c>user-id:password</c> text of a Basic Authorization header; null when there is none or it is not base64.</summary>
    public static string? Credentials(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            return null;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(header[Scheme.Length..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Compares a presented secret with the expected one in time that does not depend on where they differ.</summary>
    public static bool SecretEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}

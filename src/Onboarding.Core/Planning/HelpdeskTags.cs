using System.Security.Cryptography;
using System.Text;

namespace Onboarding.Core.Planning;

/// <summary>
/// The tags by which the program finds its own Freshdesk tickets again. Freshdesk refuses a tag longer than
/// <see cref="MaxLength"/> characters, and a readable key (a community name may be 40 characters, a hub name 30) does
/// not fit in that; so a tag is a short prefix and a hash of the readable key, and the readable key itself goes into
/// the ticket's text (<see cref="Reference"/>). Earlier versions tagged tickets with the readable key itself: those
/// tags are still recognised, so an upgrade finds what it sent and sends nothing twice.
/// </summary>
public static class HelpdeskTags
{
    /// <summary>Freshdesk's limit on one tag (400 invalid_value beyond it).</summary>
    public const int MaxLength = 32;

    private const string HubReadyPrefix = "onb-ready-";
    private const string AskPrefix = "onb-ask-";

    /// <summary>The readable key of a hub's "your hub is ready" email, and the tag earlier versions gave it.</summary>
    public static string HubReadyKey(string community, string hub) => $"onboarding-hub-ready-{community}-{hub}";

    /// <summary><c>onb-ready-</c> and 20 hex digits of the readable key's SHA-256: 30 characters.</summary>
    public static string HubReady(string community, string hub) => HubReadyPrefix + Hash(HubReadyKey(community, hub), 20);

    /// <summary>The readable key of a missing-information request for one set of questions (and its earlier tag).</summary>
    public static string MissingInformationKey(string community, string setDigest) => LegacyMissingInformationPrefix(community) + setDigest;

    /// <summary>
    /// <c>onb-ask-</c>, 12 hex digits of the community's name, a dash and the set's digest (8): 29 characters. Every
    /// request of one community starts with <see cref="MissingInformationPrefix"/>, whatever the set it asks for.
    /// </summary>
    public static string MissingInformation(string community, string setDigest) => MissingInformationPrefix(community) + setDigest;

    public static string MissingInformationPrefix(string community) => $"{AskPrefix}{Hash(community, 12)}-";

    /// <summary>What every request of the community was tagged with before tags were hashed.</summary>
    public static string LegacyMissingInformationPrefix(string community) => $"onboarding-missing-{community}-";

    /// <summary>True when <paramref name="tag"/> marks a missing-information request of the community, in either scheme.</summary>
    public static bool IsMissingInformation(string community, string tag) =>
        tag.StartsWith(MissingInformationPrefix(community), StringComparison.OrdinalIgnoreCase)
        || tag.StartsWith(LegacyMissingInformationPrefix(community), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A ticket's tags as they may be written back: the community's request tags of the earlier scheme (which Freshdesk
    /// would now refuse) become their hashed form, so nothing the ticket was known by is lost.
    /// </summary>
    public static IReadOnlyList<string> Upgraded(string community, IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var legacy = LegacyMissingInformationPrefix(community);
        return [.. tags
            .Select(t => t.StartsWith(legacy, StringComparison.OrdinalIgnoreCase) ? MissingInformation(community, t[legacy.Length..].ToLowerInvariant()) : t)
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The line that names a ticket's readable key in its text, for the agents who read it.</summary>
    public static string Reference(string key) => $"<p>Reference: {System.Net.WebUtility.HtmlEncode(key)}</p>";

    private static string Hash(string text, int length) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..length];
}

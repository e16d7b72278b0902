using System.Globalization;
using System.Text.RegularExpressions;

namespace Onboarding.Core.Turnup;

/// <summary>
/// The hidden first line of every turnup issue: the stable key by which a re-run finds the issue it already opened.
/// GitHub keeps HTML comments in the body but does not show them.
/// </summary>
public static partial class TurnupMarker
{
    public const int LastPhase = 3;

    /// <summary>
    /// The label every turnup issue of <paramref name="community"/> carries, e.g. <c>community:tidepool</c>: listing
    /// the issues with it reads one community's issues directly (never lagging, unlike search), in one request however
    /// many communities the repository holds. 10 characters plus a name of at most 40 fit GitHub's 50.
    /// </summary>
    public static string CommunityLabel(string community) => "community:" + community;

    /// <summary>The marker line, e.g. <c>&lt;!-- onboarding:turnup community=tidepool hub=prod phase=1 --&gt;</c>.</summary>
    /// <exception cref="ArgumentException">A name is not a machine name (validation guarantees they are), or the phase is not 0 to 3.</exception>
    public static string For(string community, string hub, int phase)
    {
        // Names are checked, not escaped: anything else could end the comment or fake a second marker.
        if (!NamePattern().IsMatch(community))
            throw new ArgumentException($"\"{community}\" is not a community machine name.", nameof(community));
        if (!NamePattern().IsMatch(hub))
            throw new ArgumentException($"\"{hub}\" is not a hub machine name.", nameof(hub));
        ArgumentOutOfRangeException.ThrowIfNegative(phase);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(phase, LastPhase);
        return $"<!-- onboarding:turnup community={community} hub={hub} phase={phase.ToString(CultureInfo.InvariantCulture)} -->";
    }

    /// <summary>Reads the marker from the first line of an issue body; a marker anywhere else does not count, so one
    /// quoted in a comment or a code block never makes an issue look like a turnup issue.</summary>
    public static bool TryParse(string? body, out string community, out string hub, out int phase)
    {
        community = hub = "";
        phase = -1;
        if (string.IsNullOrEmpty(body))
            return false;

        var end = body.IndexOf('\n', StringComparison.Ordinal);
        var first = (end < 0 ? body : body[..end]).TrimStart('\uFEFF').Trim();
        var match = MarkerPattern().Match(first);
        if (!match.Success)
            return false;

        community = match.Groups["community"].Value;
        hub = match.Groups["hub"].Value;
        phase = match.Groups["phase"].Value[0] - '0';
        return true;
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,62})$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^<!-- onboarding:turnup community=(?<community>[a-z0-9][a-z0-9-]{0,62}) hub=(?<hub>[a-z0-9][a-z0-9-]{0,62}) phase=(?<phase>[0-3]) -->$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex MarkerPattern();
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Onboarding.Core.Turnup;

/// <summary>The issues the program opens in the infrastructure repository, by the template each comes from.</summary>
public enum TurnupPhase
{
    /// <summary>Phase 0: a sync chat between partnerships and engineering, once per request when the manifest asks for one.</summary>
    SyncChat = 0,

    /// <summary>Phase 1: the cloud account of a new dedicated cluster.</summary>
    CloudAccount = 1,

    /// <summary>Phase 2: a new dedicated cluster.</summary>
    Cluster = 2,

    /// <summary>Phase 3: the hubs of one request on one cluster, a section each.</summary>
    HubSetup = 3,

    /// <summary>Taking a hub out of service.</summary>
    Decommission = 4,
}

/// <summary>
/// What an issue's hidden marker says: whose issue it is and what it is for. Turnup issues name the community, the
/// cluster, the request (phases 0 and 3: the day the hubs were requested), the hubs and the phase; a decommission issue
/// names the community, the cluster and its hub. Markers written before issues were opened per cluster
/// (<see cref="IsLegacy"/>) name one hub and no cluster; they are still read, so those issues are found and adopted.
/// </summary>
/// <param name="Cluster">Null only on a legacy marker.</param>
/// <param name="Request">The request a phase 0 or 3 issue belongs to: the hubs' requested day, or <see cref="Undated"/>.</param>
public sealed record IssueMarker(string Community, string? Cluster, string? Request, IReadOnlyList<string> Hubs, TurnupPhase Phase)
{
    /// <summary>The request of hubs that carry no requested day.</summary>
    public const string Undated = "undated";

    public bool IsLegacy => Cluster is null;

    /// <summary>Stable across runs and changes to the body: the same issue always has the same key. Phases 1 and 2 are
    /// one per cluster, 0 and 3 one per cluster and request, a decommission issue one per hub.</summary>
    public string Key => IsLegacy
        ? LegacyKey(Community, Hubs[0], (int)Phase)
        : Phase switch
        {
            TurnupPhase.CloudAccount or TurnupPhase.Cluster => $"github:issue:{Community}:cluster:{Cluster}:phase-{(int)Phase}",
            TurnupPhase.Decommission => $"github:issue:{Community}:decommission:{Hubs[0]}",
            _ => $"github:issue:{Community}:cluster:{Cluster}:request:{Request}:phase-{(int)Phase}",
        };

    /// <summary>The hidden first line of the issue's body.</summary>
    public string Line => TurnupMarker.Format(this);

    /// <summary>The key an issue opened one set per hub had, e.g. <c>github:issue:tidepool:prod:phase-1</c>.</summary>
    public static string LegacyKey(string community, string hub, int phase) => $"github:issue:{community}:{hub}:phase-{phase.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>What the marker says, in words, for the plan: "phase 3 of tidepool on cluster tidepool (hubs staging, prod)".</summary>
    public string Describe() => IsLegacy
        ? $"phase {(int)Phase} of {Community} ({Hubs[0]}), opened one set per hub"
        : Phase == TurnupPhase.Decommission
            ? $"decommissioning {Community} ({Hubs[0]}) on cluster {Cluster}"
            : $"phase {(int)Phase} of {Community} on cluster {Cluster} ({(Hubs.Count == 1 ? "hub" : "hubs")} {string.Join(", ", Hubs)})";
}

/// <summary>
/// The hidden first line of every issue the program opens: the stable key by which a re-run finds it. GitHub keeps
/// HTML comments in the body but does not show them. A marker anywhere but the first line does not count.
/// </summary>
public static partial class TurnupMarker
{
    /// <summary>
    /// The label every issue of <paramref name="community"/> carries, e.g. <c>community:tidepool</c>: listing the issues
    /// with it reads one community's issues directly (never lagging, unlike search), in one request however many
    /// communities the repository holds. 10 characters plus a name of at most 40 fit GitHub's 50.
    /// </summary>
    public static string CommunityLabel(string community) => "community:" + community;

    /// <summary>
    /// The marker of a turnup issue, e.g. <c>&lt;!-- onboarding:turnup community=tidepool cluster=tidepool
    /// request=2026-11-02 hubs=staging,prod phase=3 --&gt;</c> (phases 1 and 2 name no request).
    /// </summary>
    /// <exception cref="ArgumentException">A name is not a machine name (validation guarantees they are), there is no
    /// hub, or a request is missing or given where the phase takes none.</exception>
    public static IssueMarker Turnup(string community, string cluster, string? request, IReadOnlyList<string> hubs, TurnupPhase phase)
    {
        ArgumentNullException.ThrowIfNull(hubs);
        if (phase == TurnupPhase.Decommission)
            throw new ArgumentOutOfRangeException(nameof(phase), phase, "A decommission issue has a marker of its own.");
        var perRequest = phase is TurnupPhase.SyncChat or TurnupPhase.HubSetup;
        if (perRequest != (request is not null) || (request is not null && !RequestPattern().IsMatch(request)))
            throw new ArgumentException($"Phase {(int)phase} {(perRequest ? "needs the request's day (YYYY-MM-DD) or \"undated\"" : "names no request")}.", nameof(request));
        var marker = new IssueMarker(Checked(community, nameof(community)), Checked(cluster, nameof(cluster)), request, [.. hubs.Select(h => Checked(h, nameof(hubs)))], phase);
        return marker.Hubs.Count > 0 ? marker : throw new ArgumentException("A turnup issue is about at least one hub.", nameof(hubs));
    }

    /// <summary>The marker of the issue that takes a hub out of service.</summary>
    public static IssueMarker Decommission(string community, string cluster, string hub) =>
        new(Checked(community, nameof(community)), Checked(cluster, nameof(cluster)), null, [Checked(hub, nameof(hub))], TurnupPhase.Decommission);

    /// <summary>The comment line of a marker.</summary>
    public static string Format(IssueMarker marker)
    {
        ArgumentNullException.ThrowIfNull(marker);
        var phase = ((int)marker.Phase).ToString(CultureInfo.InvariantCulture);
        if (marker.IsLegacy)
            return $"<!-- onboarding:turnup community={marker.Community} hub={marker.Hubs[0]} phase={phase} -->";
        if (marker.Phase == TurnupPhase.Decommission)
            return $"<!-- onboarding:decommission community={marker.Community} cluster={marker.Cluster} hub={marker.Hubs[0]} -->";
        var request = marker.Request is null ? "" : $" request={marker.Request}";
        return $"<!-- onboarding:turnup community={marker.Community} cluster={marker.Cluster}{request} hubs={string.Join(',', marker.Hubs)} phase={phase} -->";
    }

    /// <summary>Reads the marker from the first line of an issue body: a turnup, decommission or legacy marker. A
    /// marker anywhere else does not count, so one quoted in a comment or a code block never makes an issue look like ours.</summary>
    public static IssueMarker? Parse(string? body)
    {
        if (string.IsNullOrEmpty(body))
            return null;
        var end = body.IndexOf('\n', StringComparison.Ordinal);
        var first = (end < 0 ? body : body[..end]).TrimStart('\uFEFF').Trim();

        if (TurnupPattern().Match(first) is { Success: true } turnup)
        {
            var phase = (TurnupPhase)(turnup.Groups["phase"].Value[0] - '0');
            var request = turnup.Groups["request"].Success ? turnup.Groups["request"].Value : null;
            if ((phase is TurnupPhase.SyncChat or TurnupPhase.HubSetup) != (request is not null))
                return null;
            var hubs = turnup.Groups["hubs"].Value.Split(',');
            return hubs.Distinct(StringComparer.Ordinal).Count() == hubs.Length
                ? new IssueMarker(turnup.Groups["community"].Value, turnup.Groups["cluster"].Value, request, hubs, phase)
                : null;
        }

        if (DecommissionPattern().Match(first) is { Success: true } decommission)
            return new IssueMarker(decommission.Groups["community"].Value, decommission.Groups["cluster"].Value, null, [decommission.Groups["hub"].Value], TurnupPhase.Decommission);

        if (LegacyPattern().Match(first) is { Success: true } legacy)
            return new IssueMarker(legacy.Groups["community"].Value, null, null, [legacy.Groups["hub"].Value], (TurnupPhase)(legacy.Groups["phase"].Value[0] - '0'));

        return null;
    }

    // Names are checked, not escaped: anything else could end the comment or fake a second marker.
    private static string Checked(string name, string parameter) =>
        NamePattern().IsMatch(name) ? name : throw new ArgumentException($"\"{name}\" is not a machine name.", parameter);

    private const string Name = "[a-z0-9][a-z0-9-]{0,62}";

    [GeneratedRegex("^" + Name + "$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|" + IssueMarker.Undated + ")$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex RequestPattern();

    [GeneratedRegex("^<!-- onboarding:turnup community=(?<community>" + Name + ") cluster=(?<cluster>" + Name + ")(?: request=(?<request>[0-9]{4}-[0-9]{2}-[0-9]{2}|" + IssueMarker.Undated + "))? hubs=(?<hubs>" + Name + "(?:," + Name + "){0,19}) phase=(?<phase>[0-3]) -->$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex TurnupPattern();

    [GeneratedRegex("^<!-- onboarding:decommission community=(?<community>" + Name + ") cluster=(?<cluster>" + Name + ") hub=(?<hub>" + Name + ") -->$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex DecommissionPattern();

    [GeneratedRegex("^<!-- onboarding:turnup community=(?<community>" + Name + ") hub=(?<hub>" + Name + ") phase=(?<phase>[0-3]) -->$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex LegacyPattern();
}

using System.Globalization;
using Onboarding.Core.Configuration;
using Onboarding.Core.Manifests;
using Onboarding.Core.Services;
using Onboarding.Core.Services.GitHub;
using Onboarding.Core.Services.HubSpot;
using Onboarding.Core.Services.Prometheus;
using Onboarding.Core.Text;
using Onboarding.Core.Turnup;

namespace Onboarding.Core.FirstValue;

/// <summary>What the run did about one hub.</summary>
public enum FirstValueOutcome
{
    /// <summary>Fewer than the threshold of non-staff users.</summary>
    NotYet,

    /// <summary>This run wrote First Value to HubSpot (and commented on the phase 3 issue).</summary>
    Recorded,

    /// <summary>The community already had First Value in HubSpot; nothing was written.</summary>
    AlreadyRecorded,

    /// <summary>Reached, but another hub of the community reached it first; the community holds one First Value.</summary>
    ReachedByOtherHub,

    /// <summary>Reached, but the community is not in HubSpot (apply has not run for it); nothing was written.</summary>
    NotInHubSpot,

    /// <summary>A service failed; <see cref="FirstValueRow.Detail"/> says which and how.</summary>
    Failed,

    /// <summary>No login is meant for the community's Prometheus, so it was not asked; <see cref="FirstValueRow.Detail"/> names what to set.</summary>
    Skipped,
}

/// <param name="Result">Null when usage could not be read.</param>
public sealed record FirstValueRow(FirstValueHub Hub, FirstValueResult? Result, FirstValueOutcome Outcome, string? Detail);

public sealed record FirstValueReport(IReadOnlyList<FirstValueRow> Rows, IReadOnlyList<string> Notes)
{
    public bool Succeeded => Rows.All(r => r.Outcome != FirstValueOutcome.Failed);
}

/// <summary>
/// The First Value check over every deployed hub: reads usage, and records First Value once per community. The
/// comment on the phase 3 issue goes first and is found again by its own marker, and HubSpot is written last, so a run
/// cut off in between comments no second time and still records; a community that holds a First Value date gets no
/// write at all.
/// </summary>
public sealed class FirstValueRunner(IPrometheus prometheus, IHubSpot hubSpot, IGitHubIssues issues, OnboardingSettings settings)
{
    private Dictionary<string, HubSpotRecord>? _listed;

    /// <summary>
    /// Read every Community record once (100 a page) when the first is needed, so a community that already holds its
    /// First Value costs no request of its own. The listing only ever spares a read: a record it lacks, or one without
    /// a date, is read by name before anything is written.
    /// </summary>
    public bool Bulk { get; init; }

    public async Task<FirstValueReport> RunAsync(IReadOnlyList<Community> communities, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(communities);
        _listed = null;
        var rows = new List<FirstValueRow>();
        var notes = new List<string>();
        foreach (var community in communities.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            if (community.Paused is { } reason && !string.IsNullOrWhiteSpace(reason))
            {
                notes.Add($"{community.Name} is paused ({reason.Trim()}), so its hubs were not checked.");
                continue;
            }

            var deployed = community.Hubs.Where(h => h.Status == HubStatus.Deployed).ToList();
            if (deployed.Count > 0)
                rows.AddRange(await CheckCommunityAsync(community, deployed, now, cancellationToken));
        }

        if (rows.Count == 0 && notes.Count == 0)
            notes.Add("No manifest has a deployed hub yet.");
        return new FirstValueReport(rows, notes);
    }

    /// <summary>The hidden first line of the First Value comment, so a re-run finds it instead of commenting again.</summary>
    public static string CommentMarker(string community, string hub) =>
        $"<!-- onboarding:first-value community={community} hub={hub} phase={(int)TurnupPhase.HubSetup} -->";

    private async Task<List<FirstValueRow>> CheckCommunityAsync(Community community, List<Hub> hubs, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // No login meant for this community's Prometheus: it is not asked (and is never sent another's login).
        if (prometheus.LoginGap(community.Name) is { } gap)
        {
            var notAsked = gap.IsMistake ? FirstValueOutcome.Failed : FirstValueOutcome.Skipped;
            return [.. hubs.Select(h => new FirstValueRow(new FirstValueHub(community.Name, h.Name, h.Requested), null, notAsked, gap.Reason))];
        }

        var results = new List<(FirstValueHub Hub, FirstValueResult? Result, string? Failure)>();
        foreach (var hub in hubs)
        {
            var target = new FirstValueHub(community.Name, hub.Name, hub.Requested);
            try
            {
                var users = await prometheus.ActiveUsersAsync(community.Name, hub.Name, now - FirstValueCheck.Window, now, cancellationToken);
                results.Add((target, FirstValueCheck.Evaluate(target, users, settings.StaffUsers, now), null));
            }
            catch (ServiceException e)
            {
                results.Add((target, null, e.Message));
            }
        }

        var rows = results.Select(r => r.Failure is not null
            ? new FirstValueRow(r.Hub, null, FirstValueOutcome.Failed, r.Failure)
            : new FirstValueRow(r.Hub, r.Result, FirstValueOutcome.NotYet, r.Result!.Note)).ToList();

        // The earliest First Value is the community's; ties go to the hub listed first in the manifest.
        var first = rows.Where(r => r.Result is { Reached: true }).OrderBy(r => r.Result!.FirstValueDate).FirstOrDefault();
        if (first is null)
            return rows;

        FirstValueOutcome outcome;
        string? detail = first.Detail;
        try
        {
            (outcome, var said) = await RecordAsync(first.Result!, cancellationToken);
            detail = Join(detail, said);
        }
        catch (ServiceException e)
        {
            outcome = FirstValueOutcome.Failed;
            detail = Join(detail, e.Message);
        }

        return [.. rows.Select(r =>
            r == first ? r with { Outcome = outcome, Detail = detail }
            : r.Result is { Reached: true } ? r with { Outcome = FirstValueOutcome.ReachedByOtherHub }
            : r)];
    }

    private async Task<(FirstValueOutcome Outcome, string? Detail)> RecordAsync(FirstValueResult result, CancellationToken cancellationToken)
    {
        var names = settings.HubSpot.Properties;
        var hub = result.Hub;
        string[] recorded = [names.FirstValueDate, names.TimeToFirstValueDays, names.FirstValueHub];
        if (Bulk)
        {
            _listed ??= (await hubSpot.ListCommunitiesAsync([names.Name, .. recorded], cancellationToken))
                .Where(r => !string.IsNullOrEmpty(r[names.Name]))
                .GroupBy(r => r[names.Name]!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            if (_listed.GetValueOrDefault(hub.Community) is { } listed && !string.IsNullOrEmpty(listed[names.FirstValueDate]))
                return (FirstValueOutcome.AlreadyRecorded, $"HubSpot already holds First Value {listed[names.FirstValueDate]}.");
        }

        var record = await hubSpot.FindCommunityAsync(hub.Community, recorded, cancellationToken);
        if (record is null)
            return (FirstValueOutcome.NotInHubSpot, $"The community {hub.Community} is not in HubSpot yet (apply has not run for it); First Value was not recorded.");
        if (!string.IsNullOrEmpty(record[names.FirstValueDate]))
            return (FirstValueOutcome.AlreadyRecorded, $"HubSpot already holds First Value {record[names.FirstValueDate]}.");

        var commented = await CommentOnceAsync(result, cancellationToken);
        var properties = new Dictionary<string, string?>
        {
            [names.FirstValueDate] = result.FirstValueDate!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [names.FirstValueHub] = hub.Hub,
        };
        if (result.TimeToFirstValueDays is { } days)
            properties[names.TimeToFirstValueDays] = days.ToString(CultureInfo.InvariantCulture);
        await hubSpot.UpdateCommunityAsync(record.Id, properties, cancellationToken);
        return (FirstValueOutcome.Recorded, commented);
    }

    /// <summary>Comments on the hub's phase 3 issue unless a comment with the marker is there; says so when there is no such issue.</summary>
    private async Task<string?> CommentOnceAsync(FirstValueResult result, CancellationToken cancellationToken)
    {
        var hub = result.Hub;
        var found = await issues.ListIssuesByLabelAsync(settings.GitHub.TurnupLabels[0], cancellationToken);
        var own = await issues.GetOwnLoginAsync(cancellationToken);
        // Only the first line counts as a marker: an issue that merely quotes it is not the turnup issue. The hub's own
        // section may be in an issue of several hubs, or (opened one set per hub) in an issue of its own. Only an issue
        // the token's own account opened is onboarding's: anyone may open one with the marker.
        var issue = found
            .Where(i => Authorship.IsOwn(i.Author, own))
            .Select(i => (Issue: i, Marker: TurnupMarker.Parse(i.Body)))
            .Where(i => i.Marker is { Phase: TurnupPhase.HubSetup } m && m.Community == hub.Community && m.Hubs.Contains(hub.Hub, StringComparer.Ordinal))
            .OrderBy(i => i.Marker!.IsLegacy)
            .ThenBy(i => i.Issue.Number)
            .Select(i => i.Issue)
            .FirstOrDefault();
        if (issue is null)
            return $"No phase {(int)TurnupPhase.HubSetup} turnup issue was found for {hub.Community} ({hub.Hub}), so nothing was commented.";

        var marker = CommentMarker(hub.Community, hub.Hub);
        if (await issues.FindCommentByMarkerAsync(issue.Number, marker, cancellationToken) is not null)
            return null;
        await issues.CreateCommentAsync(issue.Number, CommentBody(result, marker), cancellationToken);
        return null;
    }

    public static string CommentBody(FirstValueResult result, string marker)
    {
        ArgumentNullException.ThrowIfNull(result);
        var hub = result.Hub;
        var date = result.FirstValueDate!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var ttfv = result.TimeToFirstValueDays is { } days
            ? $"Time to First Value: **{days.ToString(CultureInfo.InvariantCulture)} days** from the request on {hub.Requested!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}."
            : "Time to First Value is unknown: the manifest does not say when the hub was requested.";
        return $"""
            {marker}
            **First Value** reached on {date}: {result.DistinctUsers.ToString(CultureInfo.InvariantCulture)} distinct non-staff users used {MarkdownText.Inline(hub.Community)} ({MarkdownText.Inline(hub.Hub)}) in the last {FirstValueCheck.Window.Days.ToString(CultureInfo.InvariantCulture)} days.
            {ttfv} Recorded on the community in HubSpot.
            """;
    }

    private static string? Join(string? a, string? b) => a is null ? b : b is null ? a : a + " " + b;
}

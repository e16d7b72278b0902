using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Onboarding.Core.Planning;

/// <summary>
/// One thing a plan does that a reviewer must have seen before apply does it: an email or ticket to a person, a turnup
/// issue opened, something removed. <paramref name="Key"/> is what two plans are compared by (no ids, numbers, links
/// or wording); <paramref name="Words"/> says what the reviewed plan did not do, for the reason a community is held.
/// </summary>
public sealed record ReviewedItem(string Key, string Words);

/// <summary>What the plan comment of a pull request recorded, read back at apply.</summary>
/// <param name="Communities">Each planned community's item keys, by community name; null when no record can be trusted.</param>
/// <param name="Problem">Why there is no trustworthy record (a sentence), or null.</param>
public sealed record ReviewedRecord(IReadOnlyDictionary<string, IReadOnlySet<string>>? Communities, string? Problem);

/// <summary>
/// The fingerprint of a reviewed plan: per community, the keys of what matters (<see cref="Of"/>), written into the
/// plan's comment as one hidden line (<see cref="Record"/>) and read back by apply (<see cref="Read"/>). Apply holds a
/// community whose plan now does something that matters which the reviewed plan did not. What does not matter (ids,
/// links, issue numbers, the wording of texts, an issue's body being brought up to date, notes) is left out, and
/// something reviewed but no longer needed is fine, so the check does not cry wolf.
/// </summary>
/// <remarks>
/// The record is base64 of a JSON object with a SHA-256 digest of it beside (as the other markers are written,
/// <c>key=value</c> pairs); a record whose digest does not match
/// (edited by hand), that does not read, or that appears more than once in the comment is not trusted. The digest is
/// not a signature: someone who may edit the comment and recomputes it can forge a record, which is why apply also
/// requires the comment to be written by its own account.
/// </remarks>
public static class PlanFingerprint
{
    /// <summary>The start of the hidden record line in the plan comment.</summary>
    public const string RecordPrefix = "<!-- onboarding:reviewed-plan version=1 ";

    private const string RecordSuffix = " -->";

    /// <summary>What matters in one community's plan; <paramref name="removals"/> are the guard's (hubs and deals dropped from the manifest).</summary>
    public static IReadOnlyList<ReviewedItem> Of(CommunityPlan plan, IEnumerable<GuardedRemoval> removals)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(removals);
        var items = new List<ReviewedItem>();
        foreach (var step in plan.Steps)
        {
            switch (step)
            {
                case SendHubAvailableEmail send:
                    foreach (var to in new[] { send.Email.To }.Concat(send.Email.Cc))
                        items.Add(new($"email|{send.Key}|{to.ToLowerInvariant()}", $"did not send the hub-available email for {send.Email.Hub} to {to}"));
                    break;
                case OpenMissingInformationRequest open:
                    foreach (var to in open.Request.To)
                        items.Add(new($"ticket|{plan.Name}|{to.ToLowerInvariant()}", $"did not open a missing-information ticket to {to}"));
                    break;
                case OpenTurnupIssue issue:
                    items.Add(new($"issue|{issue.Key}", $"did not open the turnup issue '{issue.Issue.Title}'"));
                    break;
                case RemoveLabel remove:
                    items.Add(Removal("person", remove.Email));
                    break;
            }
        }

        items.AddRange(removals.Where(r => r.ManifestPath == plan.ManifestPath).Select(r => Removal(r.Kind, r.What)));
        return [.. items.DistinctBy(i => i.Key, StringComparer.Ordinal).OrderBy(i => i.Key, StringComparer.Ordinal)];
    }

    /// <summary>The hidden line that records what matters in every community of <paramref name="plan"/>.</summary>
    public static string Record(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var removals = plan.Guard?.Removals ?? [];
        var communities = new SortedDictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var community in plan.Communities.Where(c => c.Paused is null))
            communities[community.Name] = [.. Of(community, removals).Select(i => i.Key)];
        var payload = Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(communities));
        return $"{RecordPrefix}digest={Digest(payload)} record={payload}{RecordSuffix}";
    }

    /// <summary>Reads the record from a plan comment's body; a missing, edited or repeated record is not trusted, and the sentence says so.</summary>
    public static ReviewedRecord Read(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var lines = body.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Contains("onboarding:reviewed-plan", StringComparison.Ordinal)).ToList();
        if (lines.Count == 0)
            return new ReviewedRecord(null, "its plan comment holds no record of the reviewed plan");
        const string edited = "the record of the reviewed plan in its plan comment was changed after the plan wrote it, so it is not trusted";
        if (lines.Count > 1 || !lines[0].StartsWith(RecordPrefix, StringComparison.Ordinal) || !lines[0].EndsWith(RecordSuffix, StringComparison.Ordinal))
            return new ReviewedRecord(null, edited);
        var parts = lines[0][RecordPrefix.Length..^RecordSuffix.Length].Split(' ');
        if (parts.Length != 2 || !parts[0].StartsWith("digest=", StringComparison.Ordinal) || !parts[1].StartsWith("record=", StringComparison.Ordinal))
            return new ReviewedRecord(null, edited);
        var payload = parts[1]["record=".Length..];
        if (parts[0]["digest=".Length..] != Digest(payload))
            return new ReviewedRecord(null, edited);
        try
        {
            var communities = JsonSerializer.Deserialize<Dictionary<string, string[]>>(Convert.FromBase64String(payload));
            if (communities is null || communities.Values.Any(v => v is null))
                return new ReviewedRecord(null, edited);
            return new ReviewedRecord(
                communities.ToDictionary(c => c.Key, c => (IReadOnlySet<string>)c.Value.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal), null);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return new ReviewedRecord(null, edited);
        }
    }

    /// <summary>What <paramref name="applied"/> does that <paramref name="reviewed"/> did not, in words ("did not send …"); empty when nothing.</summary>
    public static IReadOnlyList<string> NotReviewed(IReadOnlyList<ReviewedItem> applied, IReadOnlySet<string>? reviewed)
    {
        ArgumentNullException.ThrowIfNull(applied);
        return [.. applied.Where(i => reviewed is null || !reviewed.Contains(i.Key)).Select(i => i.Words)];
    }

    private static ReviewedItem Removal(string kind, string what) =>
        new($"remove|{kind}|{(kind == "person" ? what.ToLowerInvariant() : what)}", $"did not remove the {kind} {what}");

    private static string Digest(string payload) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(payload)));
}

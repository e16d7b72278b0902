using System.Globalization;
using System.Text.Json;
using Onboarding.Core.Services.GitHub;

namespace Onboarding.Core.Authoring;

/// <summary>A review of a pull request as GitHub lists it.</summary>
/// <param name="State">APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING.</param>
/// <param name="CommitId">The commit the review was given on; null for some old or pending reviews.</param>
public sealed record PullRequestReview(long Id, string Reviewer, string State, string? CommitId);

/// <summary>What the review check needs to know about one pull request, from a <c>pull_request</c> or <c>pull_request_review</c> event.</summary>
/// <param name="Author">The login of whoever opened the pull request (the bot's, for one made from the issue form).</param>
/// <param name="FromThisRepository">The head branch lives in the repository itself, not in a fork.</param>
public sealed record ReviewedPullRequest(int Number, string Author, string HeadSha, string HeadRef, bool FromThisRepository)
{
    /// <summary>The pull request, or the sentence saying why the file is not a pull-request event.</summary>
    public static (ReviewedPullRequest? PullRequest, string? Problem) Parse(ReadOnlySpan<byte> payload)
    {
        if (WorkflowEvent.TryParse(payload) is not { } document)
            return (null, WorkflowEvent.NotJson);

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("pull_request", out var pull) || pull.ValueKind != JsonValueKind.Object
                || !pull.TryGetProperty("number", out var number) || !number.TryGetInt32(out var n)
                || Text(Child(pull, "user"), "login") is not { Length: > 0 } author
                || Text(Child(pull, "head"), "sha") is not { Length: > 0 } sha
                || Text(Child(pull, "head"), "ref") is not { } headRef)
            {
                return (null, "the event file is not a GitHub pull_request or pull_request_review event (it has no pull_request with a number, user and head)");
            }

            var headRepository = Text(Child(Child(pull, "head"), "repo"), "full_name");
            var baseRepository = Text(Child(Child(pull, "base"), "repo"), "full_name");
            var same = headRepository is not null && string.Equals(headRepository, baseRepository, StringComparison.OrdinalIgnoreCase);
            return (new ReviewedPullRequest(n, author, sha, headRef, same), null);
        }
    }

    private static JsonElement? Child(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? Text(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>The review check's answer: passed or not, and the sentence that says why.</summary>
public sealed record ReviewVerdict(bool Passed, string Sentence);

/// <summary>
/// The required review check (docs/reliability.md, "Security"): a pull request may merge only when someone who is not
/// its author approved its latest commit. The author of a pull request made from the new-community form is the bot, so
/// the person who filed the issue counts as its author too: without this, a code owner could file a request and approve
/// "the bot's" change alone. An approval counts only for the commit it was given on; apps' approvals never count.
/// </summary>
public static class ReviewCheck
{
    /// <summary>
    /// The issue a pull request was made from: its branch is <see cref="FormFeedback.BranchFor"/> of that issue in this
    /// repository. Anyone who may push can name a branch so, but that only adds people whose approval does not count.
    /// </summary>
    public static int? IssueOf(ReviewedPullRequest pull)
    {
        ArgumentNullException.ThrowIfNull(pull);
        const string prefix = "onboarding/issue-";
        if (!pull.FromThisRepository || !pull.HeadRef.StartsWith(prefix, StringComparison.Ordinal))
            return null;
        var digits = pull.HeadRef[prefix.Length..];
        return digits.Length is > 0 and <= 9 && digits.All(char.IsAsciiDigit) && digits[0] != '0'
            ? int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture)
            : null;
    }

    /// <param name="issueAuthor">The login of who filed the issue the pull request was made from; null when it was not made from one.</param>
    /// <param name="reviews">Every review of the pull request, oldest first, as GitHub lists them.</param>
    public static ReviewVerdict Judge(ReviewedPullRequest pull, string? issueAuthor, IReadOnlyList<PullRequestReview> reviews)
    {
        ArgumentNullException.ThrowIfNull(pull);
        ArgumentNullException.ThrowIfNull(reviews);
        var authors = new List<string> { pull.Author };
        if (issueAuthor is { Length: > 0 } && !authors.Contains(issueAuthor, StringComparer.OrdinalIgnoreCase))
            authors.Add(issueAuthor);
        var whoIsAuthor = issueAuthor is { Length: > 0 } && IssueOf(pull) is { } issue
            ? $"@{issueAuthor}, who filed issue #{issue.ToString(CultureInfo.InvariantCulture)} this pull request was made from" +
              (string.Equals(issueAuthor, pull.Author, StringComparison.OrdinalIgnoreCase) ? "" : $", and @{pull.Author}, who opened it")
            : $"@{pull.Author}, who opened it";
        var head = Short(pull.HeadSha);

        // A reviewer's latest decisive review is what they think now: an approval followed by a request for changes, or
        // dismissed, no longer approves. Comments change nothing, as on GitHub.
        var latest = reviews
            .Where(r => r.State is "APPROVED" or "CHANGES_REQUESTED" or "DISMISSED")
            .GroupBy(r => r.Reviewer, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.Last())
            .ToList();
        var approvals = latest.Where(r => r.State == "APPROVED").ToList();
        var counted = approvals.Where(r => !IsAuthor(r.Reviewer) && !IsApp(r.Reviewer) && string.Equals(r.CommitId, pull.HeadSha, StringComparison.OrdinalIgnoreCase)).ToList();
        if (counted.Count > 0)
        {
            return new ReviewVerdict(true,
                $"Approved at the latest commit ({head}) by {People(counted.Select(r => r.Reviewer))}, who did not write it (the author is {whoIsAuthor}).");
        }

        var reasons = new List<string>();
        var own = approvals.Where(r => IsAuthor(r.Reviewer)).Select(r => r.Reviewer).ToList();
        if (own.Count > 0)
            reasons.Add($"the approval of {People(own)} does not count, as the author");
        var apps = approvals.Where(r => !IsAuthor(r.Reviewer) && IsApp(r.Reviewer)).Select(r => r.Reviewer).ToList();
        if (apps.Count > 0)
            reasons.Add($"the approval of {People(apps)} does not count, as an app");
        var stale = approvals.Where(r => !IsAuthor(r.Reviewer) && !IsApp(r.Reviewer)).ToList();
        if (stale.Count > 0)
            reasons.Add($"{People(stale.Select(r => r.Reviewer))} approved an earlier commit ({string.Join(", ", stale.Select(r => Short(r.CommitId ?? "unknown")).Distinct(StringComparer.Ordinal))}), and what changed since needs a new approval");
        var because = reasons.Count == 0 ? "nobody has approved it yet" : string.Join("; ", reasons);
        return new ReviewVerdict(false,
            $"Needs an approval of the latest commit ({head}) by someone other than {whoIsAuthor}: {because}.");

        bool IsAuthor(string login) => authors.Contains(login, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Apps (and the Actions token) approve as <c>name[bot]</c>; their approval is never an independent review.</summary>
    private static bool IsApp(string login) => login.EndsWith("[bot]", StringComparison.OrdinalIgnoreCase);

    private static string People(IEnumerable<string> logins) => string.Join(", ", logins.Distinct(StringComparer.OrdinalIgnoreCase).Select(l => "@" + l));

    private static string Short(string sha) => sha.Length > 7 ? sha[..7] : sha;
}

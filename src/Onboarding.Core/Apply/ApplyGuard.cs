namespace Onboarding.Core.Apply;

/// <summary>Whether a guarded change was approved, and a sentence saying how (or why not).</summary>
public sealed record Approval(bool Approved, string Why);

/// <summary>
/// How apply checks large or destructive changes (<see cref="Planning.ChangeGuard"/>), and changes the pull request's
/// reviewers did not see (<see cref="ReviewedPlan"/>), before it makes them.
/// </summary>
/// <param name="TotalCommunities">Every community in the repository, the base of the "more than a quarter" rule.</param>
/// <param name="Allowed">Approved up front (<c>--allow-large-change</c>).</param>
/// <param name="FindApproval">Looks for the approval label on the merged pull request; asked only when a change needs
/// approval. Null when there is no pull request to ask (apply --all).</param>
public sealed record ApplyGuard(int TotalCommunities, bool Allowed, Func<CancellationToken, Task<Approval>>? FindApproval)
{
    /// <summary>Reads the plan the merged pull request's reviewers saw; asked only when a plan does something that
    /// matters. Null when nothing is compared (apply --all).</summary>
    public Func<CancellationToken, Task<ReviewedPlan>>? FindReviewedPlan { get; init; }
}

/// <summary>
/// The plan the reviewers of the merged pull request saw, as its plan comment recorded it
/// (<see cref="Planning.PlanFingerprint"/>), or why there is none.
/// </summary>
public sealed record ReviewedPlan
{
    private ReviewedPlan(bool checks, string source, string? why, IReadOnlyDictionary<string, IReadOnlySet<string>>? communities)
    {
        Checks = checks;
        Source = source;
        Why = why;
        Communities = communities;
    }

    /// <summary>False when this run is not compared with a reviewed plan (no pull request made the commit).</summary>
    public bool Checks { get; }

    /// <summary>Where the reviewed plan comes from: "pull request #12".</summary>
    public string Source { get; }

    /// <summary>Why it is not compared, or why no record can be trusted; null when the record was read.</summary>
    public string? Why { get; }

    private IReadOnlyDictionary<string, IReadOnlySet<string>>? Communities { get; }

    /// <summary>There is nothing to compare with, and that is fine: apply goes on and says so.</summary>
    public static ReviewedPlan NotChecked(string why) => new(false, "", why, null);

    /// <summary>There should be a record and none can be trusted: everything that matters counts as not reviewed.</summary>
    public static ReviewedPlan Untrusted(string source, string why) => new(true, source, why, null);

    public static ReviewedPlan Recorded(string source, IReadOnlyDictionary<string, IReadOnlySet<string>> communities) => new(true, source, null, communities);

    /// <summary>The keys reviewed for a community; null when none were (no record, or the community was not in it).</summary>
    public IReadOnlySet<string>? For(string community) => Communities?.GetValueOrDefault(community);

    /// <summary>Why a community is held, before what differs: "the plan differs from the one reviewed on pull request #12".</summary>
    public string HeldBecause => Why is null
        ? $"the plan differs from the one reviewed on {Source}"
        : $"no reviewed plan of {Source} can be trusted ({Why})";
}

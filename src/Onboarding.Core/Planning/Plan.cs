using System.Text.Json.Serialization;

namespace Onboarding.Core.Planning;

/// <summary>What a step does. The plan lists them in the order apply executes them.</summary>
public enum StepKind
{
    Create,
    Update,
    Associate,
    Dissociate,
    OpenIssue,
    UpdateIssue,
    SendEmail,
    OpenTicket,
    AddNote,
}

/// <summary>One field of a record as it is and as it will be.</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>
/// One side effect, with the stable key that lets apply find it again instead of doing it twice.
/// </summary>
/// <param name="Service">hubspot, freshdesk or github.</param>
/// <param name="Target">What it acts on, in words: "community tidepool", "contact ana@…".</param>
/// <param name="Key">Stable across runs: the same change always has the same key.</param>
/// <param name="Body">The full text that will be sent, for issues, tickets and emails.</param>
public sealed record PlanStep(
    StepKind Kind,
    string Service,
    string Target,
    string Key,
    IReadOnlyList<FieldChange> Changes,
    string? Title = null,
    string? Body = null,
    IReadOnlyList<string>? Labels = null);

/// <summary>The plan for one community.</summary>
/// <param name="IsRenewal">The community exists and the manifest gained a deal.</param>
public sealed record CommunityPlan(
    string Name,
    string LongName,
    string ManifestPath,
    bool IsRenewal,
    IReadOnlyList<PlanStep> Steps,
    IReadOnlyList<Assumption> Assumptions,
    IReadOnlyList<Blocker> Blockers,
    IReadOnlyList<DealFact> Deals,
    [property: JsonIgnore] DesiredCommunity Desired,
    [property: JsonIgnore] ObservedCommunity Observed)
{
    public bool HasChanges => Steps.Count > 0;
}

/// <summary>Everything merging would do.</summary>
/// <param name="LiveChecked">True when the services were read; false when the plan came from git alone.</param>
/// <param name="Notes">Sentences for the reviewer: why live checks were skipped, which base was compared.</param>
public sealed record Plan(bool LiveChecked, IReadOnlyList<string> Notes, IReadOnlyList<CommunityPlan> Communities)
{
    /// <summary>Whether apply needs approval for this change (<see cref="ChangeGuard"/>); null when it was not judged.</summary>
    public GuardVerdict? Guard { get; init; }

    public int StepCount => Communities.Sum(c => c.Steps.Count);
}

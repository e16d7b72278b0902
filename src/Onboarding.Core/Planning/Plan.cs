using System.Text.Json.Serialization;
using Onboarding.Core.Manifests;
using Onboarding.Core.Turnup;

namespace Onboarding.Core.Planning;

/// <summary>What a step does, in one word a reviewer reads (the plan's "kind"); several kinds of step share one.</summary>
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
    Schedule,
}

/// <summary>One field of a record as it is and as it will be.</summary>
public sealed record FieldChange(string Field, string? Before, string? After)
{
    /// <summary>The fields whose wanted value differs from what is there, by field name; null <paramref name="current"/>
    /// means the record is new, so only the fields with a value are listed.</summary>
    public static IReadOnlyList<FieldChange> Between(IReadOnlyDictionary<string, string> wanted, IReadOnlyDictionary<string, string?>? current)
    {
        var changes = new List<FieldChange>();
        foreach (var (field, value) in wanted.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var before = current?.GetValueOrDefault(field);
            if (current is null ? value.Length > 0 : (before ?? "") != value)
                changes.Add(new FieldChange(field, before, value));
        }

        return changes;
    }
}

/// <summary>
/// One side effect. Each kind of change is its own record (<see cref="IPlanStepVisitor{TResult}"/> lists them) that
/// carries the data apply needs; what the plan shows (service, target, key, changes) is derived from that data.
/// </summary>
/// <remarks>
/// <c>--output json</c> writes the members declared here, in this order, whatever the kind of step.
/// </remarks>
public abstract record PlanStep
{
    public abstract StepKind Kind { get; }

    /// <summary>hubspot, freshdesk or github.</summary>
    public abstract string Service { get; }

    /// <summary>What it acts on, in words: "community tidepool", "contact ana@…".</summary>
    public abstract string Target { get; }

    /// <summary>Stable across runs: the same change always has the same key.</summary>
    public abstract string Key { get; }

    public abstract IReadOnlyList<FieldChange> Changes { get; }

    /// <summary>The title or subject that will be sent, for issues, tickets and emails.</summary>
    public virtual string? Title => null;

    /// <summary>The full text that will be sent, for issues, tickets, emails, notes and comments.</summary>
    public virtual string? Body => null;

    /// <summary>The labels or tags the issue or ticket will carry.</summary>
    public virtual IReadOnlyList<string>? Labels => null;

    /// <summary>For a text that is changed rather than made (an issue's body): the lines that change, as a short unified diff.</summary>
    public virtual string? Diff => null;

    public abstract TResult Accept<TResult>(IPlanStepVisitor<TResult> visitor);
}

/// <summary>The plan for one community.</summary>
/// <param name="Steps">In the order apply carries them out (<see cref="Planner"/> puts what a step needs before it).</param>
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

    /// <summary>Our BD and technical owners, as the manifest names them; null when it names none.</summary>
    public Owners? Owners { get; init; }

    /// <summary>The owners as the plan's comment asks them: "@kmensah (BD), @jun (technical)"; null when none is named.</summary>
    public string? OwnerMentions()
    {
        var mentions = new[] { (Owners.LoginOf(Owners?.Bd), "BD"), (Owners.LoginOf(Owners?.Technical), "technical") }
            .Where(o => o.Item1 is not null)
            .GroupBy(o => o.Item1!, StringComparer.OrdinalIgnoreCase)
            .Select(g => $"@{g.Key} ({string.Join(", ", g.Select(o => o.Item2))})")
            .ToList();
        return mentions.Count == 0 ? null : string.Join(", ", mentions);
    }

    /// <summary>The reason the manifest gives for pausing the community; when set the plan has no steps and nothing was read for it.</summary>
    public string? Paused { get; init; }

    /// <summary>What the plan does not do with issues, in sentences: issues opened one set per hub adopted or left
    /// alone, and issues that are due but cannot be opened.</summary>
    public IReadOnlyList<string> IssueNotes { get; init; } = [];

    /// <summary>Values changed by hand in HubSpot or Freshdesk that the plan leaves as they are (not in <c>heal</c>, not
    /// changed by the push): apply reports them, drift keeps reporting them.</summary>
    public IReadOnlyList<KeptEdit> KeptEdits { get; init; } = [];

    /// <summary>The template questions the issues this plan opens or rewrites leave unanswered.</summary>
    public IReadOnlyList<UnansweredRow> Unanswered => [.. Steps.SelectMany(UnansweredIn)];

    /// <summary>The template questions left unanswered in the issue a step opens or rewrites.</summary>
    internal static IEnumerable<UnansweredRow> UnansweredIn(PlanStep step)
    {
        var issue = step switch
        {
            OpenTurnupIssue open => open.Issue,
            UpdateTurnupIssue { BodyChanged: true } update => update.Issue,
            _ => null,
        };
        return issue?.Unanswered.Select(u => new UnansweredRow(issue.Title, u.Question, u.Hub, u.Reason)) ?? [];
    }
}

/// <summary>A question of a template that an issue leaves as the template has it.</summary>
/// <param name="Issue">The issue's title.</param>
/// <param name="Hub">The hub whose section it is in (phase 3), if any.</param>
/// <param name="Reason">Why an answer could not be used; null when there was none.</param>
public sealed record UnansweredRow(string Issue, string Question, string? Hub, string? Reason);

/// <summary>Everything merging would do.</summary>
/// <param name="LiveChecked">True when the services were read; false when the plan came from git alone.</param>
/// <param name="Notes">Sentences for the reviewer: why live checks were skipped, which base was compared.</param>
public sealed record Plan(bool LiveChecked, IReadOnlyList<string> Notes, IReadOnlyList<CommunityPlan> Communities)
{
    /// <summary>Whether apply needs approval for this change (<see cref="ChangeGuard"/>); null when it was not judged.</summary>
    public GuardVerdict? Guard { get; init; }

    public int StepCount => Communities.Sum(c => c.Steps.Count);
}

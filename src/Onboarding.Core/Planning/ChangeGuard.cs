using Onboarding.Core.Manifests;

namespace Onboarding.Core.Planning;

/// <summary>What a guarded change removes: a person's role (an association label apply would remove), a hub or a deal.</summary>
/// <param name="Kind">"person", "hub" or "deal".</param>
/// <param name="What">The email, hub name or deal id.</param>
public sealed record GuardedRemoval(string Community, string ManifestPath, string Kind, string What);

/// <summary>
/// The guard's verdict on one change: how many communities it touches out of all in the repository, what it removes,
/// and which manifests apply holds back unless the change is approved.
/// </summary>
/// <param name="Touched">Communities apply would change (at least one step, or a removal).</param>
/// <param name="Total">Communities in the repository.</param>
/// <param name="TooLarge">More than a quarter of all communities, and more than <see cref="ChangeGuard.SmallBatch"/>, would change.</param>
/// <param name="Held">The manifests apply refuses without approval: every touched one when the change is too large,
/// otherwise those that remove something.</param>
public sealed record GuardVerdict(int Touched, int Total, bool TooLarge, IReadOnlyList<GuardedRemoval> Removals, IReadOnlyList<string> Held)
{
    public bool NeedsApproval => Held.Count > 0;

    /// <summary>What the change does, in words: "removes 1 person (ana@example.org) and touches 5 of 12 communities".</summary>
    public string Summary => (Removals.Count > 0 ? $"removes {RemovalWords(Removals)} and " : "") +
        $"touches {Touched} of {ChangeGuard.Count(Total, "community", "communities")}";

    /// <summary>Says what the change does and that apply needs approval for it; null when it needs none.</summary>
    public string? Message => NeedsApproval
        ? $"This change {Summary}{(TooLarge ? " (more than a quarter of them)" : "")}; apply will refuse it unless the pull request carries the label " +
          $"'{ChangeGuard.ApprovalLabel}' or apply runs with {ChangeGuard.OverrideFlag}."
        : null;

    /// <summary>What each held manifest removes, for the refusal: "communities/a.yaml (removes person x@y)".</summary>
    public string HeldWords() => string.Join(", ", Held.Select(path =>
    {
        var removals = Removals.Where(r => r.ManifestPath == path).ToList();
        return removals.Count == 0 ? path : $"{path} (removes {RemovalWords(removals)})";
    }));

    private static string RemovalWords(IReadOnlyList<GuardedRemoval> removals)
    {
        var groups = new[] { ("person", "person", "people"), ("hub", "hub", "hubs"), ("deal", "deal", "deals") };
        var words = new List<string>();
        foreach (var (kind, one, many) in groups)
        {
            var items = removals.Where(r => r.Kind == kind).Select(r => r.What).Distinct(StringComparer.Ordinal).ToList();
            if (items.Count > 0)
                words.Add($"{ChangeGuard.Count(items.Count, one, many)} ({string.Join(", ", items)})");
        }

        return string.Join(", ", words);
    }
}

/// <summary>
/// Large or destructive changes need an explicit approval before apply makes them. Evaluated on what apply would
/// actually do, so the same rule holds for a merge and for the nightly run over every manifest: people come from the
/// plan's steps (an association label removed), hubs and deals from the manifest's previous version (apply never
/// deletes them in the services, so only the change to the manifest shows that they were dropped).
/// </summary>
public static class ChangeGuard
{
    /// <summary>The pull-request label that approves a guarded change.</summary>
    public const string ApprovalLabel = "onboarding:approve-large-change";

    /// <summary>The apply flag that approves a guarded change.</summary>
    public const string OverrideFlag = "--allow-large-change";

    /// <summary>A change to more than this share of all communities is large (if it is more than a small batch).</summary>
    public const double LargeShare = 0.25;

    /// <summary>
    /// A change to at most this many communities is never large: updating a few communities in one pull request is
    /// routine, and in a small repository (the three examples) a quarter would otherwise be less than one community.
    /// </summary>
    public const int SmallBatch = 3;

    /// <param name="changes">Each planned community with its input (the manifest and, when known, its previous version).</param>
    /// <param name="totalCommunities">Communities in the repository (every valid manifest), not only the changed ones.</param>
    public static GuardVerdict Evaluate(IReadOnlyList<(PlanInput Input, CommunityPlan Plan)> changes, int totalCommunities)
    {
        var removals = new List<GuardedRemoval>();
        var touched = new List<string>();
        foreach (var (input, plan) in changes.OrderBy(c => c.Plan.ManifestPath, StringComparer.Ordinal))
        {
            var own = Removals(plan, input.Head.Community, input.Base?.Community).ToList();
            removals.AddRange(own);
            if (plan.HasChanges || own.Count > 0)
                touched.Add(plan.ManifestPath);
        }

        var total = Math.Max(totalCommunities, touched.Count);
        var tooLarge = touched.Count > SmallBatch && touched.Count > total * LargeShare;
        IReadOnlyList<string> held = tooLarge
            ? touched
            : [.. removals.Select(r => r.ManifestPath).Distinct(StringComparer.Ordinal)];
        return new GuardVerdict(touched.Count, total, tooLarge, removals, held);
    }

    private static IEnumerable<GuardedRemoval> Removals(CommunityPlan plan, Community head, Community? previous)
    {
        var people = plan.Steps
            .Select(s => s.Accept(PersonRemoved.Instance))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        foreach (var email in people)
            yield return new GuardedRemoval(plan.Name, plan.ManifestPath, "person", email);
        if (previous is null)
            yield break;

        var hubs = head.Hubs.Select(h => h.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var hub in previous.Hubs.Select(h => h.Name).Where(h => !hubs.Contains(h)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal))
            yield return new GuardedRemoval(plan.Name, plan.ManifestPath, "hub", hub);

        var deals = head.Deals.ToHashSet(StringComparer.Ordinal);
        foreach (var deal in previous.Deals.Where(d => !deals.Contains(d)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            yield return new GuardedRemoval(plan.Name, plan.ManifestPath, "deal", deal);
    }

    internal static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";

    /// <summary>
    /// The person whose role a step removes, or null. Only the services' records count here; hubs and deals dropped
    /// from the manifest are found in its previous version, because apply never deletes them.
    /// </summary>
    private sealed class PersonRemoved : IPlanStepVisitor<string?>
    {
        public static PersonRemoved Instance { get; } = new();

        public string? Visit(RemoveLabel step) => step.Email;

        public string? Visit(CreateCommunity step) => null;

        public string? Visit(UpdateCommunity step) => null;

        public string? Visit(UpsertContact step) => null;

        public string? Visit(AddLabel step) => null;

        public string? Visit(AssociateDeal step) => null;

        public string? Visit(CreateCompany step) => null;

        public string? Visit(UpdateCompany step) => null;

        public string? Visit(CreateHelpdeskContact step) => null;

        public string? Visit(UpdateHelpdeskContact step) => null;

        public string? Visit(OpenTurnupIssue step) => null;

        public string? Visit(UpdateTurnupIssue step) => null;

        public string? Visit(OpenMissingInformationRequest step) => null;

        public string? Visit(NoteMissingInformationRequest step) => null;

        public string? Visit(ResolveMissingInformationRequest step) => null;

        public string? Visit(SendHubAvailableEmail step) => null;

        public string? Visit(AddDeliveryNote step) => null;

        public string? Visit(AddDeliveryComment step) => null;

        public string? Visit(PlaceOnBoard step) => null;
    }
}

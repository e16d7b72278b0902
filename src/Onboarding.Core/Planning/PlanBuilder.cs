using Onboarding.Core.Configuration;
using Onboarding.Core.Manifests;
using Onboarding.Core.Turnup;

namespace Onboarding.Core.Planning;

/// <summary>One manifest to plan: its validated head version and, when planning from git, its base version.</summary>
/// <param name="Base">The manifest on the base branch; null when it is new (or when planning without git).</param>
public sealed record PlanInput(ManifestDocument Head, ManifestDocument? Base)
{
    /// <summary>When the manifest and the configuration last changed in git: what tells a hand edit in a service from a
    /// manifest change not applied yet (<see cref="HandEdits"/>).</summary>
    public ChangeTimes Times { get; init; } = ChangeTimes.Unknown;
}

/// <summary>
/// Builds the plan the same way for a pull request and for apply: live against the services through a read-only
/// reader, or, without credentials, from git alone by comparing each manifest with its base version.
/// </summary>
public static class PlanBuilder
{
    /// <param name="templates">The issue templates the turnup issues are filled in from.</param>
    /// <param name="totalCommunities">Every community in the repository; when given, the plan says whether apply needs approval.</param>
    public static async Task<Plan> BuildAsync(
        IReadOnlyList<PlanInput> inputs,
        IObservedStateReader? reader,
        OnboardingSettings settings,
        TurnupTemplateSet templates,
        IReadOnlyList<string> notes,
        DateOnly? today = null,
        int? totalCommunities = null,
        CancellationToken cancellationToken = default)
    {
        var planned = new List<(PlanInput Input, CommunityPlan Plan)>();
        foreach (var input in inputs.OrderBy(i => i.Head.Path, StringComparer.Ordinal))
            planned.Add((input, await PlanOneAsync(input, reader, settings, templates, today, cancellationToken)));
        return new Plan(reader is not null, notes, [.. planned.Select(p => p.Plan)])
        {
            Guard = totalCommunities is { } total ? ChangeGuard.Evaluate([.. planned.Where(p => p.Plan.Paused is null)], total) : null,
        };
    }

    /// <summary>One community: apply plans (and executes) them one at a time, so one failure does not stop the rest.</summary>
    /// <param name="today">Decides which messages are due (a hub deployed recently is announced); none without it.</param>
    public static async Task<CommunityPlan> PlanOneAsync(
        PlanInput input, IObservedStateReader? reader, OnboardingSettings settings, TurnupTemplateSet templates, DateOnly? today = null, CancellationToken cancellationToken = default)
    {
        var document = input.Head;
        if (Paused(document) is { } reason)
            return PausedPlan(document, reason, settings, templates, today);
        if (reader is not null)
        {
            var deals = await reader.ReadDealsAsync(document.Community.Deals, cancellationToken);
            var desired = DesiredStateBuilder.Build(document, deals, dealsChecked: true, settings, templates, today);
            var observed = await reader.ReadAsync(desired, cancellationToken);

            // The missing-information ticket is known once a run opened it; the issues it concerns then link to it.
            if (desired.MissingInformation is not null && observed.OpenRequests.FirstOrDefault(r => r.Id > 0) is { } open)
                desired = DesiredStateBuilder.Build(document, deals, dealsChecked: true, settings, templates, today, settings.Freshdesk.TicketUrl(open.Id));

            // A push owns the fields it changed; every other difference is judged by who wrote it last, and when.
            var applied = input.Base is { } earlier
                ? DesiredStateBuilder.Build(earlier, Unchecked(earlier.Community.Deals), dealsChecked: false, settings, templates, today)
                : null;
            var edits = new HandEdits(settings, input.Times, HandEdits.Pushed(applied, desired, settings));
            return Planner.Plan(document, desired, observed, deals, settings, today, edits);
        }

        var notChecked = Unchecked(document.Community.Deals);
        var offline = DesiredStateBuilder.Build(document, notChecked, dealsChecked: false, settings, templates, today);
        var baseline = input.Base is { } before
            ? ObservedCommunity.AsApplied(DesiredStateBuilder.Build(before, Unchecked(before.Community.Deals), dealsChecked: false, settings, templates, today))
            : ObservedCommunity.Empty;
        return Planner.Plan(document, offline, baseline, notChecked, settings, edits: HandEdits.None(settings));
    }

    /// <summary>The reason a manifest gives for pausing its community, trimmed; null when it is not paused.</summary>
    public static string? Paused(ManifestDocument document) =>
        document?.Community.Paused is { } reason && !string.IsNullOrWhiteSpace(reason) ? reason.Trim() : null;

    /// <summary>A paused community: no steps, and nothing read from the services for it.</summary>
    private static CommunityPlan PausedPlan(ManifestDocument document, string reason, OnboardingSettings settings, TurnupTemplateSet templates, DateOnly? today)
    {
        var community = document.Community;
        var desired = DesiredStateBuilder.Build(document, Unchecked(community.Deals), dealsChecked: false, settings, templates, today);
        return new CommunityPlan(community.Name, community.LongName, document.Path, false, [], [], [], [], desired, ObservedCommunity.Empty) { Paused = reason, Owners = community.Owners };
    }

    private static List<DealFact> Unchecked(IReadOnlyList<string> deals) =>
        [.. deals.Select(d => new DealFact(d, null, null, Exists: true, InAllowedStage: false))];
}

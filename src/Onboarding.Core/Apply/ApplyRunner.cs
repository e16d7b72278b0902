using Onboarding.Core.Configuration;
using Onboarding.Core.Planning;
using Onboarding.Core.Services;
using Onboarding.Core.Turnup;

namespace Onboarding.Core.Apply;

/// <summary>
/// Applies communities with exactly the planning code of <c>plan</c>: read and plan every community, check the change
/// against the guard, then execute the plans one community at a time. A failure in one community does not stop the
/// others; a service that keeps failing stops the run rather than being flooded.
/// </summary>
public sealed class ApplyRunner(IObservedStateReader reader, PlanExecutor executor, OnboardingSettings settings, TurnupTemplateSet templates, DateOnly? today = null)
{
    /// <summary>After this many communities in a row fail on the same service, the rest are not attempted.</summary>
    public const int ConsecutiveFailuresToStop = 3;

    /// <param name="guard">Holds back large or destructive changes that were not approved; null applies everything.</param>
    public async Task<ApplyReport> RunAsync(IReadOnlyList<PlanInput> inputs, IReadOnlyList<string> notes, ApplyGuard? guard = null, CancellationToken cancellationToken = default)
    {
        var results = new Dictionary<string, CommunityResult>(StringComparer.Ordinal);
        var allNotes = notes.ToList();
        var ordered = inputs.OrderBy(i => i.Head.Path, StringComparer.Ordinal).ToList();
        var failures = new FailureCount();

        // Plan everything first: the guard judges the whole change before any of it is made.
        var planned = new List<(PlanInput Input, CommunityPlan Plan)>();
        foreach (var input in ordered)
        {
            if (failures.Stopped)
            {
                results[input.Head.Path] = failures.NotAttempted(input);
                continue;
            }

            try
            {
                planned.Add((input, await PlanBuilder.PlanOneAsync(input, reader, settings, templates, today, cancellationToken)));
                failures.Succeeded();
            }
            catch (ServiceException e)
            {
                results[input.Head.Path] = failures.Failed(input, e);
            }
        }

        var held = guard is null ? [] : await HeldAsync(guard, [.. planned.Where(p => p.Plan.Paused is null)], allNotes, cancellationToken);
        foreach (var (input, plan) in planned)
        {
            if (plan.Paused is { } reason)
            {
                results[input.Head.Path] = new CommunityResult(input.Head.Community.Name, input.Head.Path, CommunityOutcome.Paused, [], $"paused: {reason}");
                continue;
            }

            if (held.TryGetValue(input.Head.Path, out var why))
            {
                results[input.Head.Path] = new CommunityResult(input.Head.Community.Name, input.Head.Path, CommunityOutcome.Held, [], why) { BdOwner = BdOwnerOf(input) };
                continue;
            }

            if (failures.Stopped)
            {
                results[input.Head.Path] = failures.NotAttempted(input);
                continue;
            }

            try
            {
                var steps = await executor.ExecuteAsync(plan, cancellationToken);
                if (plan.Steps.Any(s => s is OpenMissingInformationRequest))
                    steps = [.. steps, .. await LinkTheNewTicketAsync(input, cancellationToken)];
                results[input.Head.Path] = new CommunityResult(input.Head.Community.Name, input.Head.Path, CommunityOutcome.Applied, steps, null) { KeptEdits = plan.KeptEdits };
                failures.Succeeded();
            }
            catch (ServiceException e)
            {
                results[input.Head.Path] = failures.Failed(input, e);
            }
        }

        if (failures.Stopped)
        {
            allNotes.Add($"{failures.Service} failed for {ConsecutiveFailuresToStop} communities in a row, so the run stopped early instead of flooding it; " +
                "run apply again once it answers (nothing is done twice).");
        }

        return new ApplyReport(allNotes, [.. ordered.Select(i => results[i.Head.Path])]);
    }

    /// <summary>
    /// The issues a missing-information ticket concerns link to it, but its number is known only once it is open: the
    /// issues just written are brought up to date in the same run, so a second apply has nothing left to do.
    /// </summary>
    private async Task<IReadOnlyList<StepResult>> LinkTheNewTicketAsync(PlanInput input, CancellationToken cancellationToken)
    {
        // Reading the whole repository, the run's one listing of turnup issues predates the issues just opened.
        reader.ReadAfresh(input.Head.Community.Name);
        var again = await PlanBuilder.PlanOneAsync(input, reader, settings, templates, today, cancellationToken);
        var links = again with { Steps = [.. again.Steps.OfType<UpdateTurnupIssue>()] };
        return links.Steps.Count == 0 ? [] : await executor.ExecuteAsync(links, cancellationToken);
    }

    /// <summary>
    /// The manifests held back, each with the reason; empty when the change needs no approval or has it. A change needs
    /// approval when the guard says so, or when a community's plan does something that matters which the reviewed plan
    /// of the merged pull request did not (<see cref="PlanFingerprint"/>).
    /// </summary>
    private static async Task<Dictionary<string, string>> HeldAsync(
        ApplyGuard guard, IReadOnlyList<(PlanInput Input, CommunityPlan Plan)> planned, List<string> notes, CancellationToken cancellationToken)
    {
        var verdict = ChangeGuard.Evaluate(planned, guard.TotalCommunities);
        var (reviewed, differences) = await NotReviewedAsync(guard, planned, verdict, notes, cancellationToken);
        if (!verdict.NeedsApproval && differences.Count == 0)
            return [];

        var approval = guard.Allowed
            ? new Approval(true, $"it was approved with {ChangeGuard.OverrideFlag}")
            : guard.FindApproval is { } find
                ? await find(cancellationToken)
                : new Approval(false, "this run has no pull request whose label could approve it");
        var what = verdict.Summary + (verdict.TooLarge ? " (more than a quarter of them)" : "");
        var unreviewed = differences.Count == 0 ? "" : $"{(verdict.NeedsApproval ? "; " : "")}{reviewed!.HeldBecause} for {DifferenceWords(differences)}";
        var change = (verdict.NeedsApproval ? $"this change {what}" : "") + unreviewed;
        if (approval.Approved)
        {
            notes.Add($"{char.ToUpperInvariant(change[0])}{change[1..]}; it is applied because {approval.Why}.");
            return [];
        }

        var held = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in verdict.Held)
        {
            held[path] = verdict.TooLarge
                ? "held back: part of a change to more than a quarter of all communities that was not approved"
                : $"held back: removes {string.Join(", ", verdict.Removals.Where(r => r.ManifestPath == path).Select(r => $"{r.Kind} {r.What}"))} without approval";
        }

        foreach (var (path, words) in differences)
        {
            var reason = $"{reviewed!.HeldBecause}: the reviewed plan {string.Join("; ", words)}";
            held[path] = held.TryGetValue(path, out var guarded) ? $"{guarded}; {reason}" : $"held back: {reason}";
        }

        var heldWords = string.Join(", ", held.Keys.Order(StringComparer.Ordinal));
        notes.Add($"Refused: {change}, and {approval.Why}. Nothing was applied for {(verdict.NeedsApproval && differences.Count == 0 ? verdict.HeldWords() : heldWords)}. " +
            $"If the change is intended, add the label '{ChangeGuard.ApprovalLabel}' to the merged pull request and re-run this apply, " +
            $"or run apply with {ChangeGuard.OverrideFlag} (in GitHub, run the Apply workflow by hand with 'allow large change').");
        return held;
    }

    /// <summary>
    /// Each community whose plan does something that matters which the reviewed plan did not, with what (in words);
    /// the reviewed plan is read only when some plan does something that matters.
    /// </summary>
    private static async Task<(ReviewedPlan? Reviewed, Dictionary<string, IReadOnlyList<string>> Differences)> NotReviewedAsync(
        ApplyGuard guard, IReadOnlyList<(PlanInput Input, CommunityPlan Plan)> planned, GuardVerdict verdict, List<string> notes, CancellationToken cancellationToken)
    {
        var differences = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (guard.FindReviewedPlan is not { } find)
            return (null, differences);
        var mattering = planned
            .Select(p => (p.Plan, Items: PlanFingerprint.Of(p.Plan, verdict.Removals)))
            .Where(p => p.Items.Count > 0)
            .ToList();
        if (mattering.Count == 0)
            return (null, differences);

        var reviewed = await find(cancellationToken);
        if (!reviewed.Checks)
        {
            notes.Add($"The plan was not compared with a reviewed plan: {reviewed.Why}.");
            return (reviewed, differences);
        }

        foreach (var (plan, items) in mattering)
        {
            var words = PlanFingerprint.NotReviewed(items, reviewed.For(plan.Name));
            if (words.Count > 0)
                differences[plan.ManifestPath] = words;
        }

        return (reviewed, differences);
    }

    private static string DifferenceWords(Dictionary<string, IReadOnlyList<string>> differences) =>
        string.Join(", ", differences.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} (the reviewed plan {string.Join("; ", d.Value)})"));

    private static string? BdOwnerOf(PlanInput input) => Manifests.Owners.LoginOf(input.Head.Community.Owners?.Bd);

    /// <summary>Counts failures in a row on one service.</summary>
    private sealed class FailureCount
    {
        private int _inARow;

        public string? Service { get; private set; }

        public bool Stopped => _inARow >= ConsecutiveFailuresToStop;

        public CommunityResult Failed(PlanInput input, ServiceException e)
        {
            _inARow = e.Service == Service ? _inARow + 1 : 1;
            Service = e.Service;
            return new CommunityResult(input.Head.Community.Name, input.Head.Path, CommunityOutcome.Failed, [], e.Message) { BdOwner = BdOwnerOf(input) };
        }

        public void Succeeded() => _inARow = 0;

        public CommunityResult NotAttempted(PlanInput input) =>
            CommunityResult.NotAttempted(input.Head.Community.Name, input.Head.Path, $"not attempted: {Service} kept failing");
    }
}

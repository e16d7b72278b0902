using Onboarding.Core.Configuration;
using Onboarding.Core.Manifests;
using Onboarding.Core.Turnup;

namespace Onboarding.Core.Planning;

/// <summary>
/// Diffs the desired state of one community with what the services hold and lists the steps in the order apply runs
/// them: per service as a reviewer reads it (HubSpot, Freshdesk, GitHub, then the messages), and everything a step
/// needs before it (the community before its labels, deals and notes; contacts before their labels; the company before
/// its contacts and tickets). Steps of one kind stay together, so apply can send a run of them in one batch. Pure and
/// deterministic: the same inputs give the same plan, byte for byte.
/// </summary>
public static class Planner
{
    /// <param name="today">Which iteration of the project turnup issues are scheduled for; null leaves that to apply.</param>
    /// <param name="edits">Which values changed by hand are written over (<see cref="HandEdits"/>); none without it: every
    /// difference is written, except externally managed fields once set.</param>
    public static CommunityPlan Plan(
        ManifestDocument document, DesiredCommunity desired, ObservedCommunity observed, IReadOnlyList<DealFact> deals, OnboardingSettings settings, DateOnly? today = null,
        HandEdits? edits = null)
    {
        var steps = new List<PlanStep>();
        var name = desired.Name;
        edits ??= new HandEdits(settings with { Heal = ServiceFields.All }, ChangeTimes.Unknown, new HashSet<string>());
        var kept = new List<KeptEdit>();

        // HubSpot: the community, its contacts and their labels, its deals. A value changed by hand is kept and
        // reported unless the manifests own it (HandEdits).
        if (observed.CommunityId is null)
        {
            steps.Add(new CreateCommunity(name, desired.HubSpotProperties));
        }
        else
        {
            var (wanted, keptHere) = edits.Community(desired.HubSpotProperties, observed);
            kept.AddRange(keptHere);
            AddIfChanged(steps, new UpdateCommunity(name, observed.CommunityId, wanted, observed.CommunityProperties));
        }

        foreach (var contact in desired.Contacts)
        {
            var existing = observed.Contacts.GetValueOrDefault(contact.Email);
            if (existing is null)
                steps.Add(new UpsertContact(contact, null));
            else
            {
                var (keptNames, edit) = edits.HubSpotContact(contact, existing);
                if (edit is not null)
                    kept.Add(edit);
                AddIfChanged(steps, new UpsertContact(contact, existing) { Kept = keptNames });
            }
        }

        foreach (var contact in desired.Contacts)
        {
            var has = observed.ContactLabels.GetValueOrDefault(contact.Email) ?? [];
            foreach (var label in contact.Labels.Where(l => !has.Contains(l, StringComparer.OrdinalIgnoreCase)))
                steps.Add(new AddLabel(name, contact.Email, label));
        }

        // Nothing is deleted by omission: a person no longer listed loses the label, never the contact record.
        var desiredLabels = desired.Contacts.ToDictionary(c => c.Email, c => c.Labels, StringComparer.Ordinal);
        var managedLabels = new[] { settings.HubSpot.RepresentativeLabel, settings.HubSpot.TechnicalContactLabel };
        foreach (var (email, labels) in observed.ContactLabels.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var keep = desiredLabels.GetValueOrDefault(email) ?? [];
            foreach (var label in labels.Where(l => managedLabels.Contains(l, StringComparer.OrdinalIgnoreCase) && !keep.Contains(l, StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
                steps.Add(new RemoveLabel(name, email, label));
        }

        // A deal HubSpot does not know cannot be associated; the deal table of the plan says so.
        var missing = deals.Where(d => !d.Exists).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var deal in desired.Deals.Where(d => !observed.AssociatedDeals.Contains(d) && !missing.Contains(d)))
            steps.Add(new AssociateDeal(name, deal));

        // Freshdesk: the community as a company, every person as a contact of it.
        if (observed.Company is null)
        {
            steps.Add(new CreateCompany(name, desired.FreshdeskCompanyFields));
        }
        else
        {
            var (wanted, keptHere) = edits.Company(desired.FreshdeskCompanyFields, observed.Company);
            kept.AddRange(keptHere);
            AddIfChanged(steps, new UpdateCompany(name, observed.Company, wanted));
        }

        foreach (var contact in desired.Contacts)
        {
            var existing = observed.HelpdeskContacts.GetValueOrDefault(contact.Email);
            if (existing is null)
                steps.Add(new CreateHelpdeskContact(name, contact));
            else
            {
                var (write, edit) = edits.HelpdeskContactName(contact, existing);
                if (edit is not null)
                    kept.Add(edit);
                AddIfChanged(steps, new UpdateHelpdeskContact(name, contact, existing, observed.Company) { NameKept = !write });
            }
        }

        // GitHub: the turnup issues the requests need that are not open yet; changed ones are brought up to date.
        var issueNotes = new List<string>(desired.TurnupProblems);
        issueNotes.AddRange(observed.IgnoredMarkers);
        TurnupIssues(desired, observed, steps, issueNotes, Manifests.Owners.LoginOf(document.Community.Owners?.Technical));

        // GitHub: each open turnup issue not yet on the team's project goes there, once (then it is people's).
        if (settings.GitHub.Project is { } project)
            steps.AddRange(BoardPlanner.Steps(desired, observed, project, today));

        // Freshdesk: one request for exactly the missing information. A changed set is a note on the open request
        // (tagged with the new set, so it is noted once); once nothing is missing, the open request is noted and resolved.
        if (desired.MissingInformation is { } request && !request.AskedBy(observed.TicketTags))
        {
            steps.Add(observed.OpenRequests is [var open, ..]
                ? new NoteMissingInformationRequest(request, open)
                : new OpenMissingInformationRequest(request));
        }
        else if (desired.MissingInformation is null)
        {
            foreach (var open in observed.OpenRequests)
                steps.Add(new ResolveMissingInformationRequest(name, open));
        }

        // Freshdesk: each message due, once (its tag is its key).
        foreach (var email in desired.Emails.Where(e => !e.SentAs(observed.TicketTags)))
            steps.Add(new SendHubAvailableEmail(email));

        // BD, once the community has been told: a note in HubSpot and a comment on the hub's phase 3 issue (when there
        // is one), each once.
        var knownDeals = deals.Where(d => d.Exists).Select(d => d.Id).ToList();
        foreach (var delivery in desired.Deliveries)
        {
            if (!observed.DeliveryNotes.Contains(delivery.Marker))
                steps.Add(new AddDeliveryNote(name, delivery, knownDeals));

            if (observed.HubSetupIssue(delivery.Hub) is { } phase3 && !observed.DeliveryComments.Contains(delivery.Marker))
                steps.Add(new AddDeliveryComment(name, delivery, phase3, settings.GitHub.BdTeam));
        }

        var isRenewal = observed.CommunityId is not null && desired.Deals.Any(d => !observed.AssociatedDeals.Contains(d));
        return new CommunityPlan(name, document.Community.LongName, document.Path, isRenewal, steps, desired.Assumptions, desired.Blockers, deals, desired, observed)
        {
            IssueNotes = issueNotes,
            Owners = document.Community.Owners,
            KeptEdits = kept,
        };
    }

    /// <summary>
    /// Each desired issue is found by its key, or else among the issues opened one set per hub (before issues were
    /// opened per cluster): the oldest of those for its phase and hubs is adopted (its body rewritten in the template's
    /// form, with the new marker, while it is open) and the others are left alone, so nothing is opened twice. Open
    /// issues of the old scheme that no desired issue takes are left alone too; the notes say which.
    /// </summary>
    private static void TurnupIssues(DesiredCommunity desired, ObservedCommunity observed, List<PlanStep> steps, List<string> notes, string? assignee)
    {
        var legacy = observed.Issues
            .Where(i => i.Value.Marker is { IsLegacy: true } marker && marker.Community == desired.Name)
            .OrderBy(i => i.Value.Number)
            .ToList();
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var issue in desired.Issues)
        {
            if (observed.Issues.TryGetValue(issue.Key, out var existing))
            {
                AddIfChanged(steps, new UpdateTurnupIssue(issue, existing));
                continue;
            }

            var earlier = legacy
                .Where(l => !claimed.Contains(l.Key) && l.Value.Marker!.Phase == issue.Phase && issue.Hubs.Contains(l.Value.Marker.Hubs[0], StringComparer.Ordinal))
                .ToList();
            if (earlier.Count == 0)
            {
                steps.Add(new OpenTurnupIssue(issue) { Assignee = assignee });
                continue;
            }

            var adopted = earlier[0].Value;
            claimed.UnionWith(earlier.Select(l => l.Key));
            AddIfChanged(steps, new UpdateTurnupIssue(issue, adopted));
            notes.Add(adopted.Open
                ? $"{adopted.Reference} ({adopted.Marker!.Describe()}) is adopted as {issue.Id.Describe()}: its body is rewritten in the template's form."
                : $"{adopted.Reference} ({adopted.Marker!.Describe()}) is adopted as {issue.Id.Describe()}: it is closed, so it stays as it is and none is opened.");
            foreach (var (_, other) in earlier.Skip(1))
                notes.Add($"{other.Reference} ({other.Marker!.Describe()}) is left alone: {adopted.Reference} is {issue.Id.Describe()}.");
        }

        foreach (var (key, other) in legacy.Where(l => !claimed.Contains(l.Key) && l.Value.Open))
            notes.Add($"{other.Reference} ({other.Marker!.Describe()}) is left alone: the manifest asks for no such issue now.");
    }

    /// <summary>An update is planned only when it changes something.</summary>
    private static void AddIfChanged(List<PlanStep> steps, PlanStep update)
    {
        if (update.Changes.Count > 0)
            steps.Add(update);
    }
}

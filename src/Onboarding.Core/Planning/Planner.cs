using Onboarding.Core.Manifests;
using Onboarding.Core.Turnup;

namespace Onboarding.Core.Planning;

/// <summary>
/// Diffs the desired state of one community with what the services hold and lists the steps, in the order apply runs
/// them. Pure and deterministic: the same inputs give the same plan, byte for byte.
/// </summary>
public static class Planner
{
    public static CommunityPlan Plan(ManifestDocument document, DesiredCommunity desired, ObservedCommunity observed, IReadOnlyList<DealFact> deals, OnboardingSettings settings)
    {
        var steps = new List<PlanStep>();
        var name = desired.Name;

        // HubSpot: the community, its contacts and their labels, its deals.
        var communityChanges = Changes(desired.HubSpotProperties, observed.CommunityId is null ? null : observed.CommunityProperties);
        if (observed.CommunityId is null)
            steps.Add(new PlanStep(StepKind.Create, "hubspot", $"community {name}", $"hubspot:community:{name}", communityChanges));
        else if (communityChanges.Count > 0)
            steps.Add(new PlanStep(StepKind.Update, "hubspot", $"community {name}", $"hubspot:community:{name}", communityChanges));

        foreach (var contact in desired.Contacts)
        {
            var wanted = ObservedCommunity.ContactProperties(contact).ToDictionary(p => p.Key, p => p.Value ?? "", StringComparer.Ordinal);
            var existing = observed.Contacts.GetValueOrDefault(contact.Email);
            var changes = Changes(wanted, existing?.Properties);
            if (existing is null)
                steps.Add(new PlanStep(StepKind.Create, "hubspot", $"contact {contact.Email}", $"hubspot:contact:{contact.Email}", changes));
            else if (changes.Count > 0)
                steps.Add(new PlanStep(StepKind.Update, "hubspot", $"contact {contact.Email}", $"hubspot:contact:{contact.Email}", changes));
        }

        foreach (var contact in desired.Contacts)
        {
            var has = observed.ContactLabels.GetValueOrDefault(contact.Email) ?? [];
            foreach (var label in contact.Labels.Where(l => !has.Contains(l, StringComparer.OrdinalIgnoreCase)))
            {
                steps.Add(new PlanStep(StepKind.Associate, "hubspot", $"{contact.Email} as {label} of {name}",
                    $"hubspot:association:{name}:{contact.Email}:{label}", [new FieldChange("label", null, label)]));
            }
        }

        // Nothing is deleted by omission: a person no longer listed loses the label, never the contact record.
        var desiredLabels = desired.Contacts.ToDictionary(c => c.Email, c => c.Labels, StringComparer.Ordinal);
        var managedLabels = new[] { settings.HubSpot.RepresentativeLabel, settings.HubSpot.TechnicalContactLabel };
        foreach (var (email, labels) in observed.ContactLabels.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var keep = desiredLabels.GetValueOrDefault(email) ?? [];
            foreach (var label in labels.Where(l => managedLabels.Contains(l, StringComparer.OrdinalIgnoreCase) && !keep.Contains(l, StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
            {
                steps.Add(new PlanStep(StepKind.Dissociate, "hubspot", $"{email} as {label} of {name} (the contact record stays)",
                    $"hubspot:association:{name}:{email}:{label}", [new FieldChange("label", label, null)]));
            }
        }

        // A deal HubSpot does not know cannot be associated; the deal table of the plan says so.
        var missing = deals.Where(d => !d.Exists).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var deal in desired.Deals.Where(d => !observed.AssociatedDeals.Contains(d) && !missing.Contains(d)))
            steps.Add(new PlanStep(StepKind.Associate, "hubspot", $"deal {deal} with {name}", $"hubspot:deal:{name}:{deal}", [new FieldChange("deal", null, deal)]));

        // Freshdesk: the community as a company, every person as a contact of it.
        var companyChanges = Changes(desired.FreshdeskCompanyFields, observed.Company?.Fields);
        if (observed.Company is null)
            steps.Add(new PlanStep(StepKind.Create, "freshdesk", $"company {name}", $"freshdesk:company:{name}", [new FieldChange("name", null, name), .. companyChanges]));
        else if (companyChanges.Count > 0)
            steps.Add(new PlanStep(StepKind.Update, "freshdesk", $"company {name}", $"freshdesk:company:{name}", companyChanges));

        foreach (var contact in desired.Contacts)
        {
            var existing = observed.HelpdeskContacts.GetValueOrDefault(contact.Email);
            var fullName = ObservedCommunity.FullName(contact);
            if (existing is null)
            {
                steps.Add(new PlanStep(StepKind.Create, "freshdesk", $"contact {contact.Email}", $"freshdesk:contact:{contact.Email}",
                    [new FieldChange("name", null, fullName), new FieldChange("email", null, contact.Email), new FieldChange("company", null, name)]));
            }
            else if (existing.Name != fullName || (observed.Company?.Id is { } companyId && existing.CompanyId != companyId))
            {
                steps.Add(new PlanStep(StepKind.Update, "freshdesk", $"contact {contact.Email}", $"freshdesk:contact:{contact.Email}",
                    [.. existing.Name != fullName ? [new FieldChange("name", existing.Name, fullName)] : Array.Empty<FieldChange>(), new FieldChange("company", null, name)]));
            }
        }

        // GitHub: the turnup issues of every requested hub that has none yet; changed ones are brought up to date.
        foreach (var issue in desired.Issues)
        {
            if (!observed.Issues.TryGetValue(issue.Key, out var existing))
            {
                steps.Add(new PlanStep(StepKind.OpenIssue, "github", issue.Title, issue.Key,
                    [new FieldChange("status", null, issue.Phase == 0 ? "task list" : issue.Ready ? "READY" : "NOT READY")], issue.Title, issue.Body, issue.Labels));
            }
            else
            {
                // An issue opened before issues carried their community's label gets it, open or closed, so that
                // listing by that label finds every issue of the community.
                var bodyChanged = existing.Open && existing.Body != issue.Body;
                var communityLabel = TurnupMarker.CommunityLabel(name);
                var unlabelled = !existing.Labels.Contains(communityLabel, StringComparer.OrdinalIgnoreCase);
                if (bodyChanged || unlabelled)
                {
                    List<FieldChange> changes = [];
                    if (bodyChanged)
                        changes.Add(new FieldChange("body", "(as opened)", issue.Ready ? "READY" : "NOT READY"));
                    if (unlabelled)
                        changes.Add(new FieldChange("labels", null, communityLabel));
                    steps.Add(new PlanStep(StepKind.UpdateIssue, "github", existing.Number > 0 ? $"#{existing.Number} {issue.Title}" : issue.Title, issue.Key,
                        changes, issue.Title, issue.Body, issue.Labels));
                }
            }
        }

        // Freshdesk: one request for exactly the missing information. A changed set is a note on the open request
        // (tagged with the new set, so it is noted once); once nothing is missing, the open request is noted and resolved.
        if (desired.MissingInformation is { } request && !observed.TicketTags.Contains(request.Tag))
        {
            var questions = request.Items.Select(i => new FieldChange(i.Field, null, i.Question)).ToList();
            if (observed.OpenRequests is [var open, ..])
            {
                steps.Add(new PlanStep(StepKind.AddNote, "freshdesk", $"note on the open missing-information request{(open.Id > 0 ? $" #{open.Id}" : "")}: what is missing now",
                    $"freshdesk:ticket-note:{request.Tag}", questions, request.Subject, request.HtmlBody, [request.Tag]));
            }
            else
            {
                steps.Add(new PlanStep(StepKind.OpenTicket, "freshdesk", $"missing-information request to {string.Join(", ", request.To)}", $"freshdesk:ticket:{request.Tag}",
                    questions, request.Subject, request.HtmlBody, [request.Tag]));
            }
        }
        else if (desired.MissingInformation is null)
        {
            foreach (var open in observed.OpenRequests)
            {
                steps.Add(new PlanStep(StepKind.Update, "freshdesk", $"missing-information request{(open.Id > 0 ? $" #{open.Id}" : "")}: nothing is missing any more, resolve it",
                    $"freshdesk:ticket-resolve:{name}:{open.Id}", [new FieldChange("status", "open", "resolved")]));
            }
        }

        // Freshdesk: each message due, once (its tag is its key).
        foreach (var email in desired.Emails.Where(e => !observed.TicketTags.Contains(e.Tag)))
        {
            steps.Add(new PlanStep(StepKind.SendEmail, "freshdesk", $"hub-available email for {email.Hub} to {string.Join(", ", [email.To, .. email.Cc])}", $"freshdesk:email:{email.Tag}",
                [new FieldChange("subject", null, email.Subject)], email.Subject, email.HtmlBody, [email.Tag]));
        }

        // BD: a note in HubSpot and a comment on the hub's phase 3 issue (when there is one), each once.
        foreach (var delivery in desired.Deliveries)
        {
            if (!observed.DeliveryNotes.Contains(delivery.Marker))
            {
                steps.Add(new PlanStep(StepKind.AddNote, "hubspot", $"delivery note for {delivery.Hub} on {name} and its deals", $"hubspot:note:{name}:{delivery.Hub}:delivered",
                    [new FieldChange("note", null, $"{delivery.Hub} delivered")], Body: delivery.NoteBody));
            }

            var phase3 = TurnupIssue.KeyFor(name, delivery.Hub, 3);
            if (observed.Issues.TryGetValue(phase3, out var issue) && !observed.DeliveryComments.Contains(delivery.Marker))
            {
                steps.Add(new PlanStep(StepKind.AddNote, "github", $"delivery comment for BD on {(issue.Number > 0 ? $"#{issue.Number} " : "")}{issue.Title}", $"github:comment:{name}:{delivery.Hub}:delivered",
                    [new FieldChange("comment", null, settings.GitHub.BdTeam)], Body: delivery.CommentBody));
            }
        }

        var isRenewal = observed.CommunityId is not null && desired.Deals.Any(d => !observed.AssociatedDeals.Contains(d));
        return new CommunityPlan(name, document.Community.LongName, document.Path, isRenewal, steps, desired.Assumptions, desired.Blockers, deals, desired, observed);
    }

    /// <summary>The fields whose wanted value differs from what is there; null <paramref name="current"/> means the record is new.</summary>
    private static List<FieldChange> Changes(IReadOnlyDictionary<string, string> wanted, IReadOnlyDictionary<string, string?>? current)
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

using Onboarding.Core.Planning;
using Onboarding.Core.Services;
using Onboarding.Core.Services.Freshdesk;
using Onboarding.Core.Services.GitHub;
using Onboarding.Core.Services.HubSpot;
using Onboarding.Core.Turnup;

namespace Onboarding.Core.Apply;

/// <summary>
/// Carries out one community's plan. Every create is keyed and, when its answer is lost (a timeout, a reset, a 5xx
/// after the service committed), looked up again by that key before anything is made a second time.
/// </summary>
public sealed class PlanExecutor(IHubSpot hubSpot, IFreshdeskClient freshdesk, IGitHubIssues gitHub, OnboardingSettings settings)
{
    private Dictionary<string, int>? _labelTypes;

    public async Task<IReadOnlyList<StepResult>> ExecuteAsync(CommunityPlan plan, CancellationToken cancellationToken = default)
    {
        var results = new List<StepResult>();
        var desired = plan.Desired;
        var observed = plan.Observed;
        var steps = plan.Steps;

        // HubSpot: the community record first; everything else hangs off its id.
        var communityId = observed.CommunityId;
        foreach (var step in steps.Where(s => s.Service == "hubspot" && s.Kind is StepKind.Create or StepKind.Update && s.Key.StartsWith("hubspot:community:", StringComparison.Ordinal)))
        {
            if (step.Kind == StepKind.Create)
            {
                var (record, found) = await CreateOnceAsync(
                    () => hubSpot.CreateCommunityAsync(NonEmpty(desired.HubSpotProperties), cancellationToken),
                    () => hubSpot.FindCommunityAsync(desired.Name, [settings.HubSpot.Properties.Name], cancellationToken));
                communityId = record.Id;
                results.Add(Done(step, found, CommunityLink(record.Id)));
            }
            else
            {
                await hubSpot.UpdateCommunityAsync(communityId!, Changed(step), cancellationToken);
                results.Add(Done(step, false, CommunityLink(communityId!)));
            }
        }

        if (communityId is null)
            throw new InvalidOperationException($"The plan for {plan.Name} has no HubSpot community to attach to.");

        // Contacts in one batch upsert by email: repeatable, so a retry never makes a second contact.
        var contactSteps = steps.Where(s => s.Service == "hubspot" && s.Key.StartsWith("hubspot:contact:", StringComparison.Ordinal)).ToList();
        var contactIds = observed.Contacts.ToDictionary(c => c.Key, c => c.Value.Id, StringComparer.Ordinal);
        if (contactSteps.Count > 0)
        {
            var inputs = desired.Contacts
                .Where(c => contactSteps.Any(s => s.Key == $"hubspot:contact:{c.Email}"))
                .Select(c => new HubSpotContactInput(c.Email, ObservedCommunity.ContactProperties(c)))
                .ToList();
            var upserted = await hubSpot.UpsertContactsByEmailAsync(inputs, cancellationToken);
            for (var i = 0; i < upserted.Count && i < inputs.Count; i++)
                contactIds[inputs[i].Email] = upserted[i].Id;
            foreach (var step in contactSteps)
                results.Add(Done(step, false, ContactLink(contactIds.GetValueOrDefault(step.Key["hubspot:contact:".Length..]))));
        }

        // Labels in one batch (HubSpot takes up to 100 per call); deals and removals one by one.
        var labelSteps = new List<(PlanStep Step, string ContactId, int TypeId)>();
        foreach (var step in steps.Where(s => s.Service == "hubspot" && s.Kind is StepKind.Associate or StepKind.Dissociate))
        {
            if (step.Key.StartsWith("hubspot:deal:", StringComparison.Ordinal))
            {
                await hubSpot.AssociateCommunityDealAsync(communityId, step.Changes[0].After!, cancellationToken);
                results.Add(Done(step, false, CommunityLink(communityId)));
                continue;
            }

            // hubspot:association:<community>:<email>:<label>
            var parts = step.Key.Split(':', 5);
            var (email, label) = (parts[3], parts[4]);
            var typeId = await LabelTypeAsync(label, cancellationToken);
            if (!contactIds.TryGetValue(email, out var contactId))
                throw new ServiceException("hubspot", "associate a contact", null, $"HubSpot has no contact {email} to label as {label}.");
            if (step.Kind == StepKind.Associate)
            {
                labelSteps.Add((step, contactId, typeId));
                continue;
            }

            await hubSpot.RemoveCommunityContactLabelAsync(communityId, contactId, typeId, cancellationToken);
            results.Add(Done(step, false, CommunityLink(communityId)));
        }

        if (labelSteps.Count > 0)
        {
            await hubSpot.AssociateCommunityContactsAsync(communityId, [.. labelSteps.Select(l => (l.ContactId, l.TypeId))], cancellationToken);
            results.AddRange(labelSteps.Select(l => Done(l.Step, false, CommunityLink(communityId))));
        }

        // Freshdesk: the company, then its contacts.
        var companyId = observed.Company?.Id;
        foreach (var step in steps.Where(s => s.Key.StartsWith("freshdesk:company:", StringComparison.Ordinal)))
        {
            if (step.Kind == StepKind.Create)
            {
                var (company, found) = await CreateOnceAsync(
                    () => freshdesk.CreateCompanyAsync(desired.Name, NonEmpty(desired.FreshdeskCompanyFields), cancellationToken),
                    () => freshdesk.FindCompanyByNameAsync(desired.Name, cancellationToken));
                companyId = company.Id;
                results.Add(Done(step, found, HelpdeskLink("companies", company.Id)));
            }
            else
            {
                companyId ??= (await freshdesk.FindCompanyByNameAsync(desired.Name, cancellationToken))?.Id;
                await freshdesk.UpdateCompanyCustomFieldsAsync(companyId!.Value, Changed(step), cancellationToken);
                results.Add(Done(step, false, HelpdeskLink("companies", companyId.Value)));
            }
        }

        foreach (var step in steps.Where(s => s.Key.StartsWith("freshdesk:contact:", StringComparison.Ordinal)))
        {
            var contact = desired.Contacts.Single(c => step.Key == $"freshdesk:contact:{c.Email}");
            var input = new FreshdeskContactInput(ObservedCommunity.FullName(contact), contact.Email) { CompanyId = companyId };
            if (step.Kind == StepKind.Create)
            {
                var (created, found) = await CreateOnceAsync(
                    () => freshdesk.CreateContactAsync(input, cancellationToken),
                    () => freshdesk.FindContactByEmailAsync(contact.Email, cancellationToken));
                if (found && created.CompanyId != companyId)
                    await freshdesk.UpdateContactAsync(created.Id, input, cancellationToken);
                results.Add(Done(step, found, HelpdeskLink("contacts", created.Id)));
            }
            else
            {
                var existing = observed.HelpdeskContacts[contact.Email];
                await freshdesk.UpdateContactAsync(existing.Id!.Value, input, cancellationToken);
                results.Add(Done(step, false, HelpdeskLink("contacts", existing.Id.Value)));
            }
        }

        // GitHub: the turnup issues, found again by their marker if an answer was lost.
        foreach (var step in steps.Where(s => s.Service == "github" && s.Kind is StepKind.OpenIssue or StepKind.UpdateIssue))
        {
            var issue = desired.Issues.Single(i => i.Key == step.Key);
            if (step.Kind == StepKind.OpenIssue)
            {
                var (opened, found) = await CreateOnceAsync(
                    () => gitHub.CreateIssueAsync(new NewIssue(issue.Title, issue.Body, issue.Labels), cancellationToken),
                    async () => (await gitHub.FindIssuesByMarkerAsync(issue.Marker, TurnupMarker.CommunityLabel(plan.Name), cancellationToken)).MinBy(i => i.Number));
                results.Add(Done(step, found, opened.HtmlUrl.ToString()));
            }
            else
            {
                var existing = observed.Issues[step.Key];
                var bodyChanged = step.Changes.Any(c => c.Field == "body");
                IReadOnlyList<string>? labels = step.Changes.Any(c => c.Field == "labels")
                    ? [.. existing.Labels.Append(TurnupMarker.CommunityLabel(plan.Name)).Distinct(StringComparer.OrdinalIgnoreCase)]
                    : null;
                var change = new IssueChange(Title: bodyChanged ? issue.Title : null, Body: bodyChanged ? issue.Body : null, Labels: labels);
                var updated = await gitHub.UpdateIssueAsync(existing.Number, change, cancellationToken);
                results.Add(Done(step, false, updated.HtmlUrl.ToString()));
            }
        }

        // Freshdesk: the missing-information request, once per tag.
        foreach (var step in steps.Where(s => s.Kind == StepKind.OpenTicket))
        {
            var request = desired.MissingInformation!;
            var (ticket, found) = await CreateOnceAsync(
                () => freshdesk.CreateTicketAsync(
                    new FreshdeskNewTicket(request.To[0], request.Subject, request.HtmlBody)
                    {
                        CcEmails = [.. request.To.Skip(1)],
                        Tags = [request.Tag],
                        CompanyId = companyId,
                        Priority = FreshdeskTicketPriority.Medium,
                    },
                    cancellationToken),
                async () => (await freshdesk.FindTicketsByTagAsync(request.Tag, new FreshdeskTicketScope { RequesterEmail = request.To[0] }, cancellationToken)).MinBy(t => t.Id));
            results.Add(Done(step, found, HelpdeskLink("tickets", ticket.Id)));
        }

        // Freshdesk: a changed set of questions is a private note on the open request, which then carries the new tag; a
        // request no longer needed is noted and resolved. Each note carries its key, and is looked for on the ticket
        // first, so a run cut off between the note and the tag (or the resolve) does not note it twice.
        foreach (var step in steps.Where(s => s.Service == "freshdesk" && s.Kind is StepKind.AddNote or StepKind.Update && s.Key.StartsWith("freshdesk:ticket-", StringComparison.Ordinal)))
        {
            if (step.Kind == StepKind.AddNote)
            {
                var open = observed.OpenRequests[0];
                var request = desired.MissingInformation!;
                var found = await NoteOnceAsync(open.Id, NoteKey(request.Tag), $"<p>What is missing has changed; we now need:</p>{request.HtmlBody}", cancellationToken);
                await freshdesk.SetTicketTagsAsync(open.Id, [.. open.Tags.Append(request.Tag).Distinct(StringComparer.Ordinal)], cancellationToken);
                results.Add(Done(step, found, HelpdeskLink("tickets", open.Id)));
            }
            else
            {
                var id = long.Parse(step.Key[(step.Key.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                var found = await NoteOnceAsync(id, NoteKey($"onboarding-resolved-{plan.Name}"), "<p>The manifest now has everything this request asked for; resolving it.</p>", cancellationToken);
                await freshdesk.ResolveTicketAsync(id, cancellationToken);
                results.Add(Done(step, found, HelpdeskLink("tickets", id)));
            }
        }

        // BD: the delivery note in HubSpot and the comment on the phase 3 issue, found again by their marker.
        foreach (var step in steps.Where(s => s.Kind == StepKind.AddNote && s.Key.Contains(":delivered", StringComparison.Ordinal)))
        {
            var hubName = step.Key.Split(':')[3];
            var delivery = desired.Deliveries.Single(d => d.Hub == hubName);
            if (step.Service == "hubspot")
            {
                var targets = new List<HubSpotNoteTarget> { new(HubSpotObjectKind.Community, communityId) };
                targets.AddRange(plan.Deals.Where(d => d.Exists).Select(d => new HubSpotNoteTarget(HubSpotObjectKind.Deal, d.Id)));
                var (_, found) = await CreateOnceAsync(
                    async () => await hubSpot.CreateNoteAsync(delivery.NoteBody, new DateTimeOffset(delivery.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), targets, cancellationToken),
                    async () => (await hubSpot.ReadCommunityNotesAsync(communityId, cancellationToken)).FirstOrDefault(n => n["hs_note_body"]?.Contains(delivery.Marker, StringComparison.Ordinal) == true)?.Id);
                results.Add(Done(step, found, CommunityLink(communityId)));
            }
            else
            {
                var issue = observed.Issues[TurnupIssue.KeyFor(plan.Name, hubName, 3)];
                var (comment, found) = await CreateOnceAsync(
                    () => gitHub.CreateCommentAsync(issue.Number, delivery.CommentBody, cancellationToken),
                    () => gitHub.FindCommentByMarkerAsync(issue.Number, delivery.Marker, cancellationToken));
                results.Add(Done(step, found, comment.HtmlUrl.ToString()));
            }
        }

        foreach (var step in steps.Where(s => s.Kind == StepKind.SendEmail))
        {
            var email = desired.Emails.Single(e => step.Key == $"freshdesk:email:{e.Tag}");
            var (sent, found) = await CreateOnceAsync(
                () => freshdesk.SendOutboundEmailAsync(
                    new FreshdeskOutboundEmail(email.To, email.Subject, email.HtmlBody, settings.Freshdesk.EmailConfigId) { CcEmails = email.Cc, Tags = [email.Tag] },
                    cancellationToken),
                async () => (await freshdesk.FindTicketsByTagAsync(email.Tag, new FreshdeskTicketScope { RequesterEmail = email.To }, cancellationToken)).MinBy(t => t.Id));
            results.Add(Done(step, found, HelpdeskLink("tickets", sent.Id)));
        }

        return results;
    }

    /// <summary>
    /// The line that makes a note findable among a ticket's conversations: plain, visible text (the note is private, for
    /// agents), because a helpdesk may strip HTML comments from what it stores.
    /// </summary>
    public static string NoteKey(string key) => $"onboarding-note: {key}";

    /// <summary>Adds the note with its key unless a note on the ticket already carries that key; true when it was found.</summary>
    private async Task<bool> NoteOnceAsync(long ticketId, string key, string html, CancellationToken cancellationToken)
    {
        var conversations = await freshdesk.ListConversationsAsync(ticketId, cancellationToken);
        if (conversations.Any(c => c.Body.Contains(key, StringComparison.Ordinal) || c.BodyText.Contains(key, StringComparison.Ordinal)))
            return true;
        await freshdesk.AddNoteAsync(ticketId, $"{html}<p><small>{System.Net.WebUtility.HtmlEncode(key)}</small></p>", cancellationToken: cancellationToken);
        return false;
    }

    /// <summary>
    /// Creates, unless the answer is lost or says "already exists": then the thing is looked up by its key, and only a
    /// thing that is really not there makes the failure stand.
    /// </summary>
    private static async Task<(T Value, bool Found)> CreateOnceAsync<T>(Func<Task<T>> create, Func<Task<T?>> find)
        where T : class
    {
        try
        {
            return (await create(), false);
        }
        catch (ServiceException e) when (e.Status is null or >= 500 or 409)
        {
            var existing = await find();
            if (existing is null)
                throw;
            return (existing, true);
        }
    }

    private async Task<int> LabelTypeAsync(string label, CancellationToken cancellationToken)
    {
        _labelTypes ??= (await hubSpot.ReadCommunityContactLabelsAsync(cancellationToken))
            .Where(l => l.Label is not null)
            .GroupBy(l => l.Label!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().TypeId, StringComparer.OrdinalIgnoreCase);
        return _labelTypes.TryGetValue(label, out var typeId)
            ? typeId
            : throw new ServiceException("hubspot", "associate a contact", null,
                $"HubSpot has no association label \"{label}\" between the Community object and contacts; create it in HubSpot's settings or fix the label name in onboarding.yaml.");
    }

    private string? ContactLink(string? id) =>
        id is null ? null : $"https://app.hubspot.com/contacts/{settings.HubSpot.PortalId}/record/0-1/{id}";

    private string HelpdeskLink(string kind, long id) => new Uri(settings.Freshdesk.HelpdeskUrl, $"a/{kind}/{id}").ToString();

    private string CommunityLink(string id) =>
        $"https://app.hubspot.com/contacts/{settings.HubSpot.PortalId}/record/{settings.HubSpot.CommunityObjectType}/{id}";

    private static StepResult Done(PlanStep step, bool found, string? link) => new(step.Kind, step.Service, step.Target, step.Key, found, link);

    private static Dictionary<string, string?> Changed(PlanStep step) =>
        step.Changes.ToDictionary(c => c.Field, c => (string?)(c.After ?? ""), StringComparer.Ordinal);

    private static Dictionary<string, string?> NonEmpty(IReadOnlyDictionary<string, string> values) =>
        values.Where(v => v.Value.Length > 0).ToDictionary(v => v.Key, v => (string?)v.Value, StringComparer.Ordinal);
}

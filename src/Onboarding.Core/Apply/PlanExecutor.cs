using Onboarding.Core.Configuration;
using Onboarding.Core.Planning;
using Onboarding.Core.Services;
using Onboarding.Core.Services.Freshdesk;
using Onboarding.Core.Services.GitHub;
using Onboarding.Core.Services.HubSpot;
using Onboarding.Core.Turnup;

namespace Onboarding.Core.Apply;

/// <summary>
/// Carries out one community's plan, step by step in the plan's order; a run of contact upserts, and a run of labels,
/// goes to HubSpot as one batch. Every create is keyed and, when its answer is lost (a timeout, a reset, a 5xx after
/// the service committed), looked up again by that key before anything is made a second time.
/// </summary>
public sealed class PlanExecutor
{
    private readonly IHubSpot _hubSpot;
    private readonly IFreshdeskClient _freshdesk;
    private readonly IGitHubIssues _gitHub;
    private readonly OnboardingSettings _settings;
    private readonly IGitHubProjects? _projects;
    private Dictionary<string, int>? _labelTypes;

    /// <param name="projects">The team's project; needed when <c>github.project</c> is configured.</param>
    public PlanExecutor(IHubSpot hubSpot, IFreshdeskClient freshdesk, IGitHubIssues gitHub, OnboardingSettings settings, IGitHubProjects? projects = null)
    {
        _hubSpot = hubSpot;
        _freshdesk = freshdesk;
        _gitHub = gitHub;
        _settings = settings;
        _projects = projects;
    }

    public async Task<IReadOnlyList<StepResult>> ExecuteAsync(CommunityPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        BoardSchedule.EnsureWritable(plan);
        var run = new Run(this, plan, cancellationToken);
        foreach (var step in plan.Steps)
            await run.CarryOutAsync(step);
        await run.SendHeldAsync();
        run.ThrowIfContactsFailed();
        return run.Results;
    }

    /// <summary>
    /// One execution of one plan: what earlier steps made (the community's id, the company's, the contacts') and what
    /// has been done. Steps that go in a batch are held until a step of another kind (or the end) comes.
    /// </summary>
    private sealed class Run(PlanExecutor executor, CommunityPlan plan, CancellationToken cancellationToken) : IPlanStepVisitor<Task>
    {
        private readonly IHubSpot _hubSpot = executor._hubSpot;
        private readonly IFreshdeskClient _freshdesk = executor._freshdesk;
        private readonly IGitHubIssues _gitHub = executor._gitHub;
        private readonly List<PlanStep> _held = [];
        private readonly Dictionary<string, string> _contactIds = plan.Observed.Contacts.ToDictionary(c => c.Key, c => c.Value.Id, StringComparer.Ordinal);
        private readonly Dictionary<string, string> _issueNodeIds = BoardSchedule.NodeIds(plan.Observed);
        private readonly List<HubSpotInputFailure> _failedContacts = [];
        private Func<Task>? _sendHeld;
        private string? _communityId = plan.Observed.CommunityId;
        private long? _companyId = plan.Observed.Company?.Id;

        public List<StepResult> Results { get; } = [];

        public async Task CarryOutAsync(PlanStep step)
        {
            if (_held.Count > 0 && _held[0].GetType() != step.GetType())
                await SendHeldAsync();
            await step.Accept(this);
        }

        /// <summary>Sends the run of steps held for one batch, if any.</summary>
        public async Task SendHeldAsync()
        {
            if (_sendHeld is not { } send)
                return;
            await send();
            _held.Clear();
            _sendHeld = null;
        }

        public async Task Visit(CreateCommunity step)
        {
            var (record, found) = await CreateOnceAsync(
                () => _hubSpot.CreateCommunityAsync(NonEmpty(step.Properties), cancellationToken),
                () => _hubSpot.FindCommunityAsync(step.Community, [executor._settings.HubSpot.Properties.Name], cancellationToken));
            _communityId = record.Id;
            Results.Add(Done(step, found, executor.CommunityLink(record.Id)));
        }

        public async Task Visit(UpdateCommunity step)
        {
            await _hubSpot.UpdateCommunityAsync(step.CommunityId, Changed(step), cancellationToken);
            Results.Add(Done(step, false, executor.CommunityLink(step.CommunityId)));
        }

        // Contacts in one batch upsert by email: repeatable, so a retry never makes a second contact. Each result is
        // taken by its email (HubSpot answers in any order); a contact HubSpot failed is left out of the labels and fails
        // the community at the end, the others go on.
        public Task Visit(UpsertContact step) => Hold<UpsertContact>(step, async steps =>
        {
            var inputs = steps.Select(s => new HubSpotContactInput(s.Contact.Email, s.Properties)).ToList();
            var outcome = await _hubSpot.UpsertContactsByEmailAsync(inputs, cancellationToken);
            foreach (var upserted in outcome.Upserted)
                _contactIds[upserted.Key] = upserted.Id;
            _failedContacts.AddRange(outcome.Failed);
            Results.AddRange(steps.Where(s => !Failed(s.Contact.Email)).Select(s => Done(s, false, executor.ContactLink(_contactIds.GetValueOrDefault(s.Contact.Email)))));
        });

        // Labels in one batch (HubSpot takes up to 100 per call); labelling a pair again changes nothing.
        public Task Visit(AddLabel step) => Hold<AddLabel>(step, async steps =>
        {
            var communityId = CommunityId();
            var labelled = steps.Where(s => !Failed(s.Email)).ToList();
            var labels = new List<(string ContactId, int TypeId)>();
            foreach (var label in labelled)
                labels.Add((ContactId(label.Email, label.Label), await executor.LabelTypeAsync(label.Label, cancellationToken)));
            if (labels.Count > 0)
                await _hubSpot.AssociateCommunityContactsAsync(communityId, labels, cancellationToken);
            Results.AddRange(labelled.Select(s => Done(s, false, executor.CommunityLink(communityId))));
        });

        /// <summary>The contacts HubSpot did not create or update fail the community, once the rest of its plan is done.</summary>
        public void ThrowIfContactsFailed()
        {
            if (_failedContacts.Count == 0)
                return;
            var which = string.Join("; ", _failedContacts.Select(f => $"{f.Key} ({f.Reason.TrimEnd('.')})"));
            throw new ServiceException("hubspot", "upsert contacts", 207,
                $"HubSpot did not create or update {_failedContacts.Count} of {plan.Name}'s contacts, so they were not labelled: {which}. " +
                "Everything else in the plan was done; fix the contacts in the manifest or in HubSpot and run apply again.");
        }

        private bool Failed(string email) => _failedContacts.Exists(f => string.Equals(f.Key, email, StringComparison.OrdinalIgnoreCase));

        public async Task Visit(RemoveLabel step)
        {
            var communityId = CommunityId();
            var typeId = await executor.LabelTypeAsync(step.Label, cancellationToken);
            await _hubSpot.RemoveCommunityContactLabelAsync(communityId, ContactId(step.Email, step.Label), typeId, cancellationToken);
            Results.Add(Done(step, false, executor.CommunityLink(communityId)));
        }

        public async Task Visit(AssociateDeal step)
        {
            var communityId = CommunityId();
            await _hubSpot.AssociateCommunityDealAsync(communityId, step.Deal, cancellationToken);
            Results.Add(Done(step, false, executor.CommunityLink(communityId)));
        }

        public async Task Visit(CreateCompany step)
        {
            var (company, found) = await CreateOnceAsync(
                () => _freshdesk.CreateCompanyAsync(step.Community, NonEmpty(step.Fields), cancellationToken),
                () => _freshdesk.FindCompanyByNameAsync(step.Community, cancellationToken));
            _companyId = company.Id;
            Results.Add(Done(step, found, executor.HelpdeskLink("companies", company.Id)));
        }

        public async Task Visit(UpdateCompany step)
        {
            _companyId ??= (await _freshdesk.FindCompanyByNameAsync(step.Community, cancellationToken))?.Id;
            await _freshdesk.UpdateCompanyCustomFieldsAsync(_companyId!.Value, Changed(step), cancellationToken);
            Results.Add(Done(step, false, executor.HelpdeskLink("companies", _companyId.Value)));
        }

        public async Task Visit(CreateHelpdeskContact step)
        {
            var input = HelpdeskContact(step.Contact);
            var (created, found) = await CreateOnceAsync(
                () => _freshdesk.CreateContactAsync(input, cancellationToken),
                () => _freshdesk.FindContactByEmailAsync(step.Contact.Email, cancellationToken));
            if (found && created.CompanyId != _companyId)
                await _freshdesk.UpdateContactAsync(created.Id, input, cancellationToken);
            Results.Add(Done(step, found, executor.HelpdeskLink("contacts", created.Id)));
        }

        public async Task Visit(UpdateHelpdeskContact step)
        {
            var id = step.Existing.Id!.Value;
            // A kept name is sent as Freshdesk has it: the update only joins the company.
            var input = HelpdeskContact(step.Contact);
            if (step.NameKept)
                input = input with { Name = step.Existing.Name };
            await _freshdesk.UpdateContactAsync(id, input, cancellationToken);
            Results.Add(Done(step, false, executor.HelpdeskLink("contacts", id)));
        }

        // GitHub: the turnup issues, found again by their marker if an answer was lost.
        public async Task Visit(OpenTurnupIssue step)
        {
            var issue = step.Issue;
            var (opened, found) = await CreateOnceAsync(
                () => _gitHub.CreateIssueAsync(new NewIssue(issue.Title, issue.Body, issue.Labels) { Assignees = step.Assignee is { } login ? [login] : [] }, cancellationToken),
                async () => (await _gitHub.FindIssuesByMarkerAsync(issue.Marker, TurnupMarker.CommunityLabel(issue.Community), cancellationToken)).MinBy(i => i.Number));
            if (opened.NodeId is { } nodeId)
                _issueNodeIds[issue.Key] = nodeId;
            // GitHub opens the issue without an assignee it cannot assign (no access to the repository): say so, so someone can fix it.
            var unassigned = !found && step.Assignee is { } wanted && !opened.Assignees.Contains(wanted, StringComparer.OrdinalIgnoreCase)
                ? $"GitHub did not assign #{opened.Number} to @{wanted}, the technical owner: they cannot be assigned in the infrastructure repository. Give them access and assign the issue by hand."
                : null;
            Results.Add(Done(step, found, opened.HtmlUrl.ToString()) with { Note = unassigned });
        }

        public async Task Visit(UpdateTurnupIssue step)
        {
            IReadOnlyList<string>? labels = step.AddsCommunityLabel
                ? [.. step.Existing.Labels.Append(TurnupMarker.CommunityLabel(step.Issue.Community)).Distinct(StringComparer.OrdinalIgnoreCase)]
                : null;
            var change = new IssueChange(Title: step.BodyChanged ? step.Issue.Title : null, Body: step.BodyChanged ? step.Issue.Body : null, Labels: labels);
            var updated = await _gitHub.UpdateIssueAsync(step.Existing.Number, change, cancellationToken);
            Results.Add(Done(step, false, updated.HtmlUrl.ToString()));
        }

        // Freshdesk: the missing-information request, once per tag.
        public async Task Visit(OpenMissingInformationRequest step)
        {
            var request = step.Request;
            var (ticket, found) = await CreateOnceAsync(
                () => _freshdesk.CreateTicketAsync(
                    new FreshdeskNewTicket(request.To[0], request.Subject, request.HtmlBody)
                    {
                        CcEmails = [.. request.To.Skip(1)],
                        Tags = [request.Tag],
                        Priority = FreshdeskTicketPriority.Medium,
                    },
                    cancellationToken),
                async () => (await _freshdesk.FindTicketsByTagAsync([request.Tag, request.Key], FreshdeskTicketScope.Requester(request.To[0]), cancellationToken)).MinBy(t => t.Id));
            Results.Add(Done(step, found, executor.HelpdeskLink("tickets", ticket.Id)));
        }

        // A changed set of questions is a private note on the open request, which then carries the new tag. The note
        // carries its (readable) key and is looked for on the ticket first, so a run cut off between the note and the
        // tag does not note it twice. Tags of the earlier, readable scheme are written back hashed: Freshdesk would
        // refuse them now.
        public async Task Visit(NoteMissingInformationRequest step)
        {
            var (open, request) = (step.Open, step.Request);
            var found = await executor.NoteOnceAsync(open.Id, NoteKey(request.Key), $"<p>What is missing has changed; we now need:</p>{request.HtmlBody}", cancellationToken);
            await _freshdesk.SetTicketTagsAsync(open.Id, HelpdeskTags.Upgraded(plan.Name, open.Tags.Append(request.Tag)), cancellationToken);
            Results.Add(Done(step, found, executor.HelpdeskLink("tickets", open.Id)));
        }

        // A request no longer needed is noted (once, as above) and resolved.
        public async Task Visit(ResolveMissingInformationRequest step)
        {
            var id = step.Open.Id;
            var found = await executor.NoteOnceAsync(id, NoteKey($"onboarding-resolved-{step.Community}"), "<p>The manifest now has everything this request asked for; resolving it.</p>", cancellationToken);
            await _freshdesk.ResolveTicketAsync(id, cancellationToken);
            Results.Add(Done(step, found, executor.HelpdeskLink("tickets", id)));
        }

        public async Task Visit(SendHubAvailableEmail step)
        {
            var email = step.Email;
            var (sent, found) = await CreateOnceAsync(
                () => _freshdesk.SendOutboundEmailAsync(
                    new FreshdeskOutboundEmail(email.To, email.Subject, email.HtmlBody, executor._settings.Freshdesk.EmailConfigId) { CcEmails = email.Cc, Tags = [email.Tag] },
                    cancellationToken),
                async () => (await _freshdesk.FindTicketsByTagAsync([email.Tag, email.Key], FreshdeskTicketScope.Requester(email.To), cancellationToken)).MinBy(t => t.Id));
            Results.Add(Done(step, found, executor.HelpdeskLink("tickets", sent.Id)));
        }

        // BD: the delivery note in HubSpot and the comment on the phase 3 issue, found again by their marker.
        public async Task Visit(AddDeliveryNote step)
        {
            var communityId = CommunityId();
            var delivery = step.Delivery;
            var targets = new List<HubSpotNoteTarget> { new(HubSpotObjectKind.Community, communityId) };
            targets.AddRange(step.Deals.Select(d => new HubSpotNoteTarget(HubSpotObjectKind.Deal, d)));
            var (_, found) = await CreateOnceAsync(
                async () => await _hubSpot.CreateNoteAsync(delivery.NoteBody, new DateTimeOffset(delivery.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), targets, cancellationToken),
                async () => (await _hubSpot.ReadCommunityNotesAsync(communityId, cancellationToken)).FirstOrDefault(n => delivery.IsNote(n["hs_note_body"]))?.Id);
            Results.Add(Done(step, found, executor.CommunityLink(communityId)));
        }

        public async Task Visit(AddDeliveryComment step)
        {
            var (number, delivery) = (step.Phase3.Number, step.Delivery);
            var (comment, found) = await CreateOnceAsync(
                () => _gitHub.CreateCommentAsync(number, delivery.CommentBody, cancellationToken),
                () => _gitHub.FindCommentByMarkerAsync(number, delivery.Marker, cancellationToken));
            Results.Add(Done(step, found, comment.HtmlUrl.ToString()));
        }

        // GitHub: the issue on the team's project, by the node id its opening (in this run or before) gave.
        public async Task Visit(PlaceOnBoard step)
        {
            var projects = executor._projects ?? throw new InvalidOperationException("The plan puts issues on a project, but the executor has no client for GitHub's projects.");
            await BoardSchedule.PlaceAsync(projects, step, _issueNodeIds.GetValueOrDefault(step.Issue.Key), cancellationToken);
            Results.Add(Done(step, false, step.Board?.Url.ToString()));
        }

        /// <summary>Holds <paramref name="step"/> for the batch of its run; <paramref name="send"/> sends the whole run.</summary>
        private Task Hold<T>(T step, Func<IReadOnlyList<T>, Task> send)
            where T : PlanStep
        {
            _held.Add(step);
            _sendHeld = () => send([.. _held.Cast<T>()]);
            return Task.CompletedTask;
        }

        private string CommunityId() =>
            _communityId ?? throw new InvalidOperationException($"The plan for {plan.Name} has no HubSpot community to attach to.");

        private string ContactId(string email, string label) =>
            _contactIds.TryGetValue(email, out var id)
                ? id
                : throw new ServiceException("hubspot", "associate a contact", null, $"HubSpot has no contact {email} to label as {label}.");

        private FreshdeskContactInput HelpdeskContact(DesiredContact contact) =>
            new(ObservedCommunity.FullName(contact), contact.Email) { CompanyId = _companyId };
    }

    /// <summary>
    /// The line that makes a note findable among a ticket's conversations: plain, visible text (the note is private, for
    /// agents), because a helpdesk may strip HTML comments from what it stores.
    /// </summary>
    public static string NoteKey(string key) => $"onboarding-note: {key}";

    /// <summary>Adds the note with its key unless a note on the ticket already carries that key; true when it was found.</summary>
    private async Task<bool> NoteOnceAsync(long ticketId, string key, string html, CancellationToken cancellationToken)
    {
        var conversations = await _freshdesk.ListConversationsAsync(ticketId, cancellationToken);
        if (conversations.Any(c => c.Body.Contains(key, StringComparison.Ordinal) || c.BodyText.Contains(key, StringComparison.Ordinal)))
            return true;
        await _freshdesk.AddNoteAsync(ticketId, $"{html}<p><small>{System.Net.WebUtility.HtmlEncode(key)}</small></p>", cancellationToken: cancellationToken);
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
        catch (ServiceException e) when (e.Status is null or >= 500 or 409 || e.MayAlreadyExist)
        {
            var existing = await find();
            if (existing is null)
                throw;
            return (existing, true);
        }
    }

    private async Task<int> LabelTypeAsync(string label, CancellationToken cancellationToken)
    {
        _labelTypes ??= (await _hubSpot.ReadCommunityContactLabelsAsync(cancellationToken))
            .Where(l => l.Label is not null)
            .GroupBy(l => l.Label!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().TypeId, StringComparer.OrdinalIgnoreCase);
        return _labelTypes.TryGetValue(label, out var typeId)
            ? typeId
            : throw new ServiceException("hubspot", "associate a contact", null,
                $"HubSpot has no association label \"{label}\" between the Community object and contacts; create it in HubSpot's settings or fix the label name in onboarding.yaml.");
    }

    private string? ContactLink(string? id) =>
        id is null ? null : $"https://app.hubspot.com/contacts/{_settings.HubSpot.PortalId}/record/0-1/{id}";

    private string HelpdeskLink(string kind, long id) => new Uri(_settings.Freshdesk.HelpdeskUrl, $"a/{kind}/{id}").ToString();

    private string CommunityLink(string id) =>
        $"https://app.hubspot.com/contacts/{_settings.HubSpot.PortalId}/record/{_settings.HubSpot.CommunityObjectType}/{id}";

    private static StepResult Done(PlanStep step, bool found, string? link) => new(step.Kind, step.Service, step.Target, step.Key, found, link);

    private static Dictionary<string, string?> Changed(PlanStep step) =>
        step.Changes.ToDictionary(c => c.Field, c => (string?)(c.After ?? ""), StringComparer.Ordinal);

    private static Dictionary<string, string?> NonEmpty(IReadOnlyDictionary<string, string> values) =>
        values.Where(v => v.Value.Length > 0).ToDictionary(v => v.Key, v => (string?)v.Value, StringComparer.Ordinal);
}

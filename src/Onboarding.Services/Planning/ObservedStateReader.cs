using Onboarding.Core.Configuration;
using Onboarding.Core.Planning;
using Onboarding.Core.Services;
using Onboarding.Core.Services.Freshdesk;
using Onboarding.Core.Services.GitHub;
using Onboarding.Core.Services.HubSpot;
using Onboarding.Core.Turnup;

namespace Onboarding.Services.Planning;

/// <summary>
/// Reads what HubSpot, Freshdesk and GitHub hold for a community, with read requests only. Looks things up by their
/// stable keys (unique name, email, issue marker, ticket tag), never by search alone, because search lags writes.
/// </summary>
/// <param name="wholeRepository">
/// How turnup issues are found. False (one or a few communities, as a merge changes them): by the community's own label,
/// one request however large the repository. True (<c>apply --all</c>): every issue with the turnup label, read once
/// for the run; this also finds issues opened before issues carried the community label, and the plan then adds it.
/// </param>
/// <remarks>
/// With <see cref="Bulk"/> (a run over many communities), what each service holds is read once, in pages and
/// batches, and each community is answered from that snapshot; a community for which the snapshot lacks anything the
/// plan would create is read again directly by its keys (see ObservedStateReader.Bulk.cs).
/// </remarks>
public sealed partial class ObservedStateReader(IHubSpot hubSpot, IFreshdeskClient freshdesk, IGitHubIssues gitHub, OnboardingSettings settings, bool wholeRepository = false) : IObservedStateReader
{
    private static readonly string[] ContactProperties = ["email", "firstname", "lastname"];

    /// <summary>A person's name in HubSpot: read with its history, to tell a hand edit from the program's own write.</summary>
    private static readonly string[] NameProperties = ["firstname", "lastname"];

    private IReadOnlyList<DealPipeline>? _pipelines;
    private IReadOnlyList<IssueRef>? _turnupIssues;

    private readonly HashSet<string> _afresh = new(StringComparer.Ordinal);
    private ObservedBoard? _board;
    private string? _ownLogin;

    /// <summary>The team's project; without it the board is not read (turnup issues are then planned onto it as offline).</summary>
    public IGitHubProjects? Projects { get; init; }

    public async Task<IReadOnlyList<DealFact>> ReadDealsAsync(IReadOnlyList<string> dealIds, CancellationToken cancellationToken = default)
    {
        _pipelines ??= await hubSpot.ReadDealPipelinesAsync(cancellationToken);
        var stages = _pipelines.SelectMany(p => p.Stages.Select(s => (Key: (p.Id, s.Id), s.Label))).ToDictionary(s => s.Key, s => s.Label);
        var deals = Bulk
            ? await SnapshotDealsAsync(dealIds, cancellationToken)
            : (await hubSpot.ReadDealsAsync(dealIds, cancellationToken)).ToDictionary(d => d.Id, StringComparer.Ordinal);
        return [.. dealIds.Select(id =>
        {
            if (!deals.TryGetValue(id, out var deal))
                return new DealFact(id, null, null, Exists: false, InAllowedStage: false);
            var label = stages.GetValueOrDefault((deal["pipeline"] ?? "", deal["dealstage"] ?? ""));
            var allowed = label is not null && settings.HubSpot.AllowedDealStages.Contains(label, StringComparer.OrdinalIgnoreCase);
            return new DealFact(id, deal["dealname"], label, Exists: true, allowed);
        })];
    }

    public async Task<ObservedCommunity> ReadAsync(DesiredCommunity desired, CancellationToken cancellationToken = default)
    {
        if (Bulk && !_afresh.Contains(desired.Name) && await FromSnapshotAsync(desired, cancellationToken) is { } fromSnapshot)
            return fromSnapshot;
        return await ReadDirectlyAsync(desired, cancellationToken);
    }

    /// <summary>The community read by its own keys (a handful of requests, whatever the size of the repository).</summary>
    private async Task<ObservedCommunity> ReadDirectlyAsync(DesiredCommunity desired, CancellationToken cancellationToken)
    {
        var emails = desired.Contacts.Select(c => c.Email).ToList();
        // With each property's history: who wrote the value, and when, tells a hand edit from the program's own write.
        var community = await hubSpot.FindCommunityWithHistoryAsync(desired.Name, [.. desired.HubSpotProperties.Keys], cancellationToken);
        var contacts = (await hubSpot.FindContactsWithHistoryAsync(emails, ContactProperties, NameProperties, cancellationToken))
            .Select(ToContact)
            .ToDictionary(c => c.Email, StringComparer.Ordinal);

        var labels = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var deals = new HashSet<string>(StringComparer.Ordinal);
        var notes = new HashSet<string>(StringComparer.Ordinal);
        if (community is not null)
        {
            var associations = await hubSpot.ReadCommunityContactsAsync(community.Id, cancellationToken);
            var byId = contacts.Values.ToDictionary(c => c.Id, StringComparer.Ordinal);
            var unknown = associations.Select(a => a.ToObjectId).Where(id => !byId.ContainsKey(id)).ToList();
            if (unknown.Count > 0)
            {
                foreach (var contact in (await hubSpot.ReadContactsAsync(unknown, ContactProperties, cancellationToken)).Select(ToContact))
                {
                    byId[contact.Id] = contact;
                    contacts.TryAdd(contact.Email, contact);
                }
            }

            foreach (var association in associations)
            {
                if (byId.TryGetValue(association.ToObjectId, out var contact))
                    labels[contact.Email] = [.. association.Types.Select(t => t.Label).OfType<string>().Order(StringComparer.Ordinal)];
            }

            deals.UnionWith(await hubSpot.ReadCommunityDealIdsAsync(community.Id, cancellationToken));
            if (desired.Deliveries.Count > 0)
            {
                foreach (var note in await hubSpot.ReadCommunityNotesAsync(community.Id, cancellationToken))
                    notes.UnionWith(desired.Deliveries.Where(d => d.IsNote(note["hs_note_body"])).Select(d => d.Marker));
            }
        }

        var company = await freshdesk.FindCompanyByNameAsync(desired.Name, cancellationToken);
        var helpdeskContacts = new Dictionary<string, ObservedHelpdeskContact>(StringComparer.Ordinal);
        foreach (var email in emails)
        {
            if (await freshdesk.FindContactByEmailAsync(email, cancellationToken) is { } found)
                helpdeskContacts[email] = new ObservedHelpdeskContact(found.Id, email, found.Name, found.CompanyId) { UpdatedAt = found.UpdatedAt };
        }

        // Every message the program sends is a ticket with its tag (or, sent by an earlier version, its readable key).
        // The list by requester does not lag; search alone could miss a ticket opened a minute ago. Tickets are listed
        // by the requester's contact id: Freshdesk refuses a list by an email that is no contact yet (and then the
        // person has no tickets to find).
        var tickets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var email in desired.Emails)
        {
            foreach (var ticket in await freshdesk.FindTicketsByTagAsync([email.Tag, email.Key], RequesterScope(email.To), cancellationToken))
                tickets.UnionWith(ticket.Tags);
        }

        var ignored = new List<string>();
        var issues = await IssuesOfAsync(desired.Name, ignored, cancellationToken);
        var (board, boardItems) = await BoardOfAsync(desired, issues, cancellationToken);
        var comments = new HashSet<string>(StringComparer.Ordinal);
        var withIssues = new ObservedCommunity { Issues = issues };
        foreach (var delivery in desired.Deliveries)
        {
            if (withIssues.HubSetupIssue(delivery.Hub) is { } phase3
                && await gitHub.FindCommentByMarkerAsync(phase3.Number, delivery.Marker, cancellationToken) is not null)
            {
                comments.Add(delivery.Marker);
            }
        }

        // Missing-information requests, whichever set they asked for, all go to the first representative: one listing
        // of that requester's tickets (never lagging, and from the start, not Freshdesk's default last 30 days) finds
        // the request for today's set and every older one still open.
        var requests = new List<ObservedRequest>();
        if (desired.RequestRecipient is { } recipient && RequesterScope(recipient) is { } requester)
        {
            foreach (var ticket in await freshdesk.ListTicketsAsync(requester with { UpdatedSince = DateTimeOffset.UnixEpoch }, cancellationToken))
            {
                if (ticket.Tags.Any(t => HelpdeskTags.IsMissingInformation(desired.Name, t)))
                {
                    tickets.UnionWith(ticket.Tags);
                    if (ticket.Status is FreshdeskTicketStatus.Open or FreshdeskTicketStatus.Pending)
                        requests.Add(new ObservedRequest(ticket.Id, ticket.Tags));
                }
            }
        }

        return new ObservedCommunity
        {
            CommunityId = community?.Id,
            CommunityProperties = community?.Properties ?? new Dictionary<string, string?>(),
            CommunityHistory = community?.History ?? new Dictionary<string, IReadOnlyList<PropertyWrite>>(),
            Contacts = contacts,
            ContactLabels = labels,
            AssociatedDeals = deals,
            Company = company is null ? null : new ObservedCompany(company.Id, company.Name, company.CustomFields) { UpdatedAt = company.UpdatedAt },
            HelpdeskContacts = helpdeskContacts,
            Issues = issues,
            DeliveryNotes = notes,
            DeliveryComments = comments,
            TicketTags = tickets,
            OpenRequests = [.. requests.OrderBy(r => r.Id)],
            Board = board,
            BoardItems = boardItems,
            IgnoredMarkers = ignored,
        };

        FreshdeskTicketScope? RequesterScope(string email) =>
            helpdeskContacts.GetValueOrDefault(email)?.Id is { } id ? FreshdeskTicketScope.Requester(id) : null;
    }

    /// <summary>
    /// The configured project (read once per run) and the items of the community's open turnup issues on it. Read only
    /// when the community has turnup issues; a project that cannot be read, or lacks what the configuration names,
    /// fails the plan here, before apply writes anything.
    /// </summary>
    private async Task<(ObservedBoard? Board, IReadOnlyDictionary<string, ObservedBoardItem> Items)> BoardOfAsync(
        DesiredCommunity desired, IReadOnlyDictionary<string, ObservedIssue> issues, CancellationToken cancellationToken)
    {
        var none = new Dictionary<string, ObservedBoardItem>(StringComparer.Ordinal);
        if (settings.GitHub.Project is not { } project || Projects is not { } projects || desired.Issues.Count == 0)
            return (null, none);
        if (_board is null)
        {
            var (board, problems) = ObservedBoard.From(project, await projects.ReadProjectAsync(cancellationToken));
            _board = board ?? throw new ServiceException("github", $"read {project.Name}", null, string.Join(" ", problems));
        }

        var open = issues.Where(i => i.Value.Open && i.Value.Number > 0).ToDictionary(i => i.Value.Number, i => i.Key);
        if (open.Count == 0)
            return (_board, none);
        var items = await BoardItemsAsync(projects, _board.ProjectId, open.Keys, desired.Name, cancellationToken);
        return (_board, items.ToDictionary(i => open[i.Key], i => new ObservedBoardItem(i.Value.Id, i.Value.Archived, i.Value.Status, i.Value.Iteration), StringComparer.Ordinal));
    }

    /// <inheritdoc/>
    /// <remarks>Issues this run opened carry the community's label, so its own listing finds them in one request.</remarks>
    public void ReadAfresh(string community) => _afresh.Add(community);

    /// <summary>Turnup issues of the community, found by the marker in their body among the issues with its label
    /// (or, reading the whole repository, with the turnup label). Only issues the token's own account opened count:
    /// anyone may open an issue with the marker first; <paramref name="ignored"/> gets a sentence for each such issue.</summary>
    private async Task<IReadOnlyDictionary<string, ObservedIssue>> IssuesOfAsync(string community, List<string> ignored, CancellationToken cancellationToken)
    {
        _ownLogin ??= await gitHub.GetOwnLoginAsync(cancellationToken);
        IReadOnlyList<IssueRef> candidates;
        if (wholeRepository)
            candidates = _afresh.Contains(community)
                ? await gitHub.ListIssuesByLabelAsync(TurnupMarker.CommunityLabel(community), cancellationToken)
                : _turnupIssues ??= await gitHub.ListIssuesByLabelAsync(settings.GitHub.TurnupLabels[0], cancellationToken);
        else
            candidates = await gitHub.ListIssuesByLabelAsync(TurnupMarker.CommunityLabel(community), cancellationToken);
        var issues = new SortedDictionary<string, ObservedIssue>(StringComparer.Ordinal);
        foreach (var issue in candidates.OrderBy(i => i.Number))
        {
            if (TurnupMarker.Parse(issue.Body) is not { } marker || marker.Community != community)
                continue;
            if (!Authorship.IsOwn(issue.Author, _ownLogin))
            {
                ignored.Add(Authorship.Ignored($"Issue #{issue.Number}", "opened", issue.Author, _ownLogin));
                continue;
            }

            // Should two issues carry one marker (opened by hand, or before this program looked), the oldest counts.
            issues.TryAdd(marker.Key, new ObservedIssue(issue.Number, issue.Title, issue.Body, issue.State == "open", issue.Labels, issue.HtmlUrl) { Marker = marker, NodeId = issue.NodeId });
        }

        return issues;
    }

    private static ObservedContact ToContact(HubSpotRecord record) =>
        new(record.Id, (record["email"] ?? "").ToLowerInvariant(), record.Properties) { History = record.History };
}

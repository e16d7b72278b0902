using Onboarding.Core.Planning;
using Onboarding.Core.Services.Freshdesk;
using Onboarding.Core.Services.GitHub;
using Onboarding.Core.Services.HubSpot;

namespace Onboarding.Services.Planning;

/// <summary>
/// Reading many communities at once. Each service is read in pages and batches, once for the run: HubSpot's Community
/// records (100 a page) with their contacts, deals and notes (v4 association batch reads, 1,000 communities a request,
/// then the records by id, 100 a batch); Freshdesk's companies, contacts and tickets (100 a page, tickets from the
/// epoch); GitHub's turnup issues and the repository's comments (100 a page). Each community is then answered from
/// that snapshot.
/// </summary>
/// <remarks>
/// A listing is a snapshot and may predate a write (another run's, or a person's), and search lags writes, so neither
/// ever decides that something is missing: a community for which the snapshot lacks anything the plan would create
/// (its record, a contact, its company, a helpdesk contact, an email's or request's ticket, a delivery's note or
/// comment) is read again by its keys, exactly as a single community is. In a run where nothing changed, nothing is
/// missing and no community is read twice.
/// </remarks>
public sealed partial class ObservedStateReader
{
    /// <summary>
    /// A run over more communities than this reads in bulk (<c>apply --all</c>, <c>drift</c>). Reading one community by
    /// its keys costs about 11 requests and a snapshot about as many as three communities do, so below it there is
    /// nothing to save; a push, which changes a few manifests, always reads by keys, whatever the repository's size.
    /// </summary>
    public const int BulkThreshold = 3;

    private HubSpotSnapshot? _hubSpotSnapshot;
    private FreshdeskSnapshot? _freshdeskSnapshot;
    private Dictionary<string, HubSpotRecord>? _notes;
    private Dictionary<int, List<CommentRef>>? _comments;
    private Dictionary<int, ProjectItem>? _boardItems;
    private HashSet<int>? _boardItemsRead;

    /// <summary>Answer <see cref="ReadAsync"/> from one snapshot of each service (see the class remarks); implies reading the whole repository's turnup issues.</summary>
    public bool Bulk { get; init; }

    /// <summary>Whether a run over <paramref name="communities"/> communities of the whole repository reads in bulk.</summary>
    public static bool ReadsInBulk(bool wholeRepository, int communities) => wholeRepository && communities > BulkThreshold;

    private string[] ListedProperties
    {
        get
        {
            var n = settings.HubSpot.Properties;
            return [n.Name, n.LongName, n.Website, n.GitHubOrganization, n.Logo, n.CommunityContext, n.ManifestPath, n.Hubs];
        }
    }

    /// <summary>The deals the snapshot holds (every deal of a listed community); any other is read by id.</summary>
    private async Task<Dictionary<string, HubSpotRecord>> SnapshotDealsAsync(IReadOnlyList<string> dealIds, CancellationToken cancellationToken)
    {
        var snapshot = await HubSpotSnapshotAsync(cancellationToken);
        var deals = dealIds.Distinct(StringComparer.Ordinal).Where(snapshot.Deals.ContainsKey).ToDictionary(id => id, id => snapshot.Deals[id], StringComparer.Ordinal);
        var missing = dealIds.Where(id => !deals.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            foreach (var deal in await hubSpot.ReadDealsAsync(missing, cancellationToken))
                deals[deal.Id] = deal;
        }

        return deals;
    }

    /// <summary>The community as the snapshot has it, or null when the snapshot lacks something the plan would create.</summary>
    private async Task<ObservedCommunity?> FromSnapshotAsync(DesiredCommunity desired, CancellationToken cancellationToken)
    {
        var listed = ListedProperties;
        if (!desired.HubSpotProperties.Keys.All(k => listed.Contains(k, StringComparer.Ordinal)))
            return null;
        var hub = await HubSpotSnapshotAsync(cancellationToken);
        if (!hub.Communities.TryGetValue(desired.Name, out var community))
            return null;

        // A value that differs may have been changed by hand, which only the property's history (not in a listing) tells
        // apart from a manifest change: that community's record is read again by name, history included.
        if (desired.HubSpotProperties.Any(p => !string.Equals(p.Value, community[p.Key] ?? "", StringComparison.Ordinal)))
        {
            if (await hubSpot.FindCommunityWithHistoryAsync(desired.Name, [.. desired.HubSpotProperties.Keys], cancellationToken) is not { } withHistory
                || withHistory.Id != community.Id)
            {
                return null;
            }

            community = withHistory;
        }

        var byId = new Dictionary<string, ObservedContact>(StringComparer.Ordinal);
        var contacts = new Dictionary<string, ObservedContact>(StringComparer.Ordinal);
        var labels = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var associations = hub.ContactAssociations.GetValueOrDefault(community.Id) ?? [];
        foreach (var association in associations)
        {
            if (hub.Contacts.TryGetValue(association.ToObjectId, out var contact))
            {
                byId[contact.Id] = contact;
                contacts.TryAdd(contact.Email, contact);
            }
        }

        if (desired.Contacts.Any(c => !contacts.ContainsKey(c.Email)))
            return null;

        // Likewise a person whose listed name differs: just those contacts are read again by email, history included.
        var renamed = desired.Contacts
            .Where(c => ObservedCommunity.ContactProperties(c).Any(p => p.Key != "email" && (contacts[c.Email].Properties.GetValueOrDefault(p.Key) ?? "") != (p.Value ?? "")))
            .Select(c => c.Email)
            .ToList();
        if (renamed.Count > 0)
        {
            var withHistory = (await hubSpot.FindContactsWithHistoryAsync(renamed, ContactProperties, NameProperties, cancellationToken)).Select(ToContact).ToList();
            foreach (var contact in withHistory)
            {
                if (!contacts.TryGetValue(contact.Email, out var inListing) || inListing.Id != contact.Id)
                    return null;
                contacts[contact.Email] = contact;
                byId[contact.Id] = contact;
            }
        }
        foreach (var association in associations)
        {
            if (byId.TryGetValue(association.ToObjectId, out var contact))
                labels[contact.Email] = [.. association.Types.Select(t => t.Label).OfType<string>().Order(StringComparer.Ordinal)];
        }

        var deals = new HashSet<string>((hub.DealAssociations.GetValueOrDefault(community.Id) ?? []).Select(a => a.ToObjectId), StringComparer.Ordinal);
        var notes = new HashSet<string>(StringComparer.Ordinal);
        if (desired.Deliveries.Count > 0)
        {
            foreach (var note in await NotesOfAsync(community.Id, cancellationToken))
                notes.UnionWith(desired.Deliveries.Where(d => d.IsNote(note["hs_note_body"])).Select(d => d.Marker));
            if (desired.Deliveries.Any(d => !notes.Contains(d.Marker)))
                return null;
        }

        var helpdesk = await FreshdeskSnapshotAsync(cancellationToken);
        if (!helpdesk.Companies.TryGetValue(desired.Name.Trim(), out var company))
            return null;
        var helpdeskContacts = new Dictionary<string, ObservedHelpdeskContact>(StringComparer.Ordinal);
        foreach (var email in desired.Contacts.Select(c => c.Email))
        {
            if (!helpdesk.Contacts.TryGetValue(email, out var found))
                return null;
            helpdeskContacts[email] = new ObservedHelpdeskContact(found.Id, email, found.Name, found.CompanyId) { UpdatedAt = found.UpdatedAt };
        }

        var tickets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var email in desired.Emails)
        {
            foreach (var ticket in new[] { email.Tag, email.Key }.SelectMany(t => helpdesk.TicketsByTag.GetValueOrDefault(t) ?? []))
                tickets.UnionWith(ticket.Tags);
        }

        if (desired.Emails.Any(e => !e.SentAs(tickets)))
            return null;

        var requests = new List<ObservedRequest>();
        if (desired.RequestRecipient is { } recipient && helpdeskContacts.GetValueOrDefault(recipient)?.Id is { } requester)
        {
            foreach (var ticket in helpdesk.TicketsByRequester.GetValueOrDefault(requester) ?? [])
            {
                if (ticket.Tags.Any(t => HelpdeskTags.IsMissingInformation(desired.Name, t)))
                {
                    tickets.UnionWith(ticket.Tags);
                    if (ticket.Status is FreshdeskTicketStatus.Open or FreshdeskTicketStatus.Pending)
                        requests.Add(new ObservedRequest(ticket.Id, ticket.Tags));
                }
            }
        }

        if (desired.MissingInformation is { } request && !request.AskedBy(tickets))
            return null;

        var ignored = new List<string>();
        var issues = await IssuesOfAsync(desired.Name, ignored, cancellationToken);
        var withIssues = new ObservedCommunity { Issues = issues };
        var comments = new HashSet<string>(StringComparer.Ordinal);
        foreach (var delivery in desired.Deliveries)
        {
            if (withIssues.HubSetupIssue(delivery.Hub) is not { } phase3)
                continue;
            _ownLogin ??= await gitHub.GetOwnLoginAsync(cancellationToken);
            var onIssue = (await CommentsAsync(cancellationToken)).GetValueOrDefault(phase3.Number) ?? [];
            if (!onIssue.Any(c => c.Body.Contains(delivery.Marker, StringComparison.Ordinal) && Authorship.IsOwn(c.Author, _ownLogin)))
                return null;
            comments.Add(delivery.Marker);
        }

        var (board, boardItems) = await BoardOfAsync(desired, issues, cancellationToken);
        var kept = desired.HubSpotProperties.Keys.ToHashSet(StringComparer.Ordinal);
        return new ObservedCommunity
        {
            CommunityId = community.Id,
            // As a read by name answers: the properties asked for, and HubSpot's own that every answer carries.
            CommunityProperties = community.Properties
                .Where(p => kept.Contains(p.Key) || !listed.Contains(p.Key, StringComparer.Ordinal))
                .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            CommunityHistory = community.History,
            Contacts = contacts,
            ContactLabels = labels,
            AssociatedDeals = deals,
            Company = new ObservedCompany(company.Id, company.Name, company.CustomFields) { UpdatedAt = company.UpdatedAt },
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
    }

    /// <summary>Every Community record with onboarding's properties, their contacts (by id) and deals.</summary>
    private async Task<HubSpotSnapshot> HubSpotSnapshotAsync(CancellationToken cancellationToken)
    {
        if (_hubSpotSnapshot is { } done)
            return done;
        var name = settings.HubSpot.Properties.Name;
        var communities = new Dictionary<string, HubSpotRecord>(StringComparer.Ordinal);
        foreach (var record in await hubSpot.ListCommunitiesAsync(ListedProperties, cancellationToken))
        {
            if (record[name] is { Length: > 0 } key)
                communities.TryAdd(key, record);
        }

        var ids = communities.Values.Select(c => c.Id).ToList();
        var contactLinks = await AssociationsAsync(ids, HubSpotObjectKind.Contact, cancellationToken);
        var dealLinks = await AssociationsAsync(ids, HubSpotObjectKind.Deal, cancellationToken);
        var contactIds = contactLinks.Values.SelectMany(a => a).Select(a => a.ToObjectId).Distinct(StringComparer.Ordinal).ToList();
        var contacts = new Dictionary<string, ObservedContact>(StringComparer.Ordinal);
        if (contactIds.Count > 0)
        {
            foreach (var contact in (await hubSpot.ReadContactsAsync(contactIds, ContactProperties, cancellationToken)).Select(ToContact))
                contacts[contact.Id] = contact;
        }

        var dealIds = dealLinks.Values.SelectMany(a => a).Select(a => a.ToObjectId).Distinct(StringComparer.Ordinal).ToList();
        var deals = new Dictionary<string, HubSpotRecord>(StringComparer.Ordinal);
        if (dealIds.Count > 0)
        {
            foreach (var deal in await hubSpot.ReadDealsAsync(dealIds, cancellationToken))
                deals[deal.Id] = deal;
        }

        return _hubSpotSnapshot = new HubSpotSnapshot(communities, contactLinks, dealLinks, contacts, deals);
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<HubSpotAssociation>>> AssociationsAsync(
        List<string> communityIds, HubSpotObjectKind to, CancellationToken cancellationToken) =>
        communityIds.Count == 0
            ? new Dictionary<string, IReadOnlyList<HubSpotAssociation>>(StringComparer.Ordinal)
            : await hubSpot.ReadCommunitiesAssociationsAsync(communityIds, to, cancellationToken);

    /// <summary>The notes of a listed community; every listed community's notes are read the first time one is needed.</summary>
    private async Task<IReadOnlyList<HubSpotRecord>> NotesOfAsync(string communityId, CancellationToken cancellationToken)
    {
        var hub = await HubSpotSnapshotAsync(cancellationToken);
        if (_notes is null)
        {
            var links = await AssociationsAsync([.. hub.Communities.Values.Select(c => c.Id)], HubSpotObjectKind.Note, cancellationToken);
            hub = hub with { NoteAssociations = links };
            _hubSpotSnapshot = hub;
            var ids = links.Values.SelectMany(a => a).Select(a => a.ToObjectId).Distinct(StringComparer.Ordinal).ToList();
            _notes = ids.Count == 0 ? [] : (await hubSpot.ReadNotesAsync(ids, cancellationToken)).ToDictionary(n => n.Id, StringComparer.Ordinal);
        }

        return [.. (hub.NoteAssociations?.GetValueOrDefault(communityId) ?? []).Select(a => _notes.GetValueOrDefault(a.ToObjectId)).OfType<HubSpotRecord>()];
    }

    /// <summary>Every company, contact and ticket of the helpdesk (tickets from the epoch: without it Freshdesk lists 30 days).</summary>
    private async Task<FreshdeskSnapshot> FreshdeskSnapshotAsync(CancellationToken cancellationToken)
    {
        if (_freshdeskSnapshot is { } done)
            return done;
        var companies = new Dictionary<string, FreshdeskCompany>(StringComparer.OrdinalIgnoreCase);
        foreach (var company in await freshdesk.ListCompaniesAsync(cancellationToken))
            companies.TryAdd(company.Name.Trim(), company);
        var contacts = new Dictionary<string, FreshdeskContact>(StringComparer.OrdinalIgnoreCase);
        foreach (var contact in (await freshdesk.ListContactsAsync(cancellationToken)).OrderBy(c => c.Id))
        {
            if (contact.Email is { Length: > 0 } email)
                contacts.TryAdd(email, contact);
        }

        var tickets = await freshdesk.ListAllTicketsAsync(DateTimeOffset.UnixEpoch, cancellationToken);
        var byTag = tickets
            .SelectMany(t => t.Tags.Distinct(StringComparer.OrdinalIgnoreCase).Select(tag => (Tag: tag, Ticket: t)))
            .GroupBy(p => p.Tag, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Ticket).ToList(), StringComparer.OrdinalIgnoreCase);
        var byRequester = tickets.GroupBy(t => t.RequesterId).ToDictionary(g => g.Key, g => g.ToList());
        return _freshdeskSnapshot = new FreshdeskSnapshot(companies, contacts, byTag, byRequester);
    }

    /// <summary>Every comment of the infrastructure repository by issue, read the first time a delivery needs one.</summary>
    private async Task<Dictionary<int, List<CommentRef>>> CommentsAsync(CancellationToken cancellationToken) =>
        _comments ??= (await gitHub.ListRepositoryCommentsAsync(null, cancellationToken))
            .GroupBy(c => c.IssueNumber)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.Id).ToList());

    /// <summary>
    /// The project items of the given issues. In bulk, the items of every open issue of the run's one turnup listing
    /// are read at once (50 issues a query) the first time; an issue that listing did not have is read on its own.
    /// </summary>
    private async Task<IReadOnlyDictionary<int, ProjectItem>> BoardItemsAsync(
        IGitHubProjects projects, string projectId, IReadOnlyCollection<int> numbers, string community, CancellationToken cancellationToken)
    {
        if (!Bulk || _afresh.Contains(community) || _turnupIssues is null)
            return await projects.ReadIssueItemsAsync(projectId, numbers, cancellationToken);
        if (_boardItems is null || _boardItemsRead is null)
        {
            var open = _turnupIssues.Where(i => i.State == "open" && i.Number > 0).Select(i => i.Number).ToHashSet();
            _boardItems = new Dictionary<int, ProjectItem>(await projects.ReadIssueItemsAsync(projectId, open, cancellationToken));
            _boardItemsRead = open;
        }

        var items = numbers.Where(_boardItems.ContainsKey).ToDictionary(n => n, n => _boardItems[n]);
        var unread = numbers.Where(n => !_boardItemsRead.Contains(n)).ToList();
        if (unread.Count > 0)
        {
            foreach (var (number, item) in await projects.ReadIssueItemsAsync(projectId, unread, cancellationToken))
                items[number] = item;
        }

        return items;
    }

    private sealed record HubSpotSnapshot(
        IReadOnlyDictionary<string, HubSpotRecord> Communities,
        IReadOnlyDictionary<string, IReadOnlyList<HubSpotAssociation>> ContactAssociations,
        IReadOnlyDictionary<string, IReadOnlyList<HubSpotAssociation>> DealAssociations,
        IReadOnlyDictionary<string, ObservedContact> Contacts,
        IReadOnlyDictionary<string, HubSpotRecord> Deals)
    {
        public IReadOnlyDictionary<string, IReadOnlyList<HubSpotAssociation>>? NoteAssociations { get; init; }
    }

    private sealed record FreshdeskSnapshot(
        IReadOnlyDictionary<string, FreshdeskCompany> Companies,
        IReadOnlyDictionary<string, FreshdeskContact> Contacts,
        IReadOnlyDictionary<string, List<FreshdeskTicket>> TicketsByTag,
        IReadOnlyDictionary<long, List<FreshdeskTicket>> TicketsByRequester);
}

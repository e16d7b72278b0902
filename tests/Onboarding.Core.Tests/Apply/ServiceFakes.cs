using System.Globalization;
using Onboarding.Core.Services;
using Onboarding.Core.Services.Freshdesk;
using Onboarding.Core.Services.GitHub;
using Onboarding.Core.Services.HubSpot;

namespace Onboarding.Core.Tests.Apply;

/// <summary>
/// The four services apply writes to, in memory: every write is one line in <see cref="Journal"/>, in the order made,
/// and a write can be made to fail once (<see cref="Fail"/>). Only what the executor calls is implemented.
/// </summary>
internal sealed class ServiceFakes
{
    public ServiceFakes()
    {
        HubSpot = new FakeHubSpot(this);
        Freshdesk = new FakeFreshdesk(this);
        GitHub = new FakeGitHub(this);
        Projects = new FakeProjects(this);
    }

    public List<string> Journal { get; } = [];

    public FakeHubSpot HubSpot { get; }

    public FakeFreshdesk Freshdesk { get; }

    public FakeGitHub GitHub { get; }

    public FakeProjects Projects { get; }

    private readonly Dictionary<string, (int? Status, bool Made)> _failures = new(StringComparer.Ordinal);

    /// <summary>The next write that starts with <paramref name="write"/> fails with <paramref name="status"/> (null: no answer
    /// came); with <paramref name="made"/> the service made it before failing.</summary>
    public void Fail(string write, int? status, bool made) => _failures[write] = (status, made);

    /// <summary>Logs the write and makes it, unless it was told to fail.</summary>
    internal Task<T> Write<T>(string line, Func<T> make)
    {
        var failure = _failures.Keys.FirstOrDefault(k => line.StartsWith(k, StringComparison.Ordinal));
        if (failure is null)
        {
            Journal.Add(line);
            return Task.FromResult(make());
        }

        var (status, made) = _failures[failure];
        _failures.Remove(failure);
        if (made)
        {
            Journal.Add(line);
            make();
        }

        throw new ServiceException(line.Split(' ')[0], "write", status, $"{failure} failed ({status?.ToString(CultureInfo.InvariantCulture) ?? "no answer"}).");
    }

    internal Task Write(string line, Action make) => Write(line, () =>
    {
        make();
        return 0;
    });

    /// <summary>Each write without its details (what follows ": "), to read the order of the writes.</summary>
    public IEnumerable<string> Writes => Journal.Select(line => line.Split(": ")[0]);

    internal static string Fields(IReadOnlyDictionary<string, string?> fields) =>
        string.Join(", ", fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));
}

internal sealed class FakeHubSpot(ServiceFakes services) : IHubSpot
{
    public Task<IReadOnlyDictionary<string, IReadOnlyList<HubSpotAssociation>>> ReadCommunitiesAssociationsAsync(IReadOnlyCollection<string> communityIds, HubSpotObjectKind to, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Bulk reads are not faked.");

    public Task<IReadOnlyList<HubSpotRecord>> ReadNotesAsync(IReadOnlyCollection<string> noteIds, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Bulk reads are not faked.");

    /// <summary>The association types HubSpot has: the unlabelled default and the two roles.</summary>
    public List<AssociationLabel> AssociationLabels { get; } =
        [new(1, "HUBSPOT_DEFINED", null), new(7, "USER_DEFINED", "Community Representative"), new(8, "USER_DEFINED", "Technical Contact")];

    public Dictionary<string, HubSpotRecord> Communities { get; } = new(StringComparer.Ordinal);

    public List<HubSpotRecord> Notes { get; } = [];

    public int LabelReads { get; private set; }

    public Task<HubSpotRecord> CreateCommunityAsync(IReadOnlyDictionary<string, string?> properties, CancellationToken cancellationToken = default) =>
        services.Write($"hubspot create community: {ServiceFakes.Fields(properties)}", () =>
            Communities[properties["name"]!] = new HubSpotRecord($"c-{Communities.Count + 1}", properties));

    public Task<HubSpotRecord?> FindCommunityAsync(string name, IReadOnlyCollection<string> properties, CancellationToken cancellationToken = default) =>
        Task.FromResult(properties.Contains("name") ? Communities.GetValueOrDefault(name) : null);

    public Task<HubSpotRecord> UpdateCommunityAsync(string communityId, IReadOnlyDictionary<string, string?> properties, CancellationToken cancellationToken = default) =>
        services.Write($"hubspot update community {communityId}: {ServiceFakes.Fields(properties)}", () => new HubSpotRecord(communityId, properties));

    /// <summary>Emails HubSpot refuses in a batch upsert (a 207 that fails only those inputs), with its reason.</summary>
    public Dictionary<string, string> RefusedContacts { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Task<HubSpotUpserts> UpsertContactsByEmailAsync(IReadOnlyList<HubSpotContactInput> contacts, CancellationToken cancellationToken = default) =>
        services.Write(
            $"hubspot upsert contacts {string.Join(", ", contacts.Select(c => c.Email))}: {string.Join("; ", contacts.Select(c => ServiceFakes.Fields(c.Properties)))}",
            () => new HubSpotUpserts(
                [.. contacts.Where(c => !RefusedContacts.ContainsKey(c.Email)).Select(c => new HubSpotUpserted(c.Email, $"hs-{c.Email.Split('@')[0]}", true, c.Properties))],
                [.. contacts.Where(c => RefusedContacts.ContainsKey(c.Email)).Select(c => new HubSpotInputFailure(c.Email, RefusedContacts[c.Email]))]));

    public Task<IReadOnlyList<AssociationLabel>> ReadCommunityContactLabelsAsync(CancellationToken cancellationToken = default)
    {
        LabelReads++;
        return Task.FromResult<IReadOnlyList<AssociationLabel>>(AssociationLabels);
    }

    public Task AssociateCommunityContactsAsync(string communityId, IReadOnlyList<(string ContactId, int LabelTypeId)> labels, CancellationToken cancellationToken = default) =>
        services.Write($"hubspot label {communityId}: {string.Join(", ", labels.Select(l => $"{l.ContactId} as {l.LabelTypeId}"))}", () => { });

    public Task RemoveCommunityContactLabelAsync(string communityId, string contactId, int labelTypeId, CancellationToken cancellationToken = default) =>
        services.Write($"hubspot unlabel {communityId}: {contactId} as {labelTypeId}", () => { });

    public Task AssociateCommunityDealAsync(string communityId, string dealId, CancellationToken cancellationToken = default) =>
        services.Write($"hubspot associate {communityId} with deal {dealId}", () => { });

    public Task<string> CreateNoteAsync(string body, DateTimeOffset timestamp, IReadOnlyList<HubSpotNoteTarget> attachTo, CancellationToken cancellationToken = default) =>
        services.Write($"hubspot note on {string.Join(", ", attachTo.Select(t => $"{t.Kind} {t.Id}"))}: at {timestamp:O} {body}", () =>
        {
            var id = $"n-{Notes.Count + 1}";
            Notes.Add(new HubSpotRecord(id, new Dictionary<string, string?> { ["hs_note_body"] = body }));
            return id;
        });

    public Task<IReadOnlyList<HubSpotRecord>> ReadCommunityNotesAsync(string communityId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<HubSpotRecord>>(Notes);

    public Task<IReadOnlyList<HubSpotRecord>> ReadDealsAsync(IReadOnlyCollection<string> dealIds, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<HubSpotRecord>> ReadContactsAsync(IReadOnlyCollection<string> contactIds, IReadOnlyCollection<string> properties, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<string>> ReadCommunityDealIdsAsync(string communityId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<DealPipeline>> ReadDealPipelinesAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<HubSpotRecord>> ListCommunitiesAsync(IReadOnlyCollection<string> properties, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<HubSpotRecord> ReadCommunityAsync(string communityId, IReadOnlyCollection<string> properties, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<HubSpotRecord>> FindContactsByEmailAsync(IReadOnlyCollection<string> emails, IReadOnlyCollection<string> properties, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<HubSpotAssociation>> ReadCommunityContactsAsync(string communityId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task AssociateCommunityContactAsync(string communityId, string contactId, int labelTypeId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task RemoveCommunityContactAsync(string communityId, string contactId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

internal sealed class FakeFreshdesk(ServiceFakes services) : IFreshdeskClient
{
    public Task<IReadOnlyList<FreshdeskContact>> ListContactsAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Bulk reads are not faked.");

    public Task<IReadOnlyList<FreshdeskCompany>> ListCompaniesAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Bulk reads are not faked.");

    public Task<IReadOnlyList<FreshdeskTicket>> ListAllTicketsAsync(DateTimeOffset updatedSince, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Bulk reads are not faked.");

    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private long _nextId = 100;

    public List<FreshdeskCompany> Companies { get; } = [];

    public List<FreshdeskContact> Contacts { get; } = [];

    /// <summary>Tickets of earlier runs, which search finds.</summary>
    public List<FreshdeskTicket> Tickets { get; } = [];

    /// <summary>Tickets this test made (opened or sent as emails).</summary>
    public IEnumerable<FreshdeskTicket> Made() => _recent.Select(r => r.Ticket);

    public List<(long TicketId, FreshdeskConversation Conversation)> Conversations { get; } = [];

    public Task<FreshdeskCompany> CreateCompanyAsync(string name, IReadOnlyDictionary<string, string?> customFields, CancellationToken cancellationToken = default) =>
        services.Write($"freshdesk create company {name}: {ServiceFakes.Fields(customFields)}", () => Add(Companies, new FreshdeskCompany(_nextId++, name, customFields)));

    public Task<FreshdeskCompany?> FindCompanyByNameAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(Companies.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)));

    public Task<FreshdeskCompany> UpdateCompanyCustomFieldsAsync(long companyId, IReadOnlyDictionary<string, string?> customFields, CancellationToken cancellationToken = default) =>
        services.Write($"freshdesk update company {companyId}: {ServiceFakes.Fields(customFields)}", () => new FreshdeskCompany(companyId, "", customFields));

    public Task<FreshdeskContact> CreateContactAsync(FreshdeskContactInput contact, CancellationToken cancellationToken = default) =>
        services.Write($"freshdesk create contact {contact.Email}: {Describe(contact)}", () => Add(Contacts, new FreshdeskContact(_nextId++, contact.Name, contact.Email, contact.CompanyId, [])));

    public Task<FreshdeskContact?> FindContactByEmailAsync(string email, CancellationToken cancellationToken = default) =>
        Task.FromResult(Contacts.FirstOrDefault(c => c.Email == email));

    public Task<FreshdeskContact> UpdateContactAsync(long contactId, FreshdeskContactInput contact, CancellationToken cancellationToken = default) =>
        services.Write($"freshdesk update contact {contactId}: {Describe(contact)}", () => new FreshdeskContact(contactId, contact.Name, contact.Email, contact.CompanyId, []));

    public Task<FreshdeskTicket> CreateTicketAsync(FreshdeskNewTicket ticket, CancellationToken cancellationToken = default) =>
        services.Write(
            $"freshdesk open ticket for {ticket.RequesterEmail}: cc [{string.Join(", ", ticket.CcEmails)}] tags [{string.Join(", ", ticket.Tags)}] priority {ticket.Priority}; {ticket.Subject}",
            () => Made(ticket.RequesterEmail, Ticket(ticket.Subject, FreshdeskTicketStatus.Open, null, ticket.Tags)));

    /// <summary>Tickets made in this test, by requester: Freshdesk's search does not see them yet, as it lags writes.</summary>
    private readonly List<(string Requester, FreshdeskTicket Ticket)> _recent = [];

    /// <summary>The tickets search finds (<see cref="Tickets"/>), and those of this test only through their requester.</summary>
    public Task<IReadOnlyList<FreshdeskTicket>> FindTicketsByTagAsync(IReadOnlyList<string> tags, FreshdeskTicketScope? recent = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<FreshdeskTicket>>([
            .. Tickets.Concat(_recent.Where(r => r.Requester == recent?.RequesterEmail).Select(r => r.Ticket)).Where(t => t.Tags.Any(tags.Contains)),
        ]);

    public Task<IReadOnlyList<FreshdeskConversation>> ListConversationsAsync(long ticketId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<FreshdeskConversation>>([.. Conversations.Where(c => c.TicketId == ticketId).Select(c => c.Conversation)]);

    public Task<FreshdeskNote> AddNoteAsync(long ticketId, string htmlBody, bool isPrivate = true, CancellationToken cancellationToken = default) =>
        services.Write($"freshdesk note on ticket {ticketId}: {htmlBody}", () =>
        {
            var id = _nextId++;
            Conversations.Add((ticketId, new FreshdeskConversation(id, isPrivate, htmlBody, "")));
            return new FreshdeskNote(id, ticketId, isPrivate, Now);
        });

    public Task<FreshdeskTicket> SetTicketTagsAsync(long ticketId, IReadOnlyList<string> tags, CancellationToken cancellationToken = default) =>
        services.Write($"freshdesk tag ticket {ticketId}: [{string.Join(", ", tags)}]", () => Ticket("", FreshdeskTicketStatus.Open, null, tags) with { Id = ticketId });

    public Task<FreshdeskTicket> ResolveTicketAsync(long ticketId, CancellationToken cancellationToken = default) =>
        services.Write($"freshdesk resolve ticket {ticketId}", () => Ticket("", FreshdeskTicketStatus.Resolved, null, []) with { Id = ticketId });

    public Task<FreshdeskTicket> SendOutboundEmailAsync(FreshdeskOutboundEmail email, CancellationToken cancellationToken = default) =>
        services.Write(
            $"freshdesk email {email.ToEmail}: cc [{string.Join(", ", email.CcEmails)}] tags [{string.Join(", ", email.Tags)}] from {email.EmailConfigId}; {email.Subject}",
            () => Made(email.ToEmail, Ticket(email.Subject, email.Status, null, email.Tags)));

    public Task<FreshdeskTicket?> GetTicketAsync(long ticketId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<FreshdeskTicket>> ListTicketsAsync(FreshdeskTicketScope scope, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    private static string Describe(FreshdeskContactInput contact) => $"{contact.Name} <{contact.Email}> of company {contact.CompanyId?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}";

    private FreshdeskTicket Ticket(string subject, FreshdeskTicketStatus status, long? companyId, IReadOnlyList<string> tags) =>
        new(_nextId++, subject, status, 1, companyId, tags, [], Now, Now);

    private FreshdeskTicket Made(string requester, FreshdeskTicket ticket)
    {
        _recent.Add((requester, ticket));
        return ticket;
    }

    private static T Add<T>(List<T> list, T item)
    {
        list.Add(item);
        return item;
    }
}

internal sealed class FakeGitHub(ServiceFakes services) : IGitHubIssues
{
    public Task<IReadOnlyList<CommentRef>> ListRepositoryCommentsAsync(DateTimeOffset? since = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Bulk reads are not faked.");

    public List<IssueRef> Issues { get; } = [];

    public List<CommentRef> Comments { get; } = [];

    /// <summary>The account the fake's token acts as: the author of what it opens and writes.</summary>
    public const string OwnLogin = "onboarding";

    public static Uri IssueUrl(int number) => new($"https://github.com/example-org/infrastructure/issues/{number}");

    public Task<string> GetOwnLoginAsync(CancellationToken cancellationToken = default) => Task.FromResult(OwnLogin);

    /// <summary>Logins GitHub cannot assign in the repository: an issue opens without them, as GitHub does.</summary>
    public HashSet<string> Unassignable { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Task<IssueRef> CreateIssueAsync(NewIssue issue, CancellationToken cancellationToken = default) =>
        services.Write($"github open issue: {issue.Title} [{string.Join(", ", issue.Labels)}]{string.Concat(issue.Assignees.Select(a => " @" + a))}", () =>
        {
            var number = Issues.Count + 1;
            var opened = new IssueRef(number, issue.Title, issue.Body, "open", issue.Labels, IssueUrl(number))
            {
                NodeId = $"I_{number}",
                Author = OwnLogin,
                Assignees = [.. issue.Assignees.Where(a => !Unassignable.Contains(a))],
            };
            Issues.Add(opened);
            return opened;
        });

    public Task<IReadOnlyList<IssueRef>> FindIssuesByMarkerAsync(string marker, string label, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<IssueRef>>([.. Issues.Where(i => i.Labels.Contains(label) && i.Body.Contains(marker, StringComparison.Ordinal) && i.Author == OwnLogin)]);

    public Task<IssueRef> UpdateIssueAsync(int number, IssueChange change, CancellationToken cancellationToken = default) =>
        services.Write(
            $"github update issue #{number}: title {change.Title ?? "(same)"} body {(change.Body is null ? "(same)" : "(new)")} labels [{(change.Labels is null ? "(same)" : string.Join(", ", change.Labels))}]",
            () => new IssueRef(number, change.Title ?? "", change.Body ?? "", "open", change.Labels ?? [], IssueUrl(number)) { Author = OwnLogin });

    public Task<CommentRef> CreateCommentAsync(int number, string body, CancellationToken cancellationToken = default) =>
        services.Write($"github comment on #{number}: {body}", () =>
        {
            var comment = new CommentRef(Comments.Count + 1, number, body, OwnLogin, new Uri($"{IssueUrl(number)}#issuecomment-{Comments.Count + 1}"));
            Comments.Add(comment);
            return comment;
        });

    public Task<CommentRef?> FindCommentByMarkerAsync(int number, string marker, CancellationToken cancellationToken = default) =>
        Task.FromResult(Comments.FirstOrDefault(c => c.IssueNumber == number && c.Body.Contains(marker, StringComparison.Ordinal) && c.Author == OwnLogin));

    public Task<IReadOnlyList<IssueRef>> ListIssuesByLabelAsync(string label, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<IssueRef>> SearchIssuesByMarkerAsync(string marker, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IssueRef> GetIssueAsync(int number, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<CommentRef>> ListCommentsAsync(int number, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<CommentRef> UpdateCommentAsync(long commentId, string body, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

internal sealed class FakeProjects(ServiceFakes services) : IGitHubProjects
{
    public Task<string> AddItemAsync(string projectId, string contentId, CancellationToken cancellationToken = default) =>
        services.Write($"project {projectId} add {contentId}", () => $"item-{contentId}");

    public Task SetIterationAsync(string projectId, string itemId, string fieldId, string iterationId, CancellationToken cancellationToken = default) =>
        services.Write($"project {projectId} set {itemId} {fieldId} to {iterationId}", () => { });

    public Task SetOptionAsync(string projectId, string itemId, string fieldId, string optionId, CancellationToken cancellationToken = default) =>
        services.Write($"project {projectId} set {itemId} {fieldId} to {optionId}", () => { });

    public Task<ProjectBoard> ReadProjectAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyDictionary<int, ProjectItem>> ReadIssueItemsAsync(string projectId, IReadOnlyCollection<int> issueNumbers, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

namespace Onboarding.Core.Services.Freshdesk;

/// <summary>
/// What onboarding needs from Freshdesk: the community as a company, its people as contacts (upserted by email),
/// tickets that ask for missing information, and outbound emails that announce a hub. Every write that must
/// happen once carries a tag, so a re-run can find what an earlier run did.
/// </summary>
/// <remarks>Failures the caller cannot fix by retrying throw <see cref="ServiceException"/>.</remarks>
public interface IFreshdeskClient
{
    /// <summary>The contact whose primary or other email is <paramref name="email"/>, or null.</summary>
    Task<FreshdeskContact?> FindContactByEmailAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>Creates a contact. A contact with that email already existing is a <see cref="ServiceException"/> with status 409.</summary>
    Task<FreshdeskContact> CreateContactAsync(FreshdeskContactInput contact, CancellationToken cancellationToken = default);

    /// <summary>Updates name, email, and (when given) company and tags of a contact.</summary>
    Task<FreshdeskContact> UpdateContactAsync(long contactId, FreshdeskContactInput contact, CancellationToken cancellationToken = default);

    /// <summary>The company named exactly <paramref name="name"/> (ignoring case), or null; never missed among many
    /// companies whose names start the same way.</summary>
    Task<FreshdeskCompany?> FindCompanyByNameAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Creates a company. Company names are unique: an existing name is a <see cref="ServiceException"/> with status 409.</summary>
    Task<FreshdeskCompany> CreateCompanyAsync(string name, IReadOnlyDictionary<string, string?> customFields, CancellationToken cancellationToken = default);

    /// <summary>Sets the given custom fields of a company and leaves the others as they are.</summary>
    Task<FreshdeskCompany> UpdateCompanyCustomFieldsAsync(long companyId, IReadOnlyDictionary<string, string?> customFields, CancellationToken cancellationToken = default);

    /// <summary>Opens a ticket (status Open). An unknown requester email becomes a new contact.</summary>
    /// <remarks>Not retried after a 5xx or a timeout: the ticket may exist. Look for it by tag before trying again.</remarks>
    Task<FreshdeskTicket> CreateTicketAsync(FreshdeskNewTicket ticket, CancellationToken cancellationToken = default);

    /// <summary>The ticket, or null when it does not exist.</summary>
    Task<FreshdeskTicket?> GetTicketAsync(long ticketId, CancellationToken cancellationToken = default);

    Task<FreshdeskNote> AddNoteAsync(long ticketId, string htmlBody, bool isPrivate = true, CancellationToken cancellationToken = default);

    /// <summary>Every note and reply on the ticket, oldest first (all pages; not the ticket's description).</summary>
    Task<IReadOnlyList<FreshdeskConversation>> ListConversationsAsync(long ticketId, CancellationToken cancellationToken = default);

    /// <summary>Sets the ticket's status to Resolved.</summary>
    Task<FreshdeskTicket> ResolveTicketAsync(long ticketId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Tickets carrying any of <paramref name="tags"/> (a key's current and earlier tags), account-wide, through
    /// Freshdesk's search, which lags writes by up to a few minutes. With <paramref name="recent"/>, also lists that
    /// requester's or company's tickets (which does not lag) and adds those carrying a tag, so a ticket created a
    /// minute ago is found too.
    /// </summary>
    Task<IReadOnlyList<FreshdeskTicket>> FindTicketsByTagAsync(IReadOnlyList<string> tags, FreshdeskTicketScope? recent = null, CancellationToken cancellationToken = default);

    /// <summary>Every ticket in the scope (never lags, unlike search).</summary>
    Task<IReadOnlyList<FreshdeskTicket>> ListTicketsAsync(FreshdeskTicketScope scope, CancellationToken cancellationToken = default);

    /// <summary>Every contact of the account (all pages of 100): a snapshot for reading many communities at once.</summary>
    Task<IReadOnlyList<FreshdeskContact>> ListContactsAsync(CancellationToken cancellationToken = default);

    /// <summary>Every company of the account (all pages of 100): a snapshot for reading many communities at once.</summary>
    Task<IReadOnlyList<FreshdeskCompany>> ListCompaniesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Every ticket of the account updated since <paramref name="updatedSince"/> (the epoch for all of them), 100 a page,
    /// oldest change first; past Freshdesk's last page (300) the listing goes on from the last ticket's change.
    /// </summary>
    Task<IReadOnlyList<FreshdeskTicket>> ListAllTicketsAsync(DateTimeOffset updatedSince, CancellationToken cancellationToken = default);

    /// <summary>Replaces a ticket's tags (PUT); the program adds a tag to record that it noted something on the ticket.</summary>
    Task<FreshdeskTicket> SetTicketTagsAsync(long ticketId, IReadOnlyList<string> tags, CancellationToken cancellationToken = default);

    /// <summary>Sends an email from a support mailbox as a new outbound ticket (status Closed unless told otherwise).</summary>
    /// <remarks>Not retried after a 5xx or a timeout: the email may have gone out. Look for its tag before trying again.</remarks>
    Task<FreshdeskTicket> SendOutboundEmailAsync(FreshdeskOutboundEmail email, CancellationToken cancellationToken = default);
}

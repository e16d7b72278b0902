using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Onboarding.Core.Configuration;
using Onboarding.Core.Services;
using Onboarding.Core.Services.Freshdesk;
using Onboarding.Services.Http;

namespace Onboarding.Services.Freshdesk;

/// <summary>
/// Freshdesk API v2 through the shared send path (<see cref="ServiceRequests"/>): Basic auth with the API key, typed JSON
/// (<see cref="FreshdeskClientJson"/>), PUT for updates. Errors become <see cref="ServiceException"/>s that quote what
/// Freshdesk said, never the key.
/// </summary>
public sealed partial class FreshdeskClient : IFreshdeskClient, IDisposable
{
    public const string ServiceName = "freshdesk";
    private const string Service = "Freshdesk";
    private const int SearchMaxPages = 10;

    /// <summary>How many pages a listing of the whole account (contacts, companies, tickets) reads at most.</summary>
    private const int BulkMaxPages = 2000;

    private readonly HttpClient _http;
    private readonly int _maxListPages;
    private readonly int _ticketListMaxPages;

    public FreshdeskClient(FreshdeskClientOptions options, TimeProvider? time = null, HttpMessageHandler? network = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = options.BaseAddress.AbsoluteUri.EndsWith('/') ? options.BaseAddress : new Uri(options.BaseAddress.AbsoluteUri + "/");
        var limits = options.Limits;
        var share = options.Share is > 0 and <= 1 ? options.Share : 1;
        var allowed = Shared(limits.Requests, share);
        var endpoint = new ServiceEndpoint(ServiceName, root, allowed, limits.Window, options.AttemptTimeout, options.MaxRetries)
        {
            BaseBackoff = options.BaseBackoff,
            MaxRetryAfter = options.MaxRetryAfter,
            LimitHeader = options.FollowAnnouncedLimit ? "X-RateLimit-Total" : null,
            AnnouncedShare = share,
            Ceiling = allowed,
            Caps = Caps(limits, share),
        };
        _http = ResilientHttp.CreateClient(endpoint, time, network);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(options.ApiKey + ":X")));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _maxListPages = Math.Max(1, options.MaxListPages);
        _ticketListMaxPages = Math.Max(1, options.TicketListMaxPages);
    }

    public void Dispose() => _http.Dispose();

    public async Task<FreshdeskContact?> FindContactByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        var contacts = await GetAsync($"api/v2/contacts?email={Uri.EscapeDataString(email)}", "find contact by email", FreshdeskClientJson.Default.ListContactAnswer, cancellationToken);
        return contacts?.Select(ToContact).FirstOrDefault();
    }

    public async Task<FreshdeskContact> CreateContactAsync(FreshdeskContactInput contact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var dto = await SendAsync(HttpMethod.Post, "api/v2/contacts", ContactBody(contact), "create contact", FreshdeskClientJson.Default.ContactAnswer, cancellationToken);
        return ToContact(dto);
    }

    public async Task<FreshdeskContact> UpdateContactAsync(long contactId, FreshdeskContactInput contact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var dto = await SendAsync(HttpMethod.Put, $"api/v2/contacts/{contactId}", ContactBody(contact), "update contact", FreshdeskClientJson.Default.ContactAnswer, cancellationToken);
        return ToContact(dto);
    }

    /// <remarks>
    /// Autocomplete is a prefix search whose answer is cut short (10 to 20 names), so among many companies whose names
    /// start the same way the one wanted may be left out. It is asked first (one request finds most companies); when
    /// its answer lacks the exact name, the whole company list is read, page by page, and only that decides.
    /// </remarks>
    public async Task<FreshdeskCompany?> FindCompanyByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var found = await GetAsync($"api/v2/companies/autocomplete?name={Uri.EscapeDataString(name)}", "find company by name", FreshdeskClientJson.Default.AutocompleteAnswer, cancellationToken);
        if (found?.Companies?.FirstOrDefault(c => NameIs(c.Name, name)) is { } match)
        {
            var company = await GetAsync($"api/v2/companies/{match.Id}", "read company", FreshdeskClientJson.Default.CompanyAnswer, cancellationToken, missingIsNull: true);
            return company is null ? null : ToCompany(company);
        }

        var next = "api/v2/companies?per_page=100";
        for (var page = 0; next is not null && page < _maxListPages; page++)
        {
            var (items, link) = await GetPageAsync(next, "list companies", FreshdeskClientJson.Default.ListCompanyAnswer, cancellationToken);
            if (items.FirstOrDefault(c => NameIs(c.Name, name)) is { } company)
                return ToCompany(company);
            next = link;
        }

        if (next is not null)
            throw new ServiceException(ServiceName, "find company by name", null, $"Freshdesk has more than {_maxListPages * 100} companies; {name} could not be looked for among all of them.");
        return null;

        static bool NameIs(string? candidate, string wanted) => string.Equals(candidate?.Trim(), wanted, StringComparison.OrdinalIgnoreCase);
    }

    public async Task<FreshdeskCompany> CreateCompanyAsync(string name, IReadOnlyDictionary<string, string?> customFields, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(customFields);
        var body = ServiceRequests.JsonBody(new CompanyInput(name, customFields.Count > 0 ? customFields : null), FreshdeskClientJson.Default.CompanyInput);
        var dto = await SendAsync(HttpMethod.Post, "api/v2/companies", body, "create company", FreshdeskClientJson.Default.CompanyAnswer, cancellationToken);
        return ToCompany(dto);
    }

    public async Task<FreshdeskCompany> UpdateCompanyCustomFieldsAsync(long companyId, IReadOnlyDictionary<string, string?> customFields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customFields);
        var body = ServiceRequests.JsonBody(new CompanyFieldsInput(customFields), FreshdeskClientJson.Default.CompanyFieldsInput);
        var dto = await SendAsync(HttpMethod.Put, $"api/v2/companies/{companyId}", body, "update company custom fields", FreshdeskClientJson.Default.CompanyAnswer, cancellationToken);
        return ToCompany(dto);
    }

    public async Task<FreshdeskTicket> CreateTicketAsync(FreshdeskNewTicket ticket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var body = new TicketInput(
            ticket.RequesterEmail, ticket.Subject, ticket.HtmlDescription, (int)FreshdeskTicketStatus.Open, (int)ticket.Priority, ticket.CcEmails, ticket.Tags, ticket.RequesterName);
        var dto = await SendAsync(HttpMethod.Post, "api/v2/tickets", ServiceRequests.JsonBody(body, FreshdeskClientJson.Default.TicketInput), "create ticket", FreshdeskClientJson.Default.TicketAnswer, cancellationToken);
        return ToTicket(dto);
    }

    public async Task<FreshdeskTicket?> GetTicketAsync(long ticketId, CancellationToken cancellationToken = default)
    {
        var dto = await GetAsync($"api/v2/tickets/{ticketId}", "read ticket", FreshdeskClientJson.Default.TicketAnswer, cancellationToken, missingIsNull: true);
        return dto is null || dto.Deleted ? null : ToTicket(dto);
    }

    public async Task<FreshdeskNote> AddNoteAsync(long ticketId, string htmlBody, bool isPrivate = true, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(htmlBody);
        var body = ServiceRequests.JsonBody(new NoteInput(htmlBody, isPrivate), FreshdeskClientJson.Default.NoteInput);
        var dto = await SendAsync(HttpMethod.Post, $"api/v2/tickets/{ticketId}/notes", body, "add note to ticket", FreshdeskClientJson.Default.NoteAnswer, cancellationToken);
        return new FreshdeskNote(dto.Id, dto.TicketId, dto.Private, dto.CreatedAt);
    }

    public async Task<FreshdeskTicket> ResolveTicketAsync(long ticketId, CancellationToken cancellationToken = default)
    {
        var body = ServiceRequests.JsonBody(new TicketStatusInput((int)FreshdeskTicketStatus.Resolved), FreshdeskClientJson.Default.TicketStatusInput);
        var dto = await SendAsync(HttpMethod.Put, $"api/v2/tickets/{ticketId}", body, "resolve ticket", FreshdeskClientJson.Default.TicketAnswer, cancellationToken);
        return ToTicket(dto);
    }

    public async Task<IReadOnlyList<FreshdeskTicket>> FindTicketsByTagAsync(IReadOnlyList<string> tags, FreshdeskTicketScope? recent = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var found = new Dictionary<long, FreshdeskTicket>();
        foreach (var ticket in await SearchTicketsByTagAsync(tags, cancellationToken))
            found[ticket.Id] = ticket;
        if (recent is not null)
        {
            foreach (var ticket in (await ListTicketsAsync(recent, cancellationToken)).Where(t => t.Tags.Intersect(tags, StringComparer.OrdinalIgnoreCase).Any()))
                found[ticket.Id] = ticket;
        }

        return [.. found.Values.OrderBy(t => t.Id)];
    }

    public async Task<FreshdeskTicket> SetTicketTagsAsync(long ticketId, IReadOnlyList<string> tags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var body = ServiceRequests.JsonBody(new TicketTagsInput(tags), FreshdeskClientJson.Default.TicketTagsInput);
        var dto = await SendAsync(HttpMethod.Put, $"api/v2/tickets/{ticketId}", body, "tag ticket", FreshdeskClientJson.Default.TicketAnswer, cancellationToken);
        return ToTicket(dto);
    }

    public async Task<IReadOnlyList<FreshdeskConversation>> ListConversationsAsync(long ticketId, CancellationToken cancellationToken = default)
    {
        var conversations = new List<FreshdeskConversation>();
        var next = $"api/v2/tickets/{ticketId}/conversations?per_page=100";
        for (var page = 0; next is not null && page < _maxListPages; page++)
        {
            var (items, link) = await GetPageAsync(next, "list the ticket's conversations", FreshdeskClientJson.Default.ListConversationAnswer, cancellationToken);
            conversations.AddRange(items.Select(c => new FreshdeskConversation(c.Id, c.Private, c.Body ?? "", c.BodyText ?? "")));
            next = link;
        }

        return conversations;
    }

    public async Task<IReadOnlyList<FreshdeskTicket>> ListTicketsAsync(FreshdeskTicketScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var query = new List<string> { "per_page=100" };
        if (scope.RequesterId is { } requesterId)
        {
            query.Add($"requester_id={requesterId}");
        }
        else if (scope.RequesterEmail is { } email)
        {
            // Freshdesk answers 400 for the tickets of an email that is no contact; no contact has no tickets.
            if (await FindContactByEmailAsync(email, cancellationToken) is not { } requester)
                return [];
            query.Add($"requester_id={requester.Id}");
        }
        else if (scope.CompanyId is { } companyId)
            query.Add($"company_id={companyId}");
        else
            throw new ArgumentException("The scope needs a requester id, a requester email or a company id.", nameof(scope));
        if (scope.UpdatedSince is { } since)
            query.Add($"updated_since={Uri.EscapeDataString(since.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))}");

        var tickets = new List<FreshdeskTicket>();
        var next = $"api/v2/tickets?{string.Join('&', query)}";
        for (var page = 0; next is not null && page < _maxListPages; page++)
        {
            var (items, link) = await GetPageAsync(next, "list tickets", FreshdeskClientJson.Default.ListTicketAnswer, cancellationToken);
            tickets.AddRange(items.Select(ToTicket));
            next = link;
        }

        return tickets;
    }

    public async Task<IReadOnlyList<FreshdeskContact>> ListContactsAsync(CancellationToken cancellationToken = default) =>
        [.. (await ListAllPagesAsync("api/v2/contacts?per_page=100", "list contacts", FreshdeskClientJson.Default.ListContactAnswer, cancellationToken)).Select(ToContact)];

    public async Task<IReadOnlyList<FreshdeskCompany>> ListCompaniesAsync(CancellationToken cancellationToken = default) =>
        [.. (await ListAllPagesAsync("api/v2/companies?per_page=100", "list companies", FreshdeskClientJson.Default.ListCompanyAnswer, cancellationToken)).Select(ToCompany)];

    /// <remarks>
    /// Freshdesk serves at most 300 pages of one listing (<see cref="FreshdeskClientOptions.TicketListMaxPages"/>). Ordered by the time of the last
    /// change, oldest first, the listing goes on from the last ticket's change once that page is reached; tickets seen
    /// twice (changed in that same second) count once.
    /// </remarks>
    public async Task<IReadOnlyList<FreshdeskTicket>> ListAllTicketsAsync(DateTimeOffset updatedSince, CancellationToken cancellationToken = default)
    {
        var tickets = new Dictionary<long, FreshdeskTicket>();
        var since = updatedSince;
        var maxPages = _ticketListMaxPages;
        for (var round = 0; round < BulkMaxPages / maxPages + 1; round++)
        {
            var next = "api/v2/tickets?per_page=100&order_by=updated_at&order_type=asc&updated_since="
                + Uri.EscapeDataString(since.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            var page = 0;
            FreshdeskTicket? last = null;
            for (; next is not null && page < maxPages; page++)
            {
                var (items, link) = await GetPageAsync(next, "list tickets", FreshdeskClientJson.Default.ListTicketAnswer, cancellationToken);
                foreach (var ticket in items.Select(ToTicket))
                {
                    tickets[ticket.Id] = ticket;
                    last = ticket;
                }

                next = link;
            }

            if (next is null)
                return [.. tickets.Values.OrderBy(t => t.Id)];
            if (last is null || last.UpdatedAt <= since)
                break;
            since = last.UpdatedAt;
        }

        throw new ServiceException(ServiceName, "list tickets", null, $"Freshdesk listed more tickets than onboarding reads at once ({BulkMaxPages} pages of 100), or {maxPages} pages changed in one second; stopped reading.");
    }

    /// <summary>Every item of a list, following <c>Link: rel="next"</c> up to <see cref="BulkMaxPages"/> pages.</summary>
    private async Task<List<T>> ListAllPagesAsync<T>(string first, string operation, JsonTypeInfo<List<T>> answer, CancellationToken cancellationToken)
    {
        var all = new List<T>();
        string? next = first;
        for (var page = 0; next is not null; page++)
        {
            if (page == BulkMaxPages)
                throw new ServiceException(ServiceName, operation, null, $"Freshdesk has more than {BulkMaxPages * 100} items to {operation}; that is more than onboarding reads at once.");
            var (items, link) = await GetPageAsync(next, operation, answer, cancellationToken);
            all.AddRange(items);
            next = link;
        }

        return all;
    }

    public async Task<FreshdeskTicket> SendOutboundEmailAsync(FreshdeskOutboundEmail email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        var body = new OutboundEmailInput(
            email.ToEmail, email.Subject, email.HtmlBody, email.EmailConfigId, (int)email.Status, (int)FreshdeskTicketPriority.Low, email.CcEmails, email.Tags, email.ToName);
        var dto = await SendAsync(HttpMethod.Post, "api/v2/tickets/outbound_email", ServiceRequests.JsonBody(body, FreshdeskClientJson.Default.OutboundEmailInput), "send outbound email", FreshdeskClientJson.Default.TicketAnswer, cancellationToken);
        return ToTicket(dto);
    }

    /// <summary>Search pages hold 30 tickets and stop at page 10 (300 results), as Freshdesk's do.</summary>
    private async Task<IReadOnlyList<FreshdeskTicket>> SearchTicketsByTagAsync(IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        if (tags.Count == 0 || tags.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException("Give at least one tag, none of them empty.", nameof(tags));
        if (tags.Any(tag => tag.Contains('\'', StringComparison.Ordinal) || tag.Contains('"', StringComparison.Ordinal)))
            throw new ArgumentException("Freshdesk search cannot match a tag that contains quotes.", nameof(tags));
        var query = Uri.EscapeDataString($"\"{string.Join(" OR ", tags.Distinct(StringComparer.OrdinalIgnoreCase).Select(tag => $"tag:'{tag}'"))}\"");
        var tickets = new List<FreshdeskTicket>();
        for (var page = 1; page <= SearchMaxPages; page++)
        {
            var result = await GetAsync($"api/v2/search/tickets?query={query}&page={page}", "search tickets by tag", FreshdeskClientJson.Default.SearchAnswer, cancellationToken);
            var items = result?.Results ?? [];
            tickets.AddRange(items.Select(ToTicket));
            if (items.Count == 0 || tickets.Count >= (result?.Total ?? 0))
                break;
        }

        return tickets;
    }

    // ---- transport ------------------------------------------------------------------------------------------------

    /// <summary>
    /// GET; with <paramref name="missingIsNull"/> a 404 means "no such record". Only for one record by id: a list or a
    /// filter never answers 404, so there a 404 means a wrong address, and taking it for "nothing there" would make
    /// apply create duplicates.
    /// </summary>
    private async Task<T?> GetAsync<T>(string path, string operation, JsonTypeInfo<T> answer, CancellationToken cancellationToken, bool missingIsNull = false)
        where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await _http.SendAsync(request, ServiceName, Service, operation, cancellationToken);
        if (missingIsNull && response.StatusCode == HttpStatusCode.NotFound)
            return null;
        await ThrowIfFailedAsync(response, request, operation, cancellationToken);
        return await response.ReadJsonAsync(answer, ServiceName, Service, operation, cancellationToken);
    }

    private async Task<(List<T> Items, string? Next)> GetPageAsync<T>(string path, string operation, JsonTypeInfo<List<T>> answer, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await _http.SendAsync(request, ServiceName, Service, operation, cancellationToken);
        await ThrowIfFailedAsync(response, request, operation, cancellationToken);
        return (await response.ReadJsonAsync(answer, ServiceName, Service, operation, cancellationToken), NextLink(response));
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent body, string operation, JsonTypeInfo<T> answer, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body };
        using var response = await _http.SendAsync(request, ServiceName, Service, operation, cancellationToken);
        await ThrowIfFailedAsync(response, request, operation, cancellationToken);
        return await response.ReadJsonAsync(answer, ServiceName, Service, operation, cancellationToken);
    }

    private static async Task ThrowIfFailedAsync(HttpResponseMessage response, HttpRequestMessage request, string operation, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;
        var status = (int)response.StatusCode;
        var said = Describe(await response.Content.ReadAsStringAsync(cancellationToken));
        var sentence = status switch
        {
            401 => $"Freshdesk refused the API key to {operation} (401){said}",
            429 => $"Freshdesk kept answering 429 (rate limited) to {operation}{said}",
            >= 500 => $"Freshdesk failed with {status} to {operation}{said}{ServiceRequests.MayHaveBeenMade(ServiceRequests.IsIdempotent(request))}",
            _ => $"Freshdesk refused to {operation} ({status}){said}",
        };
        throw new ServiceException(ServiceName, operation, status, sentence);
    }

    /// <summary>": Validation failed: email: It should be a unique value (duplicate_value)." or "." when nothing was said.</summary>
    private static string Describe(string body)
    {
        ErrorAnswer? error;
        try
        {
            error = body.TrimStart().StartsWith('{') ? JsonSerializer.Deserialize(body, FreshdeskClientJson.Default.ErrorAnswer) : null;
        }
        catch (JsonException)
        {
            return ".";
        }

        if (error is null)
            return ".";
        var parts = new List<string>();
        if (error.Description is not null)
            parts.Add(error.Description);
        foreach (var field in error.Errors ?? [])
            parts.Add($"{(field.Field is null ? "" : field.Field + ": ")}{field.Message ?? ""}{(field.Code is null ? "" : $" ({field.Code})")}");
        if (parts.Count == 0 && error.Message is not null)
            parts.Add(error.Code is null ? error.Message : $"{error.Message} ({error.Code})");
        return parts.Count == 0 ? "." : ": " + string.Join("; ", parts) + ".";
    }

    private static string? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
            return null;
        foreach (var part in values.SelectMany(v => v.Split(',')))
        {
            var pieces = part.Split(';', StringSplitOptions.TrimEntries);
            if (pieces.Length >= 2 && pieces[0].StartsWith('<') && pieces[0].EndsWith('>')
                && pieces.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal).Equals("rel=\"next\"", StringComparison.OrdinalIgnoreCase)))
            {
                return pieces[0][1..^1];
            }
        }

        return null;
    }

    /// <summary>
    /// The per-endpoint caps of the plan, each over a minute: Tickets List and Contacts List (GET of the lists, filtered
    /// or not), Ticket Create (outbound email creates a ticket too) and Ticket Update.
    /// </summary>
    /// <summary>The part of a limit this client may use: at least one request.</summary>
    private static int Shared(int limit, double share) => Math.Max(1, (int)Math.Floor(limit * share));

    private static List<RequestCap> Caps(FreshdeskRateLimits limits, double share)
    {
        var minute = TimeSpan.FromMinutes(1);
        var caps = new List<RequestCap>();
        Add("Tickets List", limits.TicketsList, r => r.Method == HttpMethod.Get && PathEndsWith(r, "/api/v2/tickets"));
        Add("Contacts List", limits.ContactsList, r => r.Method == HttpMethod.Get && PathEndsWith(r, "/api/v2/contacts"));
        Add("Ticket Create", limits.TicketCreate, r => r.Method == HttpMethod.Post && (PathEndsWith(r, "/api/v2/tickets") || PathEndsWith(r, "/api/v2/tickets/outbound_email")));
        Add("Ticket Update", limits.TicketUpdate, r => r.Method == HttpMethod.Put && IsTicket(r));
        return caps;

        void Add(string name, int? limit, Func<HttpRequestMessage, bool> appliesTo)
        {
            if (limit is { } perMinute)
                caps.Add(new RequestCap(name, Shared(perMinute, share), minute, appliesTo));
        }

        static bool PathEndsWith(HttpRequestMessage request, string path) =>
            request.RequestUri?.AbsolutePath.TrimEnd('/').EndsWith(path, StringComparison.Ordinal) == true;

        static bool IsTicket(HttpRequestMessage request)
        {
            var segments = request.RequestUri?.AbsolutePath.TrimEnd('/').Split('/') ?? [];
            return segments.Length >= 4 && segments[^2] == "tickets" && segments[^3] == "v2" && segments[^4] == "api" && long.TryParse(segments[^1], CultureInfo.InvariantCulture, out _);
        }
    }

    private static ByteArrayContent ContactBody(FreshdeskContactInput contact) =>
        ServiceRequests.JsonBody(new ContactInput(contact.Name, contact.Email, contact.CompanyId, contact.Tags), FreshdeskClientJson.Default.ContactInput);

    private static FreshdeskContact ToContact(ContactAnswer dto) => new(dto.Id, dto.Name ?? "", dto.Email, dto.CompanyId, dto.Tags ?? []) { UpdatedAt = dto.UpdatedAt };

    private static FreshdeskCompany ToCompany(CompanyAnswer dto) => new(
        dto.Id,
        dto.Name ?? "",
        (dto.CustomFields ?? []).ToDictionary(
            f => f.Key,
            f => f.Value.ValueKind switch
            {
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.String => f.Value.GetString(),
                _ => f.Value.GetRawText(),
            }))
    {
        UpdatedAt = dto.UpdatedAt,
    };

    private static FreshdeskTicket ToTicket(TicketAnswer dto) => new(
        dto.Id,
        dto.Subject ?? "",
        (FreshdeskTicketStatus)dto.Status,
        dto.RequesterId,
        dto.CompanyId,
        dto.Tags ?? [],
        dto.CcEmails ?? [],
        dto.CreatedAt,
        dto.UpdatedAt);
}

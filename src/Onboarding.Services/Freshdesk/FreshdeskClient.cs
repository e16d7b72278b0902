using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Core.Services;
using Onboarding.Core.Services.Freshdesk;
using Onboarding.Services.Http;
using Polly.Timeout;

namespace Onboarding.Services.Freshdesk;

/// <summary>
/// Freshdesk API v2 over the shared resilient pipeline: Basic auth with the API key, JSON, PUT for updates.
/// Errors become <see cref="ServiceException"/>s that quote what Freshdesk said, never the key.
/// </summary>
public sealed class FreshdeskClient : IFreshdeskClient, IDisposable
{
    public const string ServiceName = "freshdesk";
    private const int SearchMaxPages = 10;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private readonly HttpClient _http;
    private readonly int _maxListPages;

    public FreshdeskClient(FreshdeskClientOptions options, TimeProvider? time = null, HttpMessageHandler? network = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = options.BaseAddress.AbsoluteUri.EndsWith('/') ? options.BaseAddress : new Uri(options.BaseAddress.AbsoluteUri + "/");
        var endpoint = new ServiceEndpoint(ServiceName, root, options.RequestsPerMinute, TimeSpan.FromMinutes(1), options.AttemptTimeout, options.MaxRetries)
        {
            BaseBackoff = options.BaseBackoff,
            MaxRetryAfter = options.MaxRetryAfter,
            LimitHeader = options.FollowAnnouncedLimit ? "X-RateLimit-Total" : null,
        };
        _http = ResilientHttp.CreateClient(endpoint, time, network);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(options.ApiKey + ":X")));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _maxListPages = Math.Max(1, options.MaxListPages);
    }

    public void Dispose() => _http.Dispose();

    public async Task<FreshdeskContact?> FindContactByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        var contacts = await GetAsync<List<ContactDto>>($"api/v2/contacts?email={Uri.EscapeDataString(email)}", "find contact by email", cancellationToken);
        return contacts?.Select(ToContact).FirstOrDefault();
    }

    public async Task<FreshdeskContact> CreateContactAsync(FreshdeskContactInput contact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var dto = await SendAsync<ContactDto>(HttpMethod.Post, "api/v2/contacts", ContactBody(contact), "create contact", cancellationToken);
        return ToContact(dto);
    }

    public async Task<FreshdeskContact> UpdateContactAsync(long contactId, FreshdeskContactInput contact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var dto = await SendAsync<ContactDto>(HttpMethod.Put, $"api/v2/contacts/{contactId}", ContactBody(contact), "update contact", cancellationToken);
        return ToContact(dto);
    }

    public async Task<FreshdeskCompany?> FindCompanyByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var found = await GetAsync<AutocompleteDto>($"api/v2/companies/autocomplete?name={Uri.EscapeDataString(name)}", "find company by name", cancellationToken);
        var match = found?.Companies?.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        if (match is null)
            return null;
        var company = await GetAsync<CompanyDto>($"api/v2/companies/{match.Id}", "read company", cancellationToken, missingIsNull: true);
        return company is null ? null : ToCompany(company);
    }

    public async Task<FreshdeskCompany> CreateCompanyAsync(string name, IReadOnlyDictionary<string, string?> customFields, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(customFields);
        var body = new JsonObject { ["name"] = name };
        if (customFields.Count > 0)
            body["custom_fields"] = CustomFields(customFields);
        var dto = await SendAsync<CompanyDto>(HttpMethod.Post, "api/v2/companies", body, "create company", cancellationToken);
        return ToCompany(dto);
    }

    public async Task<FreshdeskCompany> UpdateCompanyCustomFieldsAsync(long companyId, IReadOnlyDictionary<string, string?> customFields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customFields);
        var body = new JsonObject { ["custom_fields"] = CustomFields(customFields) };
        var dto = await SendAsync<CompanyDto>(HttpMethod.Put, $"api/v2/companies/{companyId}", body, "update company custom fields", cancellationToken);
        return ToCompany(dto);
    }

    public async Task<FreshdeskTicket> CreateTicketAsync(FreshdeskNewTicket ticket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var body = new JsonObject
        {
            ["email"] = ticket.RequesterEmail,
            ["subject"] = ticket.Subject,
            ["description"] = ticket.HtmlDescription,
            ["status"] = (int)FreshdeskTicketStatus.Open,
            ["priority"] = (int)ticket.Priority,
            ["cc_emails"] = Strings(ticket.CcEmails),
            ["tags"] = Strings(ticket.Tags),
        };
        if (ticket.RequesterName is not null)
            body["name"] = ticket.RequesterName;
        if (ticket.CompanyId is not null)
            body["company_id"] = ticket.CompanyId;
        var dto = await SendAsync<TicketDto>(HttpMethod.Post, "api/v2/tickets", body, "create ticket", cancellationToken);
        return ToTicket(dto);
    }

    public async Task<FreshdeskTicket?> GetTicketAsync(long ticketId, CancellationToken cancellationToken = default)
    {
        var dto = await GetAsync<TicketDto>($"api/v2/tickets/{ticketId}", "read ticket", cancellationToken, missingIsNull: true);
        return dto is null || dto.Deleted ? null : ToTicket(dto);
    }

    public async Task<FreshdeskNote> AddNoteAsync(long ticketId, string htmlBody, bool isPrivate = true, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(htmlBody);
        var body = new JsonObject { ["body"] = htmlBody, ["private"] = isPrivate };
        var dto = await SendAsync<NoteDto>(HttpMethod.Post, $"api/v2/tickets/{ticketId}/notes", body, "add note to ticket", cancellationToken);
        return new FreshdeskNote(dto.Id, dto.TicketId, dto.Private, dto.CreatedAt);
    }

    public async Task<FreshdeskTicket> ResolveTicketAsync(long ticketId, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["status"] = (int)FreshdeskTicketStatus.Resolved };
        var dto = await SendAsync<TicketDto>(HttpMethod.Put, $"api/v2/tickets/{ticketId}", body, "resolve ticket", cancellationToken);
        return ToTicket(dto);
    }

    public async Task<IReadOnlyList<FreshdeskTicket>> FindTicketsByTagAsync(string tag, FreshdeskTicketScope? recent = null, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<long, FreshdeskTicket>();
        foreach (var ticket in await SearchTicketsByTagAsync(tag, cancellationToken))
            found[ticket.Id] = ticket;
        if (recent is not null)
        {
            foreach (var ticket in await ListTicketsWithTagAsync(tag, recent, cancellationToken))
                found[ticket.Id] = ticket;
        }

        return [.. found.Values.OrderBy(t => t.Id)];
    }

    public async Task<IReadOnlyList<FreshdeskTicket>> ListTicketsWithTagAsync(string tag, FreshdeskTicketScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        return [.. (await ListTicketsAsync(scope, cancellationToken)).Where(t => t.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))];
    }

    public async Task<FreshdeskTicket> SetTicketTagsAsync(long ticketId, IReadOnlyList<string> tags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var body = new JsonObject { ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode?)t)]) };
        var dto = await SendAsync<TicketDto>(HttpMethod.Put, $"api/v2/tickets/{ticketId}", body, "tag ticket", cancellationToken);
        return ToTicket(dto);
    }

    public async Task<IReadOnlyList<FreshdeskConversation>> ListConversationsAsync(long ticketId, CancellationToken cancellationToken = default)
    {
        var conversations = new List<FreshdeskConversation>();
        var next = $"api/v2/tickets/{ticketId}/conversations?per_page=100";
        for (var page = 0; next is not null && page < _maxListPages; page++)
        {
            var (items, link) = await GetPageAsync<ConversationDto>(next, "list the ticket's conversations", cancellationToken);
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
            query.Add($"requester_id={requesterId}");
        else if (scope.RequesterEmail is { } email)
            query.Add($"email={Uri.EscapeDataString(email)}");
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
            var (items, link) = await GetPageAsync<TicketDto>(next, "list tickets", cancellationToken);
            tickets.AddRange(items.Select(ToTicket));
            next = link;
        }

        return tickets;
    }

    public async Task<FreshdeskTicket> SendOutboundEmailAsync(FreshdeskOutboundEmail email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        var body = new JsonObject
        {
            ["email"] = email.ToEmail,
            ["subject"] = email.Subject,
            ["description"] = email.HtmlBody,
            ["email_config_id"] = email.EmailConfigId,
            ["status"] = (int)email.Status,
            ["priority"] = (int)FreshdeskTicketPriority.Low,
            ["cc_emails"] = Strings(email.CcEmails),
            ["tags"] = Strings(email.Tags),
        };
        if (email.ToName is not null)
            body["name"] = email.ToName;
        var dto = await SendAsync<TicketDto>(HttpMethod.Post, "api/v2/tickets/outbound_email", body, "send outbound email", cancellationToken);
        return ToTicket(dto);
    }

    /// <summary>Search pages hold 30 tickets and stop at page 10 (300 results), as Freshdesk's do.</summary>
    private async Task<IReadOnlyList<FreshdeskTicket>> SearchTicketsByTagAsync(string tag, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        if (tag.Contains('\'', StringComparison.Ordinal) || tag.Contains('"', StringComparison.Ordinal))
            throw new ArgumentException("Freshdesk search cannot match a tag that contains quotes.", nameof(tag));
        var query = Uri.EscapeDataString($"\"tag:'{tag}'\"");
        var tickets = new List<FreshdeskTicket>();
        for (var page = 1; page <= SearchMaxPages; page++)
        {
            var result = await GetAsync<SearchDto>($"api/v2/search/tickets?query={query}&page={page}", "search tickets by tag", cancellationToken);
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
    private async Task<T?> GetAsync<T>(string path, string operation, CancellationToken cancellationToken, bool missingIsNull = false)
        where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await SendRawAsync(request, operation, cancellationToken);
        if (missingIsNull && response.StatusCode == HttpStatusCode.NotFound)
            return null;
        await ThrowIfFailedAsync(response, request, operation, cancellationToken);
        return await ReadAsync<T>(response, operation, cancellationToken);
    }

    private async Task<(List<T> Items, string? Next)> GetPageAsync<T>(string path, string operation, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await SendRawAsync(request, operation, cancellationToken);
        await ThrowIfFailedAsync(response, request, operation, cancellationToken);
        var items = await ReadAsync<List<T>>(response, operation, cancellationToken);
        return (items, NextLink(response));
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, JsonObject body, string operation, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        using var response = await SendRawAsync(request, operation, cancellationToken);
        await ThrowIfFailedAsync(response, request, operation, cancellationToken);
        return await ReadAsync<T>(response, operation, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or IOException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var reason = ex is TimeoutRejectedException or OperationCanceledException ? "did not answer in time" : "could not be reached";
            var maybe = ResilientHttp.IsIdempotent(request)
                ? ""
                : " The change may have been made anyway; look for it before trying again.";
            throw new ServiceException(ServiceName, operation, null, $"Freshdesk {reason} to {operation}.{maybe}", ex);
        }
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
            >= 500 when !ResilientHttp.IsIdempotent(request) =>
                $"Freshdesk failed with {status} to {operation}{said} The change may have been made anyway; look for it before trying again.",
            >= 500 => $"Freshdesk failed with {status} to {operation}{said}",
            _ => $"Freshdesk refused to {operation} ({status}){said}",
        };
        throw new ServiceException(ServiceName, operation, status, sentence);
    }

    /// <summary>": Validation failed: email: It should be a unique value (duplicate_value)." or "." when nothing was said.</summary>
    private static string Describe(string body)
    {
        JsonNode? node;
        try
        {
            node = string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return ".";
        }

        if (node is not JsonObject obj)
            return ".";
        var parts = new List<string>();
        if (obj["description"] is JsonValue description)
            parts.Add(description.ToString());
        if (obj["errors"] is JsonArray errors)
        {
            foreach (var error in errors.OfType<JsonObject>())
            {
                var field = error["field"]?.ToString();
                var message = error["message"]?.ToString() ?? "";
                var code = error["code"]?.ToString();
                parts.Add($"{(field is null ? "" : field + ": ")}{message}{(code is null ? "" : $" ({code})")}");
            }
        }

        if (parts.Count == 0 && obj["message"] is JsonValue text)
            parts.Add(obj["code"] is JsonValue code ? $"{text} ({code})" : text.ToString());
        return parts.Count == 0 ? "." : ": " + string.Join("; ", parts) + ".";
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonSerializer.DeserializeAsync<T>(stream, Json, cancellationToken)
                ?? throw new JsonException("The body is empty.");
        }
        catch (JsonException ex)
        {
            throw new ServiceException(ServiceName, operation, (int)response.StatusCode, $"Freshdesk answered {operation} with a body that is not the JSON expected.", ex);
        }
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

    private static JsonObject ContactBody(FreshdeskContactInput contact)
    {
        var body = new JsonObject { ["name"] = contact.Name, ["email"] = contact.Email };
        if (contact.CompanyId is not null)
            body["company_id"] = contact.CompanyId;
        if (contact.Tags is not null)
            body["tags"] = Strings(contact.Tags);
        return body;
    }

    private static JsonObject CustomFields(IReadOnlyDictionary<string, string?> fields)
    {
        var obj = new JsonObject();
        foreach (var (name, value) in fields)
            obj[name] = value;
        return obj;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    private static FreshdeskContact ToContact(ContactDto dto) => new(dto.Id, dto.Name ?? "", dto.Email, dto.CompanyId, dto.Tags ?? []);

    private static FreshdeskCompany ToCompany(CompanyDto dto) => new(
        dto.Id,
        dto.Name ?? "",
        (dto.CustomFields ?? []).ToDictionary(
            f => f.Key,
            f => f.Value.ValueKind switch
            {
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.String => f.Value.GetString(),
                _ => f.Value.GetRawText(),
            }));

    private static FreshdeskTicket ToTicket(TicketDto dto) => new(
        dto.Id,
        dto.Subject ?? "",
        (FreshdeskTicketStatus)dto.Status,
        dto.RequesterId,
        dto.CompanyId,
        dto.Tags ?? [],
        dto.CcEmails ?? [],
        dto.CreatedAt,
        dto.UpdatedAt);

    private sealed record ContactDto(long Id, string? Name, string? Email, long? CompanyId, List<string>? Tags);

    private sealed record CompanyDto(long Id, string? Name, Dictionary<string, JsonElement>? CustomFields);

    private sealed record CompanyRefDto(long Id, string? Name);

    private sealed record AutocompleteDto(List<CompanyRefDto>? Companies);

    private sealed record TicketDto(
        long Id,
        string? Subject,
        int Status,
        long RequesterId,
        long? CompanyId,
        List<string>? Tags,
        List<string>? CcEmails,
        bool Deleted,
        DateTimeOffset CreatedAt,
        DateTimeOffset UpdatedAt);

    private sealed record NoteDto(long Id, long TicketId, bool Private, DateTimeOffset CreatedAt);

    private sealed record ConversationDto(long Id, bool Private, string? Body, string? BodyText);

    private sealed record SearchDto(List<TicketDto>? Results, int Total);
}

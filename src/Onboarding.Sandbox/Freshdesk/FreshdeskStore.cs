using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Onboarding.Sandbox.Freshdesk;

/// <summary>One page of a list answer; the emulator turns <see cref="HasMore"/> into a <c>Link: rel="next"</c> header.</summary>
public sealed record FreshdeskPage(JsonArray Items, bool HasMore);

/// <summary>
/// The emulated helpdesk's state and rules (thread-safe). Methods throw <see cref="FreshdeskApiException"/> for the answers
/// Freshdesk gives to bad requests, and return snapshots (never live objects) for good ones.
/// </summary>
public sealed partial class FreshdeskStore
{
    private const string ContactFieldsMessage = "Please fill at least 1 of email, mobile, phone, twitter_id, unique_external_id fields";
    private const string RequesterFieldsMessage = "Please fill at least 1 of requester_id, phone, email, twitter_id, facebook_id, unique_external_id fields";
    private const int MaxPerPage = 100;
    private const int DefaultPerPage = 30;
    private const int SearchPageSize = 30;
    private const int SearchMaxPage = 10;

    private static readonly int[] Statuses = [2, 3, 4, 5];
    private static readonly int[] Priorities = [1, 2, 3, 4];
    private static readonly int[] Sources = [1, 2, 3, 7, 9, 10];

    private static readonly string[] ContactFields =
    [
        "name", "email", "phone", "mobile", "twitter_id", "unique_external_id", "company_id", "other_emails", "job_title",
        "description", "address", "language", "time_zone", "tags", "custom_fields", "view_all_tickets",
    ];

    private static readonly string[] CompanyFields =
    [
        "name", "description", "note", "domains", "health_score", "account_tier", "renewal_date", "industry", "custom_fields",
    ];

    private static readonly string[] RequesterFields = ["requester_id", "email", "phone", "twitter_id", "facebook_id", "unique_external_id"];

    private static readonly string[] TicketUpdateFields =
    [
        "name", "requester_id", "email", "phone", "twitter_id", "facebook_id", "unique_external_id", "subject", "type", "status",
        "priority", "description", "responder_id", "custom_fields", "due_by", "fr_due_by", "email_config_id", "group_id",
        "product_id", "source", "tags", "company_id",
    ];

    private static readonly string[] TicketCreateFields = [.. TicketUpdateFields, "cc_emails"];

    private static readonly string[] OutboundFields =
    [
        "name", "email", "subject", "type", "status", "priority", "description", "cc_emails", "bcc_emails", "custom_fields",
        "due_by", "fr_due_by", "email_config_id", "group_id", "product_id", "tags",
    ];

    // Not FreshdeskJson.Options: the API's timestamps are cut to the second, but a saved search index must keep when
    // each version becomes visible to the tick.
    private static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    private readonly Lock _gate = new();
    private FreshdeskState _state;

    public FreshdeskStore(FreshdeskSeed? seed = null, FreshdeskState? state = null)
    {
        Seed = seed ?? new FreshdeskSeed();
        _state = state is null ? Fresh(Seed) : Copy(state);
    }

    public FreshdeskSeed Seed { get; }

    /// <summary>A deep copy of the whole state, for tests and for saving.</summary>
    public FreshdeskState Snapshot()
    {
        lock (_gate)
        {
            return Copy(_state);
        }
    }

    public void Restore(FreshdeskState state)
    {
        var copy = Copy(state);
        lock (_gate)
        {
            _state = copy;
        }
    }

    /// <summary>The whole state as JSON, to keep a sandbox helpdesk between runs; start a store from it with <see cref="ImportJson"/>.</summary>
    public string ExportJson()
    {
        lock (_gate)
        {
            return JsonSerializer.Serialize(_state, StateJson);
        }
    }

    /// <summary>Reads what <see cref="ExportJson"/> wrote; pass the result to the store or emulator constructor.</summary>
    /// <exception cref="JsonException">The text is not a saved helpdesk.</exception>
    public static FreshdeskState ImportJson(string json) =>
        JsonSerializer.Deserialize<FreshdeskState>(json, StateJson) ?? throw new JsonException("The Freshdesk state is empty.");

    internal static bool LooksLikeEmail(string value) => EmailPattern().IsMatch(value);

    // ---- contacts -------------------------------------------------------------------------------------------------

    internal JsonObject CreateContact(JsonObject json, DateTimeOffset now)
    {
        lock (_gate)
        {
            var body = new FreshdeskBody(json, ContactFields);
            var contact = new ContactRecord { Id = 0, CreatedAt = Second(now), UpdatedAt = Second(now) };
            contact.Name = body.String("name", required: true) ?? "";
            ApplyContact(body, contact);
            if (contact.Email is null && contact.Phone is null && contact.Mobile is null && contact.TwitterId is null && contact.UniqueExternalId is null)
                body.Fail("email", ContactFieldsMessage, "missing_field");
            body.ThrowIfInvalid();
            EnsureContactUnique(contact);
            contact.Id = _state.NextContactId++;
            _state.Contacts.Add(contact);
            return ToJson(contact);
        }
    }

    internal JsonObject GetContact(long id)
    {
        lock (_gate)
        {
            return ToJson(FindContact(id) ?? throw FreshdeskApiException.NotFound());
        }
    }

    internal FreshdeskPage ListContacts(IReadOnlyDictionary<string, string> query)
    {
        RejectUnknown(query, "email", "mobile", "phone", "company_id", "state", "_updated_since", "unique_external_id", "page", "per_page");
        var (page, perPage) = Paging(query);
        var email = query.GetValueOrDefault("email");
        var companyId = OptionalLong(query, "company_id");
        var since = OptionalTime(query, "_updated_since");
        var state = query.GetValueOrDefault("state");
        if (state is not null and not ("blocked" or "deleted" or "unverified" or "verified"))
            throw FreshdeskApiException.Validation(new FreshdeskFieldError("state", "It should be one of these values: 'blocked,deleted,unverified,verified'", "invalid_value"));
        lock (_gate)
        {
            var matches = _state.Contacts
                .Where(c => state == "deleted" ? c.Deleted : !c.Deleted)
                .Where(c => state is not "blocked")
                .Where(c => state is not "verified" || c.Active)
                .Where(c => state is not "unverified" || !c.Active)
                .Where(c => email is null || HasEmail(c, email))
                .Where(c => !query.TryGetValue("phone", out var phone) || c.Phone == phone)
                .Where(c => !query.TryGetValue("mobile", out var mobile) || c.Mobile == mobile)
                .Where(c => !query.TryGetValue("unique_external_id", out var external) || c.UniqueExternalId == external)
                .Where(c => companyId is null || c.CompanyId == companyId)
                .Where(c => since is null || c.UpdatedAt >= since)
                .OrderBy(c => c.Id);
            return Page(matches, page, perPage, ToJson);
        }
    }

    internal JsonObject UpdateContact(long id, JsonObject json, DateTimeOffset now)
    {
        lock (_gate)
        {
            var existing = FindContact(id) ?? throw FreshdeskApiException.NotFound();
            if (existing.Deleted)
                throw FreshdeskApiException.NotFound();
            var body = new FreshdeskBody(json, ContactFields);
            var updated = Clone(existing);
            if (body.Has("name"))
                updated.Name = body.String("name", required: true) ?? updated.Name;
            ApplyContact(body, updated);
            if (updated.Email is null && updated.Phone is null && updated.Mobile is null && updated.TwitterId is null && updated.UniqueExternalId is null)
                body.Fail("email", ContactFieldsMessage, "missing_field");
            body.ThrowIfInvalid();
            EnsureContactUnique(updated);
            updated.UpdatedAt = Second(now);
            _state.Contacts[_state.Contacts.IndexOf(existing)] = updated;
            return ToJson(updated);
        }
    }

    internal void DeleteContact(long id, DateTimeOffset now)
    {
        lock (_gate)
        {
            var contact = FindContact(id);
            if (contact is null || contact.Deleted)
                throw FreshdeskApiException.NotFound();
            contact.Deleted = true;
            contact.UpdatedAt = Second(now);
        }
    }

    // ---- companies ------------------------------------------------------------------------------------------------

    internal JsonObject CreateCompany(JsonObject json, DateTimeOffset now)
    {
        lock (_gate)
        {
            var body = new FreshdeskBody(json, CompanyFields);
            var company = new CompanyRecord { CreatedAt = Second(now), UpdatedAt = Second(now) };
            foreach (var field in Seed.CompanyCustomFields)
                company.CustomFields[field.Name] = null;
            company.Name = body.String("name", required: true) ?? "";
            ApplyCompany(body, company);
            body.ThrowIfInvalid();
            EnsureCompanyUnique(company);
            company.Id = _state.NextCompanyId++;
            _state.Companies.Add(company);
            return ToJson(company);
        }
    }

    internal JsonObject GetCompany(long id)
    {
        lock (_gate)
        {
            return ToJson(FindCompany(id) ?? throw FreshdeskApiException.NotFound());
        }
    }

    internal FreshdeskPage ListCompanies(IReadOnlyDictionary<string, string> query)
    {
        RejectUnknown(query, "page", "per_page");
        var (page, perPage) = Paging(query);
        lock (_gate)
        {
            return Page(_state.Companies.OrderBy(c => c.Id), page, perPage, ToJson);
        }
    }

    internal JsonObject UpdateCompany(long id, JsonObject json, DateTimeOffset now)
    {
        lock (_gate)
        {
            var existing = FindCompany(id) ?? throw FreshdeskApiException.NotFound();
            var body = new FreshdeskBody(json, CompanyFields);
            var updated = Clone(existing);
            if (body.Has("name"))
                updated.Name = body.String("name", required: true) ?? updated.Name;
            ApplyCompany(body, updated);
            body.ThrowIfInvalid();
            EnsureCompanyUnique(updated);
            updated.UpdatedAt = Second(now);
            _state.Companies[_state.Companies.IndexOf(existing)] = updated;
            return ToJson(updated);
        }
    }

    internal void DeleteCompany(long id)
    {
        lock (_gate)
        {
            var company = FindCompany(id) ?? throw FreshdeskApiException.NotFound();
            _state.Companies.Remove(company);
            foreach (var contact in _state.Contacts.Where(c => c.CompanyId == id))
                contact.CompanyId = null;
        }
    }

    internal JsonObject AutocompleteCompanies(IReadOnlyDictionary<string, string> query)
    {
        RejectUnknown(query, "name");
        if (!query.TryGetValue("name", out var name) || string.IsNullOrWhiteSpace(name))
            throw FreshdeskApiException.Validation(new FreshdeskFieldError("name", "It should be a/an String", "missing_field"));
        lock (_gate)
        {
            var items = new JsonArray();
            foreach (var company in _state.Companies.Where(c => NameMatches(c.Name, name)).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase))
                items.Add(new JsonObject { ["id"] = company.Id, ["name"] = company.Name });
            return new JsonObject { ["companies"] = items };
        }
    }

    // ---- tickets --------------------------------------------------------------------------------------------------

    internal JsonObject CreateTicket(JsonObject json, DateTimeOffset now)
    {
        lock (_gate)
        {
            var body = new FreshdeskBody(json, TicketCreateFields);
            var ticket = new TicketRecord
            {
                Subject = body.String("subject", required: true) ?? "",
                Description = body.String("description", required: true),
                Status = body.Choice("status", Statuses) ?? 2,
                Priority = body.Choice("priority", Priorities) ?? 1,
                Source = body.Choice("source", Sources) ?? 2,
                CcEmails = body.StringList("cc_emails", emails: true) ?? [],
            };
            ApplyTicketCommon(body, ticket);
            var requester = ReadRequester(body, required: true);
            body.ThrowIfInvalid();
            ticket.ReplyCcEmails = [.. ticket.CcEmails];
            return AddTicket(ticket, requester!, now);
        }
    }

    internal JsonObject CreateOutboundEmail(JsonObject json, DateTimeOffset now)
    {
        lock (_gate)
        {
            var body = new FreshdeskBody(json, OutboundFields);
            var ticket = new TicketRecord
            {
                Subject = body.String("subject", required: true) ?? "",
                Description = body.String("description"),
                Status = body.Choice("status", Statuses) ?? 5,
                Priority = body.Choice("priority", Priorities) ?? 1,
                Source = 10,
                CcEmails = body.StringList("cc_emails", emails: true) ?? [],
                ResponderId = Seed.AgentId,
            };
            _ = body.StringList("bcc_emails", emails: true);
            if (!body.Has("email_config_id"))
                body.Fail("email_config_id", "It should be a/an Positive Integer", "missing_field");
            ApplyTicketCommon(body, ticket);
            var email = body.String("email", required: true);
            if (email is not null && !LooksLikeEmail(email))
                body.Fail("email", "It should be in the 'valid email address' format");
            body.ThrowIfInvalid();
            var requester = new RequesterRef(null, email!.ToLowerInvariant(), null, null, null, body.String("name"));
            ticket.ToEmails = [requester.Email!];
            ticket.ReplyCcEmails = [.. ticket.CcEmails];
            return AddTicket(ticket, requester, now);
        }
    }

    internal JsonObject GetTicket(long id, IReadOnlyDictionary<string, string> query)
    {
        RejectUnknown(query, "include");
        var include = Includes(query, "conversations", "requester", "company", "stats");
        lock (_gate)
        {
            var ticket = FindTicket(id) ?? throw FreshdeskApiException.NotFound();
            var result = ToJson(ticket);
            if (include.Contains("conversations"))
            {
                result["conversations"] = new JsonArray([.. _state.Conversations.Where(c => c.TicketId == id).OrderBy(c => c.Id).Take(10).Select(c => (JsonNode)ToJson(c))]);
            }

            if (include.Contains("requester") && FindContact(ticket.RequesterId) is { } requester)
            {
                result["requester"] = new JsonObject
                {
                    ["id"] = requester.Id, ["name"] = requester.Name, ["email"] = requester.Email,
                    ["mobile"] = requester.Mobile, ["phone"] = requester.Phone,
                };
            }

            if (include.Contains("company") && ticket.CompanyId is { } companyId && FindCompany(companyId) is { } company)
                result["company"] = new JsonObject { ["id"] = company.Id, ["name"] = company.Name };
            if (include.Contains("stats"))
            {
                result["stats"] = new JsonObject
                {
                    ["agent_responded_at"] = null, ["requester_responded_at"] = null, ["first_responded_at"] = null,
                    ["status_updated_at"] = FreshdeskJson.Format(ticket.UpdatedAt),
                    ["reopened_at"] = null,
                    ["resolved_at"] = ticket.Status >= 4 ? FreshdeskJson.Format(ticket.UpdatedAt) : null,
                    ["closed_at"] = ticket.Status == 5 ? FreshdeskJson.Format(ticket.UpdatedAt) : null,
                    ["pending_since"] = ticket.Status == 3 ? FreshdeskJson.Format(ticket.UpdatedAt) : null,
                };
            }

            return result;
        }
    }

    internal JsonObject UpdateTicket(long id, JsonObject json, DateTimeOffset now)
    {
        lock (_gate)
        {
            var existing = FindTicket(id);
            if (existing is null || existing.Deleted)
                throw FreshdeskApiException.NotFound();
            var body = new FreshdeskBody(json, TicketUpdateFields);
            var updated = Clone(existing);
            if (body.Has("subject"))
                updated.Subject = body.String("subject", required: true) ?? updated.Subject;
            if (body.Has("description"))
                updated.Description = body.String("description", required: true) ?? updated.Description;
            updated.Status = body.Choice("status", Statuses) ?? updated.Status;
            updated.Priority = body.Choice("priority", Priorities) ?? updated.Priority;
            updated.Source = body.Choice("source", Sources) ?? updated.Source;
            ApplyTicketCommon(body, updated);
            var requester = ReadRequester(body, required: false);
            body.ThrowIfInvalid();
            var requesterContact = requester is null ? FindContact(updated.RequesterId) : FindRequester(requester);
            CheckTicketCompany(updated, requesterContact);
            if (requester is not null)
                updated.RequesterId = (requesterContact ?? FindOrCreateRequester(requester, now)).Id;
            updated.DescriptionText = HtmlToText(updated.Description);
            updated.UpdatedAt = Second(now);
            _state.Tickets[_state.Tickets.IndexOf(existing)] = updated;
            Index(updated, now);
            return ToJson(updated);
        }
    }

    internal void DeleteTicket(long id, DateTimeOffset now)
    {
        lock (_gate)
        {
            var ticket = FindTicket(id);
            if (ticket is null || ticket.Deleted)
                throw FreshdeskApiException.NotFound();
            ticket.Deleted = true;
            ticket.UpdatedAt = Second(now);
            Index(ticket, now);
        }
    }

    /// <summary>The plain list: never lags; by default only tickets created in the last 30 days.</summary>
    internal FreshdeskPage ListTickets(IReadOnlyDictionary<string, string> query, DateTimeOffset now)
    {
        RejectUnknown(query, "filter", "requester_id", "email", "company_id", "updated_since", "order_by", "order_type", "include", "page", "per_page");
        var (page, perPage) = Paging(query);
        var filter = query.GetValueOrDefault("filter");
        if (filter is not null and not ("new_and_my_open" or "watching" or "spam" or "deleted"))
            throw FreshdeskApiException.Validation(new FreshdeskFieldError("filter", "It should be one of these values: 'new_and_my_open,watching,spam,deleted'", "invalid_value"));
        var requesterId = OptionalLong(query, "requester_id");
        var companyId = OptionalLong(query, "company_id");
        var since = OptionalTime(query, "updated_since");
        var orderBy = query.GetValueOrDefault("order_by") ?? "created_at";
        if (orderBy is not ("created_at" or "due_by" or "updated_at" or "status"))
            throw FreshdeskApiException.Validation(new FreshdeskFieldError("order_by", "It should be one of these values: 'created_at,due_by,updated_at,status'", "invalid_value"));
        var orderType = query.GetValueOrDefault("order_type") ?? "desc";
        if (orderType is not ("asc" or "desc"))
            throw FreshdeskApiException.Validation(new FreshdeskFieldError("order_type", "It should be one of these values: 'asc,desc'", "invalid_value"));
        var include = Includes(query, "description", "requester", "stats");
        var email = query.GetValueOrDefault("email");
        lock (_gate)
        {
            var emailRequester = email is null ? null : _state.Contacts.FirstOrDefault(c => HasEmail(c, email));
            var cutoff = Second(now) - Seed.TicketListDefaultPeriod;
            var matches = _state.Tickets
                .Where(t => filter == "deleted" ? t.Deleted : !t.Deleted)
                .Where(t => filter == "spam" ? t.Spam : !t.Spam)
                .Where(t => filter != "watching")
                .Where(t => filter != "new_and_my_open" || (t.Status == 2 && (t.ResponderId is null || t.ResponderId == Seed.AgentId)))
                .Where(t => requesterId is null || t.RequesterId == requesterId)
                .Where(t => email is null || (emailRequester is not null && t.RequesterId == emailRequester.Id))
                .Where(t => companyId is null || t.CompanyId == companyId)
                .Where(t => since is null ? t.CreatedAt >= cutoff : t.UpdatedAt >= since);
            Func<TicketRecord, object?> key = orderBy switch
            {
                "due_by" => t => t.DueBy,
                "updated_at" => t => t.UpdatedAt,
                "status" => t => t.Status,
                _ => t => t.CreatedAt,
            };
            var ordered = orderType == "asc"
                ? matches.OrderBy(key).ThenBy(t => t.Id)
                : matches.OrderByDescending(key).ThenByDescending(t => t.Id);
            return Page(ordered, page, perPage, t =>
            {
                var item = ToJson(t);
                if (!include.Contains("description"))
                {
                    item.Remove("description");
                    item.Remove("description_text");
                }

                if (include.Contains("requester") && FindContact(t.RequesterId) is { } requester)
                    item["requester"] = new JsonObject { ["id"] = requester.Id, ["name"] = requester.Name, ["email"] = requester.Email };
                return item;
            });
        }
    }

    /// <summary>GET /search/tickets: sees writes only after <see cref="FreshdeskSeed.SearchLag"/>; 30 a page, 10 pages at most.</summary>
    internal JsonObject SearchTickets(IReadOnlyDictionary<string, string> query, DateTimeOffset now)
    {
        RejectUnknown(query, "query", "page");
        var page = 1;
        if (query.TryGetValue("page", out var pageText)
            && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1 || page > SearchMaxPage))
        {
            throw FreshdeskApiException.Validation(new FreshdeskFieldError("page", $"It should be a Positive Integer less than or equal to {SearchMaxPage}", "invalid_value"));
        }

        var predicate = FreshdeskSearchQuery.Parse(query.GetValueOrDefault("query"), Seed.TicketCustomFields.Select(f => f.Name).ToArray());
        lock (_gate)
        {
            var visible = _state.SearchIndex
                .Where(e => e.VisibleAt <= now)
                .GroupBy(e => e.TicketId)
                .Select(g => g.Last().Ticket)
                .Where(t => !t.Deleted && !t.Spam)
                .Where(predicate)
                .OrderByDescending(t => t.CreatedAt)
                .ThenByDescending(t => t.Id)
                .ToList();
            var results = new JsonArray([.. visible.Skip((page - 1) * SearchPageSize).Take(SearchPageSize).Select(t => (JsonNode)ToJson(t))]);
            return new JsonObject { ["results"] = results, ["total"] = visible.Count };
        }
    }

    internal JsonObject AddNote(long ticketId, JsonObject json, DateTimeOffset now)
    {
        lock (_gate)
        {
            var ticket = FindTicket(ticketId);
            if (ticket is null || ticket.Deleted)
                throw FreshdeskApiException.NotFound();
            var body = new FreshdeskBody(json, ["body", "incoming", "notify_emails", "private", "user_id"]);
            var note = new ConversationRecord
            {
                TicketId = ticketId,
                Body = body.String("body", required: true) ?? "",
                Incoming = body.Bool("incoming") ?? false,
                Private = body.Bool("private") ?? true,
                ToEmails = body.StringList("notify_emails", emails: true) ?? [],
                UserId = body.Long("user_id") ?? Seed.AgentId,
                Source = 2,
                Category = 2,
            };
            if (note.UserId != Seed.AgentId && FindContact(note.UserId) is null)
                body.Fail("user_id", "There is no contact or agent matching the given user_id");
            body.ThrowIfInvalid();
            return AddConversation(ticket, note, now);
        }
    }

    internal JsonObject AddReply(long ticketId, JsonObject json, DateTimeOffset now)
    {
        lock (_gate)
        {
            var ticket = FindTicket(ticketId);
            if (ticket is null || ticket.Deleted)
                throw FreshdeskApiException.NotFound();
            var body = new FreshdeskBody(json, ["body", "from_email", "user_id", "cc_emails", "bcc_emails"]);
            var reply = new ConversationRecord
            {
                TicketId = ticketId,
                Body = body.String("body", required: true) ?? "",
                FromEmail = body.String("from_email"),
                UserId = body.Long("user_id") ?? Seed.AgentId,
                CcEmails = body.StringList("cc_emails", emails: true) ?? [],
                BccEmails = body.StringList("bcc_emails", emails: true) ?? [],
                Source = 0,
                Category = 3,
            };
            body.ThrowIfInvalid();
            var requester = FindContact(ticket.RequesterId);
            reply.ToEmails = requester?.Email is { } to ? [to] : [];
            reply.FromEmail ??= EmailConfig(ticket.EmailConfigId)?.ReplyEmail;
            return AddConversation(ticket, reply, now);
        }
    }

    internal FreshdeskPage ListConversations(long ticketId, IReadOnlyDictionary<string, string> query)
    {
        RejectUnknown(query, "page", "per_page");
        var (page, perPage) = Paging(query);
        lock (_gate)
        {
            if (FindTicket(ticketId) is null)
                throw FreshdeskApiException.NotFound();
            return Page(_state.Conversations.Where(c => c.TicketId == ticketId).OrderBy(c => c.Id), page, perPage, ToJson);
        }
    }

    internal JsonArray ListEmailConfigs()
    {
        var items = new JsonArray();
        foreach (var config in Seed.EmailConfigs)
            items.Add(EmailConfigJson(config));
        return items;
    }

    internal JsonObject GetEmailConfig(long id) =>
        EmailConfigJson(EmailConfig(id) ?? throw FreshdeskApiException.NotFound());

    // ---- helpers --------------------------------------------------------------------------------------------------

    private sealed record RequesterRef(long? Id, string? Email, string? Phone, string? TwitterId, string? UniqueExternalId, string? Name);

    private JsonObject AddTicket(TicketRecord ticket, RequesterRef requester, DateTimeOffset now)
    {
        var existing = FindRequester(requester);
        if (existing is null && requester.Email is null && requester.Name is null)
            throw FreshdeskApiException.Validation(new FreshdeskFieldError("name", "It should be a/an String", "missing_field"));
        ticket.RequesterId = existing?.Id ?? 0;
        ticket.CompanyId ??= existing?.CompanyId;
        CheckTicketCompany(ticket, existing);
        var contact = existing ?? FindOrCreateRequester(requester, now);
        ticket.RequesterId = contact.Id;
        ticket.Id = _state.NextTicketId++;
        ticket.DescriptionText = HtmlToText(ticket.Description);
        ticket.CreatedAt = Second(now);
        ticket.UpdatedAt = Second(now);
        ticket.FrDueBy ??= Second(now).AddDays(1);
        ticket.DueBy ??= Second(now).AddDays(3);
        _state.Tickets.Add(ticket);
        Index(ticket, now);
        return ToJson(ticket);
    }

    private JsonObject AddConversation(TicketRecord ticket, ConversationRecord conversation, DateTimeOffset now)
    {
        conversation.Id = _state.NextConversationId++;
        conversation.BodyText = HtmlToText(conversation.Body) ?? "";
        conversation.SupportEmail = EmailConfig(ticket.EmailConfigId)?.ReplyEmail;
        conversation.CreatedAt = Second(now);
        conversation.UpdatedAt = Second(now);
        _state.Conversations.Add(conversation);
        ticket.UpdatedAt = Second(now);
        Index(ticket, now);
        return ToJson(conversation);
    }

    private void ApplyContact(FreshdeskBody body, ContactRecord contact)
    {
        if (body.Has("email"))
        {
            var email = body.String("email");
            if (email is not null && !LooksLikeEmail(email))
                body.Fail("email", "It should be in the 'valid email address' format");
            else
                contact.Email = email?.ToLowerInvariant();
        }

        if (body.Has("phone"))
            contact.Phone = body.String("phone");
        if (body.Has("mobile"))
            contact.Mobile = body.String("mobile");
        if (body.Has("twitter_id"))
            contact.TwitterId = body.String("twitter_id");
        if (body.Has("unique_external_id"))
            contact.UniqueExternalId = body.String("unique_external_id");
        if (body.Has("job_title"))
            contact.JobTitle = body.String("job_title");
        if (body.Has("description"))
            contact.Description = body.String("description");
        if (body.Has("address"))
            contact.Address = body.String("address");
        if (body.Has("language"))
            contact.Language = body.String("language") ?? contact.Language;
        if (body.Has("time_zone"))
            contact.TimeZone = body.String("time_zone") ?? contact.TimeZone;
        if (body.Has("view_all_tickets"))
            contact.ViewAllTickets = body.Bool("view_all_tickets") ?? false;
        if (body.StringList("other_emails", emails: true) is { } others)
            contact.OtherEmails = [.. others.Select(e => e.ToLowerInvariant())];
        if (body.StringList("tags") is { } tags)
            contact.Tags = tags;
        if (body.Has("company_id"))
        {
            var companyId = body.Long("company_id");
            if (companyId is not null && FindCompany(companyId.Value) is null)
                body.Fail("company_id", "There is no company matching the given company_id");
            else if (body.Errors.All(e => e.Field != "company_id"))
                contact.CompanyId = companyId;
        }

        if (body.CustomFields(Seed.ContactCustomFields) is { } custom)
        {
            foreach (var (name, value) in custom)
                contact.CustomFields[name] = value;
        }
    }

    private void ApplyCompany(FreshdeskBody body, CompanyRecord company)
    {
        if (body.Has("description"))
            company.Description = body.String("description");
        if (body.Has("note"))
            company.Note = body.String("note");
        if (body.Has("health_score"))
            company.HealthScore = body.String("health_score");
        if (body.Has("account_tier"))
            company.AccountTier = body.String("account_tier");
        if (body.Has("renewal_date"))
            company.RenewalDate = body.String("renewal_date");
        if (body.Has("industry"))
            company.Industry = body.String("industry");
        if (body.StringList("domains") is { } domains)
            company.Domains = [.. domains.Select(d => d.ToLowerInvariant())];
        if (body.CustomFields(Seed.CompanyCustomFields) is { } custom)
        {
            foreach (var (name, value) in custom)
                company.CustomFields[name] = value;
        }
    }

    /// <summary>Fields that create and update share (outbound email too).</summary>
    private void ApplyTicketCommon(FreshdeskBody body, TicketRecord ticket)
    {
        if (body.Has("type"))
        {
            var type = body.String("type");
            if (type is not null && !Seed.TicketTypes.Contains(type))
                body.Fail("type", $"It should be one of these values: '{string.Join(",", Seed.TicketTypes)}'");
            else
                ticket.Type = type;
        }

        if (body.StringList("tags") is { } tags)
            ticket.Tags = [.. tags.Distinct(StringComparer.OrdinalIgnoreCase)];
        if (body.Has("responder_id"))
            ticket.ResponderId = body.Long("responder_id");
        if (body.Has("group_id"))
            ticket.GroupId = body.Long("group_id");
        if (body.Has("product_id"))
            ticket.ProductId = body.Long("product_id");
        if (body.Has("due_by"))
            ticket.DueBy = body.Timestamp("due_by");
        if (body.Has("fr_due_by"))
            ticket.FrDueBy = body.Timestamp("fr_due_by");
        if (body.Has("email_config_id"))
        {
            var configId = body.Long("email_config_id");
            if (configId is not null && EmailConfig(configId) is null)
                body.Fail("email_config_id", "There is no email config matching the given email_config_id");
            else if (body.Errors.All(e => e.Field != "email_config_id"))
                ticket.EmailConfigId = configId;
        }

        if (body.Has("company_id"))
        {
            var companyId = body.Long("company_id");
            if (companyId is not null && FindCompany(companyId.Value) is null)
                body.Fail("company_id", "There is no company matching the given company_id");
            else if (body.Errors.All(e => e.Field != "company_id"))
                ticket.CompanyId = companyId;
        }

        if (body.CustomFields(Seed.TicketCustomFields) is { } custom)
        {
            foreach (var (name, value) in custom)
                ticket.CustomFields[name] = value;
        }
    }

    private RequesterRef? ReadRequester(FreshdeskBody body, bool required)
    {
        var id = body.Long("requester_id");
        var email = body.String("email");
        var phone = body.String("phone");
        var twitter = body.String("twitter_id");
        var facebook = body.String("facebook_id");
        var external = body.String("unique_external_id");
        var name = body.String("name");
        if (!RequesterFields.Any(body.Has))
        {
            if (required)
                body.Fail("requester_id", RequesterFieldsMessage, "missing_field");
            return null;
        }

        if (email is not null && !LooksLikeEmail(email))
            body.Fail("email", "It should be in the 'valid email address' format");
        if (id is not null && FindContact(id.Value) is not { Deleted: false })
            body.Fail("requester_id", "There is no contact matching the given requester_id");
        if (id is null && email is null && phone is null && twitter is null && facebook is null && external is null)
        {
            body.Fail("requester_id", RequesterFieldsMessage, "missing_field");
            return null;
        }

        return new RequesterRef(id, email?.ToLowerInvariant(), phone, twitter, external ?? facebook, name);
    }

    private ContactRecord? FindRequester(RequesterRef requester)
    {
        if (requester.Id is { } id)
            return FindContact(id);
        if (requester.Email is { } email)
            return _state.Contacts.FirstOrDefault(c => HasEmail(c, email));
        if (requester.TwitterId is { } twitter)
            return _state.Contacts.FirstOrDefault(c => c.TwitterId == twitter);
        if (requester.UniqueExternalId is { } external)
            return _state.Contacts.FirstOrDefault(c => c.UniqueExternalId == external);
        if (requester.Phone is { } phone)
            return _state.Contacts.FirstOrDefault(c => c.Phone == phone || c.Mobile == phone);
        return null;
    }

    /// <summary>An unknown requester becomes a new contact, as Freshdesk does.</summary>
    private ContactRecord FindOrCreateRequester(RequesterRef requester, DateTimeOffset now)
    {
        if (FindRequester(requester) is { } existing)
            return existing;
        if (requester.Email is null && requester.Name is null)
            throw FreshdeskApiException.Validation(new FreshdeskFieldError("name", "It should be a/an String", "missing_field"));
        var contact = new ContactRecord
        {
            Id = _state.NextContactId++,
            Name = requester.Name ?? requester.Email!.Split('@')[0],
            Email = requester.Email,
            Phone = requester.Phone,
            TwitterId = requester.TwitterId,
            UniqueExternalId = requester.UniqueExternalId,
            CreatedAt = Second(now),
            UpdatedAt = Second(now),
        };
        _state.Contacts.Add(contact);
        return contact;
    }

    private static void CheckTicketCompany(TicketRecord ticket, ContactRecord? requester)
    {
        if (ticket.CompanyId is { } companyId && requester?.CompanyId is { } requesterCompany && requesterCompany != companyId)
            throw FreshdeskApiException.Validation(new FreshdeskFieldError("company_id", "The requester does not belong to the specified company", "invalid_value"));
    }

    private void EnsureContactUnique(ContactRecord contact)
    {
        var others = _state.Contacts.Where(c => c.Id != contact.Id).ToList();
        var emails = new[] { contact.Email }.Concat(contact.OtherEmails).OfType<string>().ToList();
        if (emails.Any(e => others.Any(o => HasEmail(o, e))))
            throw FreshdeskApiException.Duplicate(contact.Email is not null && others.Any(o => HasEmail(o, contact.Email)) ? "email" : "other_emails");
        if (contact.TwitterId is not null && others.Any(o => o.TwitterId == contact.TwitterId))
            throw FreshdeskApiException.Duplicate("twitter_id");
        if (contact.UniqueExternalId is not null && others.Any(o => o.UniqueExternalId == contact.UniqueExternalId))
            throw FreshdeskApiException.Duplicate("unique_external_id");
    }

    private void EnsureCompanyUnique(CompanyRecord company)
    {
        var others = _state.Companies.Where(c => c.Id != company.Id).ToList();
        if (others.Any(o => string.Equals(o.Name, company.Name, StringComparison.OrdinalIgnoreCase)))
            throw FreshdeskApiException.Duplicate("name");
        if (company.Domains.Any(d => others.Any(o => o.Domains.Contains(d))))
            throw FreshdeskApiException.Duplicate("domains");
    }

    private void Index(TicketRecord ticket, DateTimeOffset now)
    {
        var visibleAt = now + Seed.SearchLag;
        // Drop versions that a newer, already visible version hides.
        var hidden = _state.SearchIndex.Where(e => e.TicketId == ticket.Id && e.VisibleAt <= now).SkipLast(1).ToList();
        foreach (var entry in hidden)
            _state.SearchIndex.Remove(entry);
        _state.SearchIndex.Add(new SearchIndexEntry { TicketId = ticket.Id, VisibleAt = visibleAt, Ticket = Clone(ticket) });
    }

    private ContactRecord? FindContact(long id) => _state.Contacts.FirstOrDefault(c => c.Id == id);

    private CompanyRecord? FindCompany(long id) => _state.Companies.FirstOrDefault(c => c.Id == id);

    private TicketRecord? FindTicket(long id) => _state.Tickets.FirstOrDefault(t => t.Id == id);

    private FreshdeskEmailConfigSeed? EmailConfig(long? id) => id is null ? null : Seed.EmailConfigs.FirstOrDefault(c => c.Id == id);

    private static JsonObject EmailConfigJson(FreshdeskEmailConfigSeed config) => new()
    {
        ["id"] = config.Id,
        ["name"] = config.Name,
        ["product_id"] = null,
        ["to_email"] = config.ReplyEmail,
        ["reply_email"] = config.ReplyEmail,
        ["group_id"] = null,
        ["primary_role"] = config.Primary,
        ["active"] = true,
    };

    private static bool HasEmail(ContactRecord contact, string email) =>
        string.Equals(contact.Email, email, StringComparison.OrdinalIgnoreCase)
        || contact.OtherEmails.Contains(email, StringComparer.OrdinalIgnoreCase);

    private static bool NameMatches(string name, string prefix) =>
        name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
        || name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(word => word.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    private static HashSet<string> Includes(IReadOnlyDictionary<string, string> query, params string[] allowed)
    {
        var values = (query.GetValueOrDefault("include") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        var unknown = values.Where(v => !allowed.Contains(v)).ToList();
        if (unknown.Count > 0)
            throw FreshdeskApiException.Validation(new FreshdeskFieldError("include", $"It should be one of these values: '{string.Join(",", allowed)}'", "invalid_value"));
        return values;
    }

    private static void RejectUnknown(IReadOnlyDictionary<string, string> query, params string[] allowed)
    {
        var unknown = query.Keys.Where(k => !allowed.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw FreshdeskApiException.Validation(unknown.Select(k => new FreshdeskFieldError(k, "Unexpected/invalid field in request", "invalid_field")));
    }

    private static (int Page, int PerPage) Paging(IReadOnlyDictionary<string, string> query)
    {
        var page = 1;
        var perPage = DefaultPerPage;
        var errors = new List<FreshdeskFieldError>();
        if (query.TryGetValue("page", out var pageText) && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
            errors.Add(new FreshdeskFieldError("page", "It should be a Positive Integer", "invalid_value"));
        if (query.TryGetValue("per_page", out var perPageText)
            && (!int.TryParse(perPageText, NumberStyles.None, CultureInfo.InvariantCulture, out perPage) || perPage < 1 || perPage > MaxPerPage))
        {
            errors.Add(new FreshdeskFieldError("per_page", $"It should be a Positive Integer less than or equal to {MaxPerPage}", "invalid_value"));
        }

        if (errors.Count > 0)
            throw FreshdeskApiException.Validation(errors);
        return (page, perPage);
    }

    private static long? OptionalLong(IReadOnlyDictionary<string, string> query, string name)
    {
        if (!query.TryGetValue(name, out var text))
            return null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
            return value;
        throw FreshdeskApiException.Validation(new FreshdeskFieldError(name, "It should be a/an Positive Integer", "datatype_mismatch"));
    }

    private static DateTimeOffset? OptionalTime(IReadOnlyDictionary<string, string> query, string name)
    {
        if (!query.TryGetValue(name, out var text))
            return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            return value.ToUniversalTime();
        throw FreshdeskApiException.Validation(new FreshdeskFieldError(name, "It should be in the 'valid date time' format", "invalid_value"));
    }

    private static FreshdeskPage Page<T>(IEnumerable<T> items, int page, int perPage, Func<T, JsonObject> toJson)
    {
        var slice = items.Skip((page - 1) * perPage).Take(perPage + 1).ToList();
        var array = new JsonArray([.. slice.Take(perPage).Select(item => (JsonNode)toJson(item))]);
        return new FreshdeskPage(array, slice.Count > perPage);
    }

    private static DateTimeOffset Second(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    private static string? HtmlToText(string? html)
    {
        if (html is null)
            return null;
        var text = WebUtility.HtmlDecode(TagPattern().Replace(html, " "));
        return SpacePattern().Replace(text, " ").Trim();
    }

    private static JsonObject ToJson<T>(T value) => JsonSerializer.SerializeToNode(value, FreshdeskJson.Options)!.AsObject();

    private static T Clone<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(value, FreshdeskJson.Options), FreshdeskJson.Options)!;

    private static FreshdeskState Copy(FreshdeskState state)
    {
        var copy = Clone(state);
        // Timestamps are stored to the second, but search visibility must keep its full precision.
        for (var i = 0; i < copy.SearchIndex.Count; i++)
            copy.SearchIndex[i].VisibleAt = state.SearchIndex[i].VisibleAt;
        return copy;
    }

    private static FreshdeskState Fresh(FreshdeskSeed seed) => new()
    {
        NextContactId = seed.FirstContactId,
        NextCompanyId = seed.FirstCompanyId,
        NextTicketId = seed.FirstTicketId,
        NextConversationId = seed.FirstConversationId,
    };

    [GeneratedRegex(@"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex SpacePattern();
}

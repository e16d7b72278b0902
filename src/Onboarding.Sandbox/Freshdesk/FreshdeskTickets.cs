using System.Globalization;
using System.Text.Json.Nodes;
using Onboarding.Sandbox.Infrastructure;
using static Onboarding.Sandbox.Freshdesk.FreshdeskQuery;
using static Onboarding.Sandbox.Freshdesk.FreshdeskStore;

namespace Onboarding.Sandbox.Freshdesk;

/// <summary>
/// Tickets: created (an unknown requester becomes a contact), sent as outbound email, read with includes, listed (never
/// lagging; by an email that is no contact a 400), searched (lagging), updated by PUT and soft-deleted. Tags are at most
/// 32 characters; <c>company_id</c> needs the Multiple Companies feature.
/// </summary>
internal sealed class FreshdeskTickets(FreshdeskStore store)
{
    private const string RequesterFieldsMessage = "Please fill at least 1 of requester_id, phone, email, twitter_id, facebook_id, unique_external_id fields";
    private const int SearchPageSize = 30;
    private const int SearchMaxPage = 10;

    private static readonly int[] Statuses = [2, 3, 4, 5];
    private static readonly int[] Priorities = [1, 2, 3, 4];
    private static readonly int[] Sources = [1, 2, 3, 7, 9, 10];

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

    private FreshdeskState State => store.State;

    public EmulatorResponse Create(JsonObject json)
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
        return AddTicket(ticket, requester!);
    }

    /// <summary>Email sent to someone outside as a new ticket (closed unless a status is given), assigned to the key's agent.</summary>
    public EmulatorResponse CreateOutboundEmail(JsonObject json)
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
            ResponderId = store.Seed.AgentId,
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
        return AddTicket(ticket, requester);
    }

    public EmulatorResponse Get(long id, IReadOnlyDictionary<string, string> query)
    {
        RejectUnknown(query, "include");
        var include = Includes(query, "conversations", "requester", "company", "stats");
        var ticket = store.FindTicket(id) ?? throw FreshdeskProblem.NotFound();
        var result = ToJson(ticket);
        if (include.Contains("conversations"))
            result["conversations"] = new JsonArray([.. State.Conversations.Where(c => c.TicketId == id).OrderBy(c => c.Id).Take(10).Select(c => (JsonNode)ToJson(c))]);

        if (include.Contains("requester") && store.FindContact(ticket.RequesterId) is { } requester)
        {
            result["requester"] = new JsonObject
            {
                ["id"] = requester.Id, ["name"] = requester.Name, ["email"] = requester.Email,
                ["mobile"] = requester.Mobile, ["phone"] = requester.Phone,
            };
        }

        if (include.Contains("company") && ticket.CompanyId is { } companyId && store.FindCompany(companyId) is { } company)
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

        return new EmulatorResponse(200, result);
    }

    public EmulatorResponse Update(long id, JsonObject json)
    {
        var now = store.Now;
        var existing = store.FindTicket(id);
        if (existing is null || existing.Deleted)
            throw FreshdeskProblem.NotFound();
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
        var requesterContact = requester is null ? store.FindContact(updated.RequesterId) : FindRequester(requester);
        CheckTicketCompany(updated, requesterContact);
        if (requester is not null)
            updated.RequesterId = (requesterContact ?? FindOrCreateRequester(requester, now)).Id;
        updated.DescriptionText = HtmlToText(updated.Description);
        updated.UpdatedAt = Second(now);
        State.Tickets[State.Tickets.IndexOf(existing)] = updated;
        store.Index(updated, now);
        return new EmulatorResponse(200, ToJson(updated)) { Changed = true };
    }

    /// <summary>A soft delete: the ticket is listed with <c>filter=deleted</c>.</summary>
    public EmulatorResponse Delete(long id)
    {
        var now = store.Now;
        var ticket = store.FindTicket(id);
        if (ticket is null || ticket.Deleted)
            throw FreshdeskProblem.NotFound();
        ticket.Deleted = true;
        ticket.UpdatedAt = Second(now);
        store.Index(ticket, now);
        return new EmulatorResponse(204) { Changed = true };
    }

    /// <summary>The plain list: never lags; by default only tickets created in the last 30 days.</summary>
    public EmulatorResponse List(IReadOnlyDictionary<string, string> query)
    {
        RejectUnknown(query, "filter", "requester_id", "email", "company_id", "updated_since", "order_by", "order_type", "include", "page", "per_page");
        var (page, perPage) = Paging(query);
        if (page > store.Seed.TicketListMaxPages)
        {
            throw FreshdeskProblem.Validation(new FreshdeskFieldError(
                "page", $"You cannot access tickets beyond the {store.Seed.TicketListMaxPages}th page. Please provide a smaller page number.", "invalid_value"));
        }

        var filter = query.GetValueOrDefault("filter");
        if (filter is not null and not ("new_and_my_open" or "watching" or "spam" or "deleted"))
            throw FreshdeskProblem.Validation(new FreshdeskFieldError("filter", "It should be one of these values: 'new_and_my_open,watching,spam,deleted'", "invalid_value"));
        var requesterId = OptionalLong(query, "requester_id");
        var companyId = OptionalLong(query, "company_id");
        var since = OptionalTime(query, "updated_since");
        var orderBy = query.GetValueOrDefault("order_by") ?? "created_at";
        if (orderBy is not ("created_at" or "due_by" or "updated_at" or "status"))
            throw FreshdeskProblem.Validation(new FreshdeskFieldError("order_by", "It should be one of these values: 'created_at,due_by,updated_at,status'", "invalid_value"));
        var orderType = query.GetValueOrDefault("order_type") ?? "desc";
        if (orderType is not ("asc" or "desc"))
            throw FreshdeskProblem.Validation(new FreshdeskFieldError("order_type", "It should be one of these values: 'asc,desc'", "invalid_value"));
        var include = Includes(query, "description", "requester", "stats");
        var email = query.GetValueOrDefault("email");
        var emailRequester = email is null ? null : State.Contacts.FirstOrDefault(c => HasEmail(c, email));
        if (email is not null && emailRequester is null)
            throw FreshdeskProblem.Validation(new FreshdeskFieldError("email", "There is no contact matching the given email", "invalid_value"));
        var cutoff = Second(store.Now) - store.Seed.TicketListDefaultPeriod;
        var matches = State.Tickets
            .Where(t => filter == "deleted" ? t.Deleted : !t.Deleted)
            .Where(t => filter == "spam" ? t.Spam : !t.Spam)
            .Where(t => filter != "watching")
            .Where(t => filter != "new_and_my_open" || (t.Status == 2 && (t.ResponderId is null || t.ResponderId == store.Seed.AgentId)))
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

            if (include.Contains("requester") && store.FindContact(t.RequesterId) is { } requester)
                item["requester"] = new JsonObject { ["id"] = requester.Id, ["name"] = requester.Name, ["email"] = requester.Email };
            return item;
        });
    }

    /// <summary>GET /search/tickets: sees writes only after <see cref="FreshdeskSeed.SearchLag"/>; 30 a page, 10 pages at most.</summary>
    public EmulatorResponse Search(IReadOnlyDictionary<string, string> query)
    {
        var now = store.Now;
        RejectUnknown(query, "query", "page");
        var page = 1;
        if (query.TryGetValue("page", out var pageText)
            && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1 || page > SearchMaxPage))
        {
            throw FreshdeskProblem.Validation(new FreshdeskFieldError("page", $"It should be a Positive Integer less than or equal to {SearchMaxPage}", "invalid_value"));
        }

        var predicate = FreshdeskSearchQuery.Parse(query.GetValueOrDefault("query"), store.Seed.TicketCustomFields.Select(f => f.Name).ToArray());
        var visible = State.SearchIndex
            .Where(e => e.VisibleAt <= now)
            .GroupBy(e => e.TicketId)
            .Select(g => g.Last().Ticket)
            .Where(t => !t.Deleted && !t.Spam)
            .Where(predicate)
            .OrderByDescending(t => t.CreatedAt)
            .ThenByDescending(t => t.Id)
            .ToList();
        var results = new JsonArray([.. visible.Skip((page - 1) * SearchPageSize).Take(SearchPageSize).Select(t => (JsonNode)ToJson(t))]);
        return new EmulatorResponse(200, new JsonObject { ["results"] = results, ["total"] = visible.Count });
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private sealed record RequesterRef(long? Id, string? Email, string? Phone, string? TwitterId, string? UniqueExternalId, string? Name);

    private EmulatorResponse AddTicket(TicketRecord ticket, RequesterRef requester)
    {
        var now = store.Now;
        var existing = FindRequester(requester);
        if (existing is null && requester.Email is null && requester.Name is null)
            throw FreshdeskProblem.Validation(new FreshdeskFieldError("name", "It should be a/an String", "missing_field"));
        ticket.RequesterId = existing?.Id ?? 0;
        ticket.CompanyId ??= existing?.CompanyId;
        CheckTicketCompany(ticket, existing);
        var contact = existing ?? FindOrCreateRequester(requester, now);
        ticket.RequesterId = contact.Id;
        ticket.Id = State.NextTicketId++;
        ticket.DescriptionText = HtmlToText(ticket.Description);
        ticket.CreatedAt = Second(now);
        ticket.UpdatedAt = Second(now);
        ticket.FrDueBy ??= Second(now).AddDays(1);
        ticket.DueBy ??= Second(now).AddDays(3);
        State.Tickets.Add(ticket);
        store.Index(ticket, now);
        return new EmulatorResponse(201, ToJson(ticket)) { Changed = true };
    }

    /// <summary>Fields that create and update share (outbound email too).</summary>
    private void ApplyTicketCommon(FreshdeskBody body, TicketRecord ticket)
    {
        if (body.Has("type"))
        {
            var type = body.String("type");
            if (type is not null && !store.Seed.TicketTypes.Contains(type))
                body.Fail("type", $"It should be one of these values: '{string.Join(",", store.Seed.TicketTypes)}'");
            else
                ticket.Type = type;
        }

        if (body.Tags() is { } tags)
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
            if (configId is not null && store.EmailConfig(configId) is null)
                body.Fail("email_config_id", "There is no email config matching the given email_config_id");
            else if (body.Errors.All(e => e.Field != "email_config_id"))
                ticket.EmailConfigId = configId;
        }

        if (body.Has("company_id"))
        {
            // Without the feature Freshdesk files a ticket under its requester's company and refuses to be told another.
            var companyId = body.Long("company_id");
            if (!store.Seed.Features.Contains(FreshdeskSeed.MultipleCompanies))
                body.Fail("company_id", "The Multiple Companies feature(s) is/are not supported in your plan. Please upgrade your account to use it.", "require_feature");
            else if (companyId is not null && store.FindCompany(companyId.Value) is null)
                body.Fail("company_id", "There is no company matching the given company_id");
            else if (body.Errors.All(e => e.Field != "company_id"))
                ticket.CompanyId = companyId;
        }

        if (body.CustomFields(store.Seed.TicketCustomFields) is { } custom)
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
        if (id is not null && store.FindContact(id.Value) is not { Deleted: false })
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
            return store.FindContact(id);
        if (requester.Email is { } email)
            return State.Contacts.FirstOrDefault(c => HasEmail(c, email));
        if (requester.TwitterId is { } twitter)
            return State.Contacts.FirstOrDefault(c => c.TwitterId == twitter);
        if (requester.UniqueExternalId is { } external)
            return State.Contacts.FirstOrDefault(c => c.UniqueExternalId == external);
        if (requester.Phone is { } phone)
            return State.Contacts.FirstOrDefault(c => c.Phone == phone || c.Mobile == phone);
        return null;
    }

    /// <summary>An unknown requester becomes a new contact, as Freshdesk does.</summary>
    private ContactRecord FindOrCreateRequester(RequesterRef requester, DateTimeOffset now)
    {
        if (FindRequester(requester) is { } existing)
            return existing;
        if (requester.Email is null && requester.Name is null)
            throw FreshdeskProblem.Validation(new FreshdeskFieldError("name", "It should be a/an String", "missing_field"));
        var contact = new ContactRecord
        {
            Id = State.NextContactId++,
            Name = requester.Name ?? requester.Email!.Split('@')[0],
            Email = requester.Email,
            Phone = requester.Phone,
            TwitterId = requester.TwitterId,
            UniqueExternalId = requester.UniqueExternalId,
            CreatedAt = Second(now),
            UpdatedAt = Second(now),
        };
        State.Contacts.Add(contact);
        return contact;
    }

    private static void CheckTicketCompany(TicketRecord ticket, ContactRecord? requester)
    {
        if (ticket.CompanyId is { } companyId && requester?.CompanyId is { } requesterCompany && requesterCompany != companyId)
            throw FreshdeskProblem.Validation(new FreshdeskFieldError("company_id", "The requester does not belong to the specified company", "invalid_value"));
    }
}

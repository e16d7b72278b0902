using System.Text.Json.Nodes;
using Onboarding.Sandbox.Infrastructure;
using static Onboarding.Sandbox.Freshdesk.FreshdeskQuery;
using static Onboarding.Sandbox.Freshdesk.FreshdeskStore;

namespace Onboarding.Sandbox.Freshdesk;

/// <summary>Contacts: created, read, listed with filters, updated by PUT and soft-deleted; emails and ids unique.</summary>
internal sealed class FreshdeskContacts(FreshdeskStore store)
{
    private const string ContactFieldsMessage = "Please fill at least 1 of email, mobile, phone, twitter_id, unique_external_id fields";

    private static readonly string[] ContactFields =
    [
        "name", "email", "phone", "mobile", "twitter_id", "unique_external_id", "company_id", "other_emails", "job_title",
        "description", "address", "language", "time_zone", "tags", "custom_fields", "view_all_tickets",
    ];

    private FreshdeskState State => store.State;

    public EmulatorResponse Create(JsonObject json)
    {
        var now = store.Now;
        var body = new FreshdeskBody(json, ContactFields);
        var contact = new ContactRecord { Id = 0, CreatedAt = Second(now), UpdatedAt = Second(now) };
        contact.Name = body.String("name", required: true) ?? "";
        Apply(body, contact);
        if (contact.Email is null && contact.Phone is null && contact.Mobile is null && contact.TwitterId is null && contact.UniqueExternalId is null)
            body.Fail("email", ContactFieldsMessage, "missing_field");
        body.ThrowIfInvalid();
        EnsureUnique(contact);
        contact.Id = State.NextContactId++;
        State.Contacts.Add(contact);
        return new EmulatorResponse(201, ToJson(contact)) { Changed = true };
    }

    public EmulatorResponse Get(long id) =>
        new(200, ToJson(store.FindContact(id) ?? throw FreshdeskProblem.NotFound()));

    public EmulatorResponse List(IReadOnlyDictionary<string, string> query)
    {
        RejectUnknown(query, "email", "mobile", "phone", "company_id", "state", "_updated_since", "unique_external_id", "page", "per_page");
        var (page, perPage) = Paging(query);
        var email = query.GetValueOrDefault("email");
        var companyId = OptionalLong(query, "company_id");
        var since = OptionalTime(query, "_updated_since");
        var state = query.GetValueOrDefault("state");
        if (state is not null and not ("blocked" or "deleted" or "unverified" or "verified"))
            throw FreshdeskProblem.Validation(new FreshdeskFieldError("state", "It should be one of these values: 'blocked,deleted,unverified,verified'", "invalid_value"));
        var matches = State.Contacts
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

    public EmulatorResponse Update(long id, JsonObject json)
    {
        var now = store.Now;
        var existing = store.FindContact(id) ?? throw FreshdeskProblem.NotFound();
        if (existing.Deleted)
            throw FreshdeskProblem.NotFound();
        var body = new FreshdeskBody(json, ContactFields);
        var updated = Clone(existing);
        if (body.Has("name"))
            updated.Name = body.String("name", required: true) ?? updated.Name;
        Apply(body, updated);
        if (updated.Email is null && updated.Phone is null && updated.Mobile is null && updated.TwitterId is null && updated.UniqueExternalId is null)
            body.Fail("email", ContactFieldsMessage, "missing_field");
        body.ThrowIfInvalid();
        EnsureUnique(updated);
        updated.UpdatedAt = Second(now);
        State.Contacts[State.Contacts.IndexOf(existing)] = updated;
        return new EmulatorResponse(200, ToJson(updated)) { Changed = true };
    }

    /// <summary>A soft delete: the contact is listed with <c>state=deleted</c> and keeps its email.</summary>
    public EmulatorResponse Delete(long id)
    {
        var contact = store.FindContact(id);
        if (contact is null || contact.Deleted)
            throw FreshdeskProblem.NotFound();
        contact.Deleted = true;
        contact.UpdatedAt = Second(store.Now);
        return new EmulatorResponse(204) { Changed = true };
    }

    private void Apply(FreshdeskBody body, ContactRecord contact)
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
        if (body.Tags() is { } tags)
            contact.Tags = tags;
        if (body.Has("company_id"))
        {
            var companyId = body.Long("company_id");
            if (companyId is not null && store.FindCompany(companyId.Value) is null)
                body.Fail("company_id", "There is no company matching the given company_id");
            else if (body.Errors.All(e => e.Field != "company_id"))
                contact.CompanyId = companyId;
        }

        if (body.CustomFields(store.Seed.ContactCustomFields) is { } custom)
        {
            foreach (var (name, value) in custom)
                contact.CustomFields[name] = value;
        }
    }

    private void EnsureUnique(ContactRecord contact)
    {
        var others = State.Contacts.Where(c => c.Id != contact.Id).ToList();
        var emails = new[] { contact.Email }.Concat(contact.OtherEmails).OfType<string>().ToList();
        if (emails.Any(e => others.Any(o => HasEmail(o, e))))
            throw FreshdeskProblem.Duplicate(contact.Email is not null && others.Any(o => HasEmail(o, contact.Email)) ? "email" : "other_emails");
        if (contact.TwitterId is not null && others.Any(o => o.TwitterId == contact.TwitterId))
            throw FreshdeskProblem.Duplicate("twitter_id");
        if (contact.UniqueExternalId is not null && others.Any(o => o.UniqueExternalId == contact.UniqueExternalId))
            throw FreshdeskProblem.Duplicate("unique_external_id");
    }
}

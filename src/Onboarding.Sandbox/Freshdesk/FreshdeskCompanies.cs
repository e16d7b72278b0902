using System.Text.Json.Nodes;
using Onboarding.Sandbox.Infrastructure;
using static Onboarding.Sandbox.Freshdesk.FreshdeskQuery;
using static Onboarding.Sandbox.Freshdesk.FreshdeskStore;

namespace Onboarding.Sandbox.Freshdesk;

/// <summary>Companies: created, read, listed, found by name prefix (capped), updated by PUT and deleted; names and domains unique.</summary>
internal sealed class FreshdeskCompanies(FreshdeskStore store)
{
    private static readonly string[] CompanyFields =
    [
        "name", "description", "note", "domains", "health_score", "account_tier", "renewal_date", "industry", "custom_fields",
    ];

    private FreshdeskState State => store.State;

    public EmulatorResponse Create(JsonObject json)
    {
        var now = store.Now;
        var body = new FreshdeskBody(json, CompanyFields);
        var company = new CompanyRecord { CreatedAt = Second(now), UpdatedAt = Second(now) };
        foreach (var field in store.CompanyCustomFields)
            company.CustomFields[field.Name] = null;
        company.Name = body.String("name", required: true) ?? "";
        Apply(body, company);
        body.ThrowIfInvalid();
        EnsureUnique(company);
        company.Id = State.NextCompanyId++;
        State.Companies.Add(company);
        return new EmulatorResponse(201, ToJson(company)) { Changed = true };
    }

    public EmulatorResponse Get(long id) =>
        new(200, ToJson(store.FindCompany(id) ?? throw FreshdeskProblem.NotFound()));

    public EmulatorResponse List(IReadOnlyDictionary<string, string> query)
    {
        RejectUnknown(query, "page", "per_page");
        var (page, perPage) = Paging(query);
        return Page(State.Companies.OrderBy(c => c.Id), page, perPage, ToJson);
    }

    public EmulatorResponse Update(long id, JsonObject json)
    {
        var now = store.Now;
        var existing = store.FindCompany(id) ?? throw FreshdeskProblem.NotFound();
        var body = new FreshdeskBody(json, CompanyFields);
        var updated = Clone(existing);
        if (body.Has("name"))
            updated.Name = body.String("name", required: true) ?? updated.Name;
        Apply(body, updated);
        body.ThrowIfInvalid();
        EnsureUnique(updated);
        updated.UpdatedAt = Second(now);
        State.Companies[State.Companies.IndexOf(existing)] = updated;
        return new EmulatorResponse(200, ToJson(updated)) { Changed = true };
    }

    /// <summary>Gone for good; its contacts stay, without a company.</summary>
    public EmulatorResponse Delete(long id)
    {
        var company = store.FindCompany(id) ?? throw FreshdeskProblem.NotFound();
        State.Companies.Remove(company);
        foreach (var contact in State.Contacts.Where(c => c.CompanyId == id))
            contact.CompanyId = null;
        return new EmulatorResponse(204) { Changed = true };
    }

    public EmulatorResponse Autocomplete(IReadOnlyDictionary<string, string> query)
    {
        RejectUnknown(query, "name");
        if (!query.TryGetValue("name", out var name) || string.IsNullOrWhiteSpace(name))
            throw FreshdeskProblem.Validation(new FreshdeskFieldError("name", "It should be a/an String", "missing_field"));
        // A type-ahead: names that start with the text, the newest first, cut short. Nothing puts an exact match first,
        // so a client that looks a company up this way misses it among many newer ones with the same start.
        var items = new JsonArray();
        foreach (var company in State.Companies.Where(c => c.Name.StartsWith(name, StringComparison.OrdinalIgnoreCase)).OrderByDescending(c => c.Id).Take(store.Seed.AutocompleteLimit))
            items.Add(new JsonObject { ["id"] = company.Id, ["name"] = company.Name });
        return new EmulatorResponse(200, new JsonObject { ["companies"] = items });
    }

    private void Apply(FreshdeskBody body, CompanyRecord company)
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
        if (body.CustomFields(store.CompanyCustomFields) is { } custom)
        {
            foreach (var (name, value) in custom)
                company.CustomFields[name] = value;
        }
    }

    private void EnsureUnique(CompanyRecord company)
    {
        var others = State.Companies.Where(c => c.Id != company.Id).ToList();
        if (others.Any(o => string.Equals(o.Name, company.Name, StringComparison.OrdinalIgnoreCase)))
            throw FreshdeskProblem.Duplicate("name");
        if (company.Domains.Any(d => others.Any(o => o.Domains.Contains(d))))
            throw FreshdeskProblem.Duplicate("domains");
    }
}

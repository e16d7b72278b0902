using System.Globalization;
using System.Text.Json.Nodes;
using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Sandbox.Freshdesk;

/// <summary>
/// The company fields: the default ones every helpdesk has, then the custom ones (<c>GET /api/v2/company_fields</c>);
/// an admin's key may add a custom one (<c>POST /api/v2/admin/company_fields</c>, label and type required), whose name Freshdesk derives from the
/// label. Changing or deleting a field is not emulated: onboarding never does either.
/// </summary>
internal sealed class FreshdeskCompanyFields(FreshdeskStore store)
{
    private static readonly string[] Allowed = ["label", "type", "position", "required_for_agents", "agents_can_edit", "displayed_for_agents", "quick_add_for_agent", "unique", "choices"];

    private static readonly (string Name, string Label, string Type)[] Defaults =
    [
        ("name", "Company Name", "default_name"),
        ("description", "Description", "default_description"),
        ("note", "Notes", "default_note"),
        ("domains", "Domains for this company", "default_domains"),
        ("health_score", "Health score", "default_health_score"),
        ("account_tier", "Account tier", "default_account_tier"),
        ("renewal_date", "Contract renewal date", "default_renewal_date"),
        ("industry", "Industry", "default_industry"),
    ];

    /// <summary>The custom types the API takes, by the emulator's own names for them.</summary>
    private static readonly Dictionary<string, string> CustomTypes = new(StringComparer.Ordinal)
    {
        ["custom_text"] = "text",
        ["custom_paragraph"] = "paragraph",
        ["custom_url"] = "url",
        ["custom_number"] = "number",
        ["custom_checkbox"] = "checkbox",
        ["custom_date"] = "date",
        ["custom_phone_number"] = "phone_number",
        ["custom_dropdown"] = "dropdown",
    };

    public EmulatorResponse List()
    {
        var items = new JsonArray();
        var position = 1;
        foreach (var (name, label, type) in Defaults)
            items.Add(Json(position, name, label, type, position++, isDefault: true, created: null));
        var fields = store.State.CompanyFields ?? [.. store.Seed.CompanyCustomFields.Select((f, i) => new CompanyFieldRecord { Id = FreshdeskStore.FirstCompanyFieldId + i, Name = f.Name, Label = f.Name, Type = f.Type })];
        foreach (var field in fields)
            items.Add(Json(field.Id, field.Name, field.Label, "custom_" + field.Type, position++, isDefault: false, field.CreatedAt));
        return new EmulatorResponse(200, items);
    }

    public EmulatorResponse Create(JsonObject json)
    {
        var body = new FreshdeskBody(json, Allowed);
        var label = body.String("label", required: true)?.Trim();
        var type = body.String("type", required: true);
        if (type is not null && !CustomTypes.ContainsKey(type))
            body.Fail("type", $"It should be one of these values: '{string.Join(",", CustomTypes.Keys)}'", "invalid_value");
        body.ThrowIfInvalid();
        var name = NameOf(label!);
        var fields = store.State.CompanyFields ??= [.. store.CompanyCustomFields.Select((f, i) => new CompanyFieldRecord { Id = FreshdeskStore.FirstCompanyFieldId + i, Name = f.Name, Label = f.Name, Type = f.Type })];
        if (name.Length == 0 || Defaults.Any(d => d.Name == name) || fields.Any(f => f.Name == name || string.Equals(f.Label, label, StringComparison.OrdinalIgnoreCase)))
            throw FreshdeskProblem.Duplicate("label");
        var now = FreshdeskStore.Second(store.Now);
        var record = new CompanyFieldRecord
        {
            Id = fields.Count == 0 ? FreshdeskStore.FirstCompanyFieldId : fields.Max(f => f.Id) + 1,
            Name = name,
            Label = label!,
            Type = CustomTypes[type!],
            CreatedAt = now,
        };
        fields.Add(record);
        return new EmulatorResponse(201, Json(record.Id, record.Name, record.Label, type!, Defaults.Length + fields.Count, isDefault: false, now)) { Changed = true };
    }

    /// <summary>Lower case, every run of other characters an underscore, as Freshdesk names a field after its label.</summary>
    internal static string NameOf(string label)
    {
        var chars = label.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray();
        var name = new string(chars);
        while (name.Contains("__", StringComparison.Ordinal))
            name = name.Replace("__", "_", StringComparison.Ordinal);
        return name.Trim('_');
    }

    private static JsonObject Json(long id, string name, string label, string type, int position, bool isDefault, DateTimeOffset? created) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["label"] = label,
        ["position"] = position,
        ["required_for_agents"] = name == "name",
        ["type"] = type,
        ["default"] = isDefault,
        ["created_at"] = (created ?? new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["updated_at"] = (created ?? new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    };
}

using Onboarding.Core.Configuration;
using Onboarding.Core.Services.HubSpot;

namespace Onboarding.Core.Planning;

/// <summary>When the manifest and the configuration last changed in git (the commit that last touched each file).</summary>
/// <param name="Manifest">The last commit that changed the manifest file; null when git cannot say (a file never committed).</param>
/// <param name="Configuration">The last commit that changed the configuration file (what <c>grafana_url</c> comes from).</param>
public sealed record ChangeTimes(DateTimeOffset? Manifest, DateTimeOffset? Configuration)
{
    public static ChangeTimes Unknown { get; } = new(null, null);
}

/// <summary>A value someone changed by hand in HubSpot or Freshdesk that apply leaves as it is, and reports.</summary>
/// <param name="Service">HubSpot or Freshdesk.</param>
/// <param name="Field">The configuration's name of the field (<c>hubspot.long_name</c>), which <c>heal</c> takes.</param>
/// <param name="ServiceField">The field as the service names it (the portal's property, the company field).</param>
/// <param name="EditedAt">When the service's value was written (HubSpot's history, Freshdesk's <c>updated_at</c>).</param>
public sealed record KeptEdit(string Service, string Field, string ServiceField, string? InService, string? InManifest, DateTimeOffset? EditedAt)
{
    /// <summary>The person's email when the edit is a contact's name; null for the community's own fields.</summary>
    public string? Contact { get; init; }
}

/// <summary>
/// Decides, field by field, whether apply writes the manifest's value over what a service holds. The manifest's value
/// is written when the field is in <c>heal</c>, when the change being applied (a push) changed that very field, or when
/// the service's value is not a hand edit newer than the manifest's last change; a field in <c>externally_managed</c> is
/// never written once set. Everything else is a <see cref="KeptEdit"/>: left alone and reported. Pure.
/// </summary>
/// <remarks>
/// HubSpot keeps each property's history (value, time, <c>sourceType</c>): a value is a hand edit when its last write
/// was not through the API and either the manifest still gives the value this program last wrote, or the manifest's
/// last commit is older than the edit. Freshdesk keeps only the company's <c>updated_at</c>: a differing field is a hand
/// edit when the company changed after the manifest's last commit (after the configuration's, for grafana_url). Without
/// a commit time (no git), HubSpot keeps an edit it cannot place and Freshdesk writes as before. A person's name as a
/// contact follows the same rule: HubSpot's <c>firstname</c>/<c>lastname</c> by their history, Freshdesk's name by the
/// contact's <c>updated_at</c>; a push owns the names of the people whose name it changed (or whom it added).
/// </remarks>
public sealed class HandEdits(OnboardingSettings settings, ChangeTimes times, IReadOnlySet<string> pushed)
{
    public static HandEdits None(OnboardingSettings settings) => new(settings, ChangeTimes.Unknown, new HashSet<string>());

    /// <summary>
    /// The configuration's names of the fields a push changed: those whose wanted value differs between the manifest
    /// before and after it. Empty when there is no before (a new manifest, or a reconcile of every manifest).
    /// </summary>
    public static IReadOnlySet<string> Pushed(DesiredCommunity? before, DesiredCommunity after, OnboardingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(after);
        var fields = new HashSet<string>(StringComparer.Ordinal);
        if (before is null)
            return fields;
        foreach (var (property, value) in after.HubSpotProperties)
        {
            if (before.HubSpotProperties.GetValueOrDefault(property) != value && ServiceFields.OfProperty(settings, property) is { } name)
                fields.Add(name);
        }

        foreach (var (field, value) in after.FreshdeskCompanyFields)
        {
            if (before.FreshdeskCompanyFields.GetValueOrDefault(field) != value && ServiceFields.OfCompanyField(settings, field) is { } name)
                fields.Add(name);
        }

        // A person's name is the push's when it changed it, or added the person.
        var earlier = before.Contacts.ToDictionary(c => c.Email, StringComparer.Ordinal);
        foreach (var contact in after.Contacts)
        {
            if (earlier.GetValueOrDefault(contact.Email) is { } was && was.FirstName == contact.FirstName && was.LastName == contact.LastName)
                continue;
            fields.Add(OfPerson(ServiceFields.HubSpotContactName, contact.Email));
            fields.Add(OfPerson(ServiceFields.FreshdeskContactName, contact.Email));
        }

        return fields;
    }

    /// <summary>
    /// The name properties (<c>firstname</c>, <c>lastname</c>) the contact upsert leaves out, because they are kept as
    /// HubSpot has them, and the hand edit to report (null when none, or when the name is externally managed).
    /// </summary>
    public (IReadOnlySet<string> Kept, KeptEdit? Edit) HubSpotContact(DesiredContact contact, ObservedContact existing)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(existing);
        var wanted = ObservedCommunity.ContactProperties(contact);
        var differing = NameProperties.Where(p => (existing.Properties.GetValueOrDefault(p) ?? "") != (wanted[p] ?? "")).ToList();
        var kept = new SortedSet<string>(StringComparer.Ordinal);
        if (differing.Count == 0)
            return (kept, null);
        const string name = ServiceFields.HubSpotContactName;
        var inService = FullName(existing.Properties.GetValueOrDefault("firstname"), existing.Properties.GetValueOrDefault("lastname"));
        if (IsExternal(name, inService))
        {
            kept.UnionWith(differing);
            return (kept, null);
        }

        if (Owned(name, contact.Email))
            return (kept, null);
        DateTimeOffset? at = null;
        foreach (var property in differing)
        {
            var history = existing.History.GetValueOrDefault(property) ?? [];
            if (!HandEdited(history, wanted[property] ?? ""))
                continue;
            kept.Add(property);
            at = at is { } seen && seen > history[0].At ? seen : history[0].At;
        }

        return kept.Count == 0 ? (kept, null) : (kept, new KeptEdit("HubSpot", name, "name", inService, ObservedCommunity.FullName(contact), at) { Contact = contact.Email });
    }

    /// <summary>Whether the Freshdesk contact's name is written, and the hand edit to report when it is not.</summary>
    public (bool Write, KeptEdit? Edit) HelpdeskContactName(DesiredContact contact, ObservedHelpdeskContact existing)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(existing);
        var wanted = ObservedCommunity.FullName(contact);
        const string name = ServiceFields.FreshdeskContactName;
        if (existing.Name == wanted)
            return (true, null);
        if (IsExternal(name, existing.Name))
            return (false, null);
        if (Owned(name, contact.Email) || existing.UpdatedAt is not { } updated || times.Manifest is not { } since || updated <= since)
            return (true, null);
        return (false, new KeptEdit("Freshdesk", name, "name", existing.Name, wanted, updated) { Contact = contact.Email });
    }

    /// <summary>The contact properties that make up a person's name in HubSpot.</summary>
    private static readonly string[] NameProperties = ["firstname", "lastname"];

    private static string FullName(string? first, string? last) => string.Join(" ", new[] { first, last }.Where(v => !string.IsNullOrEmpty(v)));

    /// <summary>How <see cref="Pushed"/> names one person's name: the field and the email.</summary>
    private static string OfPerson(string field, string email) => $"{field}:{email}";

    /// <summary>A person's name is the manifest's when the field is healed or the push changed that person's name.</summary>
    private bool Owned(string name, string email) => Owned(name) || pushed.Contains(OfPerson(name, email));

    /// <summary>The Community properties apply writes, and the hand edits it keeps.</summary>
    public (IReadOnlyDictionary<string, string> Wanted, IReadOnlyList<KeptEdit> Kept) Community(
        IReadOnlyDictionary<string, string> wanted, ObservedCommunity observed)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(observed);
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        var kept = new List<KeptEdit>();
        foreach (var (property, value) in wanted)
        {
            var current = observed.CommunityProperties.GetValueOrDefault(property);
            var name = ServiceFields.OfProperty(settings, property);
            if ((current ?? "") == value || name is null)
            {
                written[property] = value;
                continue;
            }

            if (IsExternal(name, current))
                continue;
            var history = observed.CommunityHistory.GetValueOrDefault(property) ?? [];
            if (Owned(name) || !HandEdited(history, value))
                written[property] = value;
            else
                kept.Add(new KeptEdit("HubSpot", name, property, current, value, history[0].At));
        }

        return (written, kept);
    }

    /// <summary>The company fields apply writes, and the hand edits it keeps.</summary>
    public (IReadOnlyDictionary<string, string> Wanted, IReadOnlyList<KeptEdit> Kept) Company(
        IReadOnlyDictionary<string, string> wanted, ObservedCompany company)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(company);
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        var kept = new List<KeptEdit>();
        foreach (var (field, value) in wanted)
        {
            var current = company.Fields.GetValueOrDefault(field);
            var name = ServiceFields.OfCompanyField(settings, field);
            if ((current ?? "") == value || name is null)
            {
                written[field] = value;
                continue;
            }

            if (IsExternal(name, current))
                continue;
            var changed = field == settings.Freshdesk.GrafanaUrlField ? times.Configuration : times.Manifest;
            if (Owned(name) || company.UpdatedAt is not { } updated || changed is not { } since || updated <= since)
                written[field] = value;
            else
                kept.Add(new KeptEdit("Freshdesk", name, field, current, value, updated));
        }

        return (written, kept);
    }

    /// <summary>Set in the service and kept there by people: never written again.</summary>
    private bool IsExternal(string name, string? current) =>
        !string.IsNullOrEmpty(current) && settings.ExternallyManaged.Contains(name, StringComparer.Ordinal);

    /// <summary>The manifest's to write whatever the service holds: healed, or changed by the push being applied.</summary>
    private bool Owned(string name) => settings.Heal.Contains(name, StringComparer.Ordinal) || pushed.Contains(name);

    /// <summary>
    /// Whether the property's current value (the newest write, first in <paramref name="history"/>) is a person's edit
    /// that the manifest has not changed since: no later commit, or the manifest still giving what the API last wrote.
    /// </summary>
    private bool HandEdited(IReadOnlyList<PropertyWrite> history, string wanted)
    {
        if (history.Count == 0 || history[0].ByIntegration)
            return false;
        var edit = history[0];
        var lastWritten = history.Skip(1).FirstOrDefault(w => w.ByIntegration);
        if (lastWritten is not null && (lastWritten.Value ?? "") == wanted)
            return true;
        return times.Manifest is not { } changed || changed <= edit.At;
    }
}

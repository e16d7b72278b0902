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
public sealed record KeptEdit(string Service, string Field, string ServiceField, string? InService, string? InManifest, DateTimeOffset? EditedAt);

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
/// a commit time (no git), HubSpot keeps an edit it cannot place and Freshdesk writes as before.
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

        return fields;
    }

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

using Onboarding.Core.Configuration;
using Onboarding.Core.Manifests;
using Onboarding.Core.Planning;

namespace Onboarding.Core.Drift;

/// <summary>
/// Reads a live plan as drift: every HubSpot or Freshdesk step the planner would take to bring a service back to the
/// manifest is a difference someone made by hand, reported with the manifest line to change. The comparison itself is
/// the planner's, so plan, apply and drift never disagree about what differs. Pure.
/// </summary>
public static class DriftFinder
{
    private const int ShownLength = 80;

    /// <summary>The differences of one community whose plan was built against the live services.</summary>
    public static IReadOnlyList<DriftItem> ForCommunity(CommunityPlan plan, ManifestDocument document, OnboardingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(settings);
        var reader = new StepReader(plan, new Places(document, settings), settings);
        var items = plan.Steps.SelectMany(step => step.Accept(reader)).ToList();

        // Hand edits apply leaves alone are drift too, and stay so until someone decides.
        items.AddRange(plan.KeptEdits.Select(reader.Kept));

        // The planner never removes a deal, so an extra one is no step; drift still reports it.
        if (!reader.CommunityMissing)
        {
            foreach (var deal in plan.Observed.AssociatedDeals.Except(plan.Desired.Deals, StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                items.Add(reader.Item(DriftKind.DealExtra, "HubSpot", "deals", deal, null,
                    $"Deal {deal} is associated with community {plan.Name} in HubSpot but is not in the manifest's deals.",
                    $"If it is this community's deal (a renewal), add \"{deal}\" to deals; otherwise remove the association in HubSpot."));
            }
        }

        return Sorted(items);
    }

    /// <summary>A Community record in HubSpot that no manifest describes: add a manifest (<c>onboarding import</c> writes one).</summary>
    public static DriftItem NoManifest(string name, string? longName, string directory) =>
        new(name, DriftKind.NoManifest, "HubSpot", $"{directory}/{name}.yaml", 0, "", longName, null,
            $"HubSpot has a Community record {name}{(string.IsNullOrEmpty(longName) ? "" : $" ({Shown(longName)})")} that no manifest describes.",
            $"Add a manifest: onboarding import writes {directory}/{name}.yaml from HubSpot.");

    public static IReadOnlyList<DriftItem> Sorted(IEnumerable<DriftItem> items) =>
        [.. items.OrderBy(i => i.File, StringComparer.Ordinal).ThenBy(i => i.Line).ThenBy(i => i.Service, StringComparer.Ordinal)
            .ThenBy(i => i.Field, StringComparer.Ordinal).ThenBy(i => i.Difference, StringComparer.Ordinal)];

    private static string KeepOrRestore(string field, Places place, string service) =>
        $"If {service} is right, change {place.Describe(field)} to match; otherwise the next apply puts the manifest's value back.";

    /// <summary>A value quoted on one short line, so a pasted essay or a line break cannot spread the report.</summary>
    internal static string Shown(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "empty";
        var line = value.ReplaceLineEndings(" ").Trim();
        return $"\"{(line.Length > ShownLength ? line[..(ShownLength - 1)] + "…" : line)}\"";
    }

    /// <summary>
    /// Reads each step as drift. HubSpot and Freshdesk steps are hand edits; turnup issues, tickets, emails and BD's
    /// notes are pending work, not drift. Steps are read in plan order, so a contact's creation is seen before its labels.
    /// </summary>
    private sealed class StepReader(CommunityPlan plan, Places place, OnboardingSettings settings) : IPlanStepVisitor<IReadOnlyList<DriftItem>>
    {
        /// <summary>Emails HubSpot has no contact for: their labels are not reported again.</summary>
        private readonly HashSet<string> _hubSpotMissing = new(StringComparer.Ordinal);

        public bool CommunityMissing { get; } = plan.Observed.CommunityId is null;

        public DriftItem Item(DriftKind kind, string service, string field, string? inService, string? inManifest, string difference, string fix)
        {
            var (file, line) = place.Of(field);
            return new DriftItem(plan.Name, kind, service, file, line, field, inService, inManifest, difference, fix);
        }

        /// <summary>A value changed by hand that apply leaves alone: one of the two sides has to change.</summary>
        public DriftItem Kept(KeptEdit edit)
        {
            var hubSpot = edit.Service == "HubSpot";
            if (edit.Contact is { } email)
            {
                var person = place.Person(email, null, ".name");
                return Item(hubSpot ? DriftKind.ContactEdited : DriftKind.HelpdeskContactEdited, edit.Service, person, edit.InService, edit.InManifest,
                    $"{edit.Service}'s name of contact {email} is {Shown(edit.InService)} (changed by hand); the manifest says {Shown(edit.InManifest)}.",
                    $"Apply leaves hand edits alone. If {edit.Service} is right, change {place.Describe(person)} to match; if the manifest is right, put its value back in {edit.Service}, or list {edit.Field} under heal in onboarding.yaml.");
            }

            var field = hubSpot ? place.FieldOfProperty(edit.ServiceField) : place.FieldOfCompanyField(edit.ServiceField);
            var difference = hubSpot
                ? $"HubSpot's {edit.ServiceField} of community {plan.Name} is {Shown(edit.InService)} (changed by hand); the manifest says {Shown(edit.InManifest)}."
                : $"Freshdesk's {edit.ServiceField} of company {plan.Name} is {Shown(edit.InService)} (changed by hand); the manifests give {Shown(edit.InManifest)}.";
            var fix = edit.ServiceField == settings.Freshdesk.GrafanaUrlField && !hubSpot
                ? $"Apply leaves hand edits alone. If onboarding.yaml's grafana_url is right, put it back in Freshdesk, or list {edit.Field} under heal in onboarding.yaml."
                : $"Apply leaves hand edits alone. If {edit.Service} is right, change {place.Describe(field)} to match; if the manifest is right, put its value back in {edit.Service}, or list {edit.Field} under heal in onboarding.yaml.";
            return Item(hubSpot ? DriftKind.PropertyEdited : DriftKind.CompanyFieldEdited, edit.Service, field, edit.InService, edit.InManifest, difference, fix);
        }

        public IReadOnlyList<DriftItem> Visit(CreateCommunity step) =>
        [
            Item(DriftKind.CommunityMissing, "HubSpot", "name", null, step.Community,
                $"HubSpot has no Community record named {step.Community}.",
                "Run apply to create it, or find out who deleted or renamed it in HubSpot."),
        ];

        public IReadOnlyList<DriftItem> Visit(UpdateCommunity step) =>
        [
            .. step.Changes.Select(change =>
            {
                var field = place.FieldOfProperty(change.Field);
                var difference = change.Field == settings.HubSpot.Properties.ManifestPath
                    ? $"HubSpot's {change.Field} of community {step.Community} is {Shown(change.Before)}, not this file."
                    : $"HubSpot's {change.Field} of community {step.Community} is {Shown(change.Before)}; the manifest says {Shown(change.After)}.";
                return Item(DriftKind.PropertyEdited, "HubSpot", field, change.Before, change.After, difference, KeepOrRestore(field, place, "HubSpot"));
            }),
        ];

        public IReadOnlyList<DriftItem> Visit(UpsertContact step)
        {
            var email = step.Contact.Email;
            if (step.Existing is null)
            {
                _hubSpotMissing.Add(email);

                // A community never applied (or deleted) is one difference, not one per person.
                return CommunityMissing
                    ? []
                    : [Item(DriftKind.ContactMissing, "HubSpot", place.Person(email, null, ".email"), null, email,
                        $"{email} is not a contact in HubSpot.",
                        "Run apply to create the contact, or remove the person from the manifest if they left.")];
            }

            var changes = step.Changes;
            var before = string.Join(" ", changes.Select(c => c.Before).Where(v => !string.IsNullOrEmpty(v)));
            var after = string.Join(" ", changes.Select(c => c.After).Where(v => !string.IsNullOrEmpty(v)));
            var field = place.Person(email, null, ".name");
            return
            [
                Item(DriftKind.ContactEdited, "HubSpot", field, before, after,
                    $"HubSpot's contact {email} has {string.Join(", ", changes.Select(c => $"{c.Field} {Shown(c.Before)}"))}; the manifest gives {string.Join(", ", changes.Select(c => $"{c.Field} {Shown(c.After)}"))}.",
                    KeepOrRestore(field, place, "HubSpot")),
            ];
        }

        public IReadOnlyList<DriftItem> Visit(AddLabel step)
        {
            if (CommunityMissing || _hubSpotMissing.Contains(step.Email))
                return [];
            var field = place.Person(step.Email, step.Label, ".email");
            return
            [
                Item(DriftKind.LabelMissing, "HubSpot", field, null, step.Label,
                    $"{step.Email} is not associated with community {step.Community} as {step.Label} in HubSpot (the label was removed or changed).",
                    $"If they no longer are {step.Label}, remove them from {place.ListOf(step.Label)} at {place.Describe(field)}; otherwise the next apply puts the label back."),
            ];
        }

        public IReadOnlyList<DriftItem> Visit(RemoveLabel step)
        {
            if (CommunityMissing || _hubSpotMissing.Contains(step.Email))
                return [];
            var list = place.ListOf(step.Label);
            return
            [
                Item(DriftKind.LabelExtra, "HubSpot", place.Person(step.Email, null, ".email", fallback: list), step.Label, null,
                    $"{step.Email} is associated with community {step.Community} as {step.Label} in HubSpot, but the manifest does not list them in {list}.",
                    $"If they are {step.Label}, add them to {list}; otherwise the next apply removes the label (the contact stays)."),
            ];
        }

        public IReadOnlyList<DriftItem> Visit(AssociateDeal step)
        {
            if (CommunityMissing)
                return [];
            var field = place.Deal(step.Deal);
            return
            [
                Item(DriftKind.DealMissing, "HubSpot", field, null, step.Deal,
                    $"Deal {step.Deal} is not associated with community {step.Community} in HubSpot (the association was removed).",
                    $"If the deal does not belong to this community, remove it at {place.Describe(field)}; otherwise the next apply associates it again."),
            ];
        }

        public IReadOnlyList<DriftItem> Visit(CreateCompany step) =>
        [
            Item(DriftKind.CompanyMissing, "Freshdesk", "name", null, step.Community,
                $"Freshdesk has no company named {step.Community}.",
                "Run apply to create it, or find out who deleted or renamed it in Freshdesk."),
        ];

        public IReadOnlyList<DriftItem> Visit(UpdateCompany step) =>
        [
            .. step.Changes.Select(change =>
            {
                var field = place.FieldOfCompanyField(change.Field);
                return Item(DriftKind.CompanyFieldEdited, "Freshdesk", field, change.Before, change.After,
                    $"Freshdesk's {change.Field} of company {step.Community} is {Shown(change.Before)}; the manifests give {Shown(change.After)}.",
                    change.Field == settings.Freshdesk.GrafanaUrlField
                        ? "This field comes from grafana_url in onboarding.yaml, not from the manifest; the next apply writes it back."
                        : KeepOrRestore(field, place, "Freshdesk"));
            }),
        ];

        public IReadOnlyList<DriftItem> Visit(CreateHelpdeskContact step)
        {
            // Without the company, the company is the one difference.
            if (plan.Observed.Company is null)
                return [];
            var email = step.Contact.Email;
            return
            [
                Item(DriftKind.HelpdeskContactMissing, "Freshdesk", place.Person(email, null, ".email"), null, email,
                    $"{email} is not a contact in Freshdesk.",
                    "Run apply to create the contact, or remove the person from the manifest if they left."),
            ];
        }

        public IReadOnlyList<DriftItem> Visit(UpdateHelpdeskContact step)
        {
            // Without the company, the company is the one difference, not each contact's.
            var notOfCompany = step.JoinsCompany && step.Company is not null;
            if (!step.NameChanged && !notOfCompany)
                return [];
            var (email, fullName) = (step.Contact.Email, ObservedCommunity.FullName(step.Contact));
            var field = place.Person(email, null, ".name");
            List<string> differences = [.. step.NameChanged ? [$"name {Shown(step.Existing.Name)} instead of {Shown(fullName)}"] : Array.Empty<string>(),
                .. notOfCompany ? [$"not of company {step.Community}"] : Array.Empty<string>()];
            List<string> inManifest = [.. step.NameChanged ? [fullName] : Array.Empty<string>(), .. notOfCompany ? [step.Community] : Array.Empty<string>()];
            return
            [
                Item(DriftKind.HelpdeskContactEdited, "Freshdesk", field, step.NameChanged ? step.Existing.Name : "", string.Join(", ", inManifest),
                    $"Freshdesk's contact {email} differs: {string.Join("; ", differences)}.",
                    KeepOrRestore(field, place, "Freshdesk")),
            ];
        }

        public IReadOnlyList<DriftItem> Visit(OpenTurnupIssue step) => [];

        public IReadOnlyList<DriftItem> Visit(UpdateTurnupIssue step) => [];

        public IReadOnlyList<DriftItem> Visit(OpenMissingInformationRequest step) => [];

        public IReadOnlyList<DriftItem> Visit(NoteMissingInformationRequest step) => [];

        public IReadOnlyList<DriftItem> Visit(ResolveMissingInformationRequest step) => [];

        public IReadOnlyList<DriftItem> Visit(SendHubAvailableEmail step) => [];

        public IReadOnlyList<DriftItem> Visit(AddDeliveryNote step) => [];

        public IReadOnlyList<DriftItem> Visit(AddDeliveryComment step) => [];

        // Where an issue sits on the board is people's business, not drift.
        public IReadOnlyList<DriftItem> Visit(PlaceOnBoard step) => [];
    }

    /// <summary>Where a field sits in one manifest.</summary>
    private sealed class Places(ManifestDocument document, OnboardingSettings settings)
    {
        public (string File, int Line) Of(string field)
        {
            for (var path = field; path.Length > 0; path = Parent(path))
            {
                if (document.Locations.TryGetValue(path, out var location))
                    return (document.Path, location.Key.Line);
            }

            return (document.Path, document.Locations.TryGetValue("name", out var name) ? name.Key.Line : 1);
        }

        public string Describe(string field) => $"{field} (line {Of(field).Line})";

        public string FieldOfProperty(string property)
        {
            var names = settings.HubSpot.Properties;
            if (property == names.LongName) return "long_name";
            if (property == names.Website) return "website";
            if (property == names.GitHubOrganization) return "github_organization";
            if (property == names.Logo) return "logo";
            if (property == names.CommunityContext) return "context";
            if (property == names.Hubs) return "hubs";
            return "name";
        }

        public string FieldOfCompanyField(string field) =>
            field == settings.Freshdesk.RepresentativesField ? "representatives"
            : field == settings.Freshdesk.HubUrlsField ? "hubs"
            : "name";

        public string ListOf(string label) =>
            string.Equals(label, settings.HubSpot.TechnicalContactLabel, StringComparison.OrdinalIgnoreCase) ? "technical_contacts" : "representatives";

        /// <summary>The person's entry (in the list that gives <paramref name="label"/>, or the first that has them).</summary>
        public string Person(string email, string? label, string suffix, string? fallback = null)
        {
            var community = document.Community;
            var lists = label is null
                ? new[] { ("representatives", community.Representatives), ("technical_contacts", community.TechnicalContacts) }
                : [(ListOf(label), ListOf(label) == "representatives" ? community.Representatives : community.TechnicalContacts)];
            foreach (var (list, people) in lists)
            {
                for (var i = 0; i < people.Count; i++)
                {
                    if (string.Equals(people[i].Email, email, StringComparison.OrdinalIgnoreCase))
                        return $"{list}[{i}]{suffix}";
                }
            }

            return fallback ?? lists[0].Item1;
        }

        public string Deal(string deal)
        {
            var deals = document.Community.Deals;
            for (var i = 0; i < deals.Count; i++)
            {
                if (deals[i] == deal)
                    return $"deals[{i}]";
            }

            return "deals";
        }

        private static string Parent(string path)
        {
            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            return cut <= 0 ? "" : path[..cut];
        }
    }
}

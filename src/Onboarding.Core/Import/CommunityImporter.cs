using System.Text.RegularExpressions;
using Onboarding.Core.Authoring;
using Onboarding.Core.Configuration;
using Onboarding.Core.Manifests;
using Onboarding.Core.Services.HubSpot;
using Onboarding.Core.Validation;

namespace Onboarding.Core.Import;

/// <summary>One Community record read from HubSpot: a draft to write, or the sentence that says why it cannot be.</summary>
public sealed record ImportCandidate(string Name, string RecordId, ManifestDraft? Draft, string? NotImportable);

/// <summary>
/// Reads every Community record from HubSpot with its labelled contacts and its deals, and turns each into a manifest
/// draft. Reads only. What HubSpot does not hold and the schema requires (a hub's status, its deployed date) is filled
/// with a placeholder the written manifest marks as such; what cannot be filled (no representative, no deal, no hub
/// domain) makes the community not importable, with the reason.
/// </summary>
public sealed partial class CommunityImporter(IHubSpot hubSpot, OnboardingSettings settings)
{
    /// <summary>HubSpot records no deployment day; this one is plainly not a real one, the manifest says so, and validate warns.</summary>
    public const string PlaceholderDeployed = ManifestRules.ImportPlaceholderDate;

    public const string PlaceholderComment = "# PLACEHOLDER: HubSpot does not record this; correct it.";

    private static readonly string[] ContactProperties = ["email", "firstname", "lastname", "github_username"];

    public async Task<IReadOnlyList<ImportCandidate>> ReadAsync(CancellationToken cancellationToken = default)
    {
        var names = settings.HubSpot.Properties;
        var records = await hubSpot.ListCommunitiesAsync(
            [names.Name, names.LongName, names.Website, names.GitHubOrganization, names.Logo, names.CommunityContext, names.Hubs], cancellationToken);
        var candidates = new List<ImportCandidate>();
        foreach (var record in records)
        {
            var name = record[names.Name] ?? "";
            if (!NamePattern().IsMatch(name))
            {
                candidates.Add(new(name, record.Id, null,
                    $"HubSpot community record {record.Id} is named \"{Shown(name)}\", which is not one lowercase word of letters and digits as a manifest name must be; rename it in HubSpot or write its manifest by hand."));
                continue;
            }

            var associations = await hubSpot.ReadCommunityContactsAsync(record.Id, cancellationToken);
            var contacts = associations.Count == 0
                ? []
                : (await hubSpot.ReadContactsAsync([.. associations.Select(a => a.ToObjectId)], ContactProperties, cancellationToken)).ToDictionary(c => c.Id, StringComparer.Ordinal);
            var deals = (await hubSpot.ReadCommunityDealIdsAsync(record.Id, cancellationToken)).Order(NumericIdOrder.Instance).ToList();
            candidates.Add(Build(name, record, associations, contacts, deals));
        }

        return [.. candidates.OrderBy(c => c.Name, StringComparer.Ordinal)];
    }

    private ImportCandidate Build(
        string name, HubSpotRecord record, IReadOnlyList<HubSpotAssociation> associations, Dictionary<string, HubSpotRecord> contacts, List<string> deals)
    {
        var names = settings.HubSpot.Properties;
        string? Fail(string why) => $"{name} cannot be imported: {why}";
        var longName = record[names.LongName]?.Trim() ?? "";
        if (longName.Length < 2)
            return new(name, record.Id, null, Fail("HubSpot has no long_name for it, and a manifest needs the community's full name."));

        var people = new Dictionary<string, List<Person>>(StringComparer.Ordinal)
        {
            [settings.HubSpot.RepresentativeLabel] = [],
            [settings.HubSpot.TechnicalContactLabel] = [],
        };
        foreach (var association in associations.OrderBy(a => a.ToObjectId, NumericIdOrder.Instance))
        {
            if (!contacts.TryGetValue(association.ToObjectId, out var contact) || contact["email"] is not { Length: > 0 } email)
                continue;
            foreach (var (label, list) in people)
            {
                if (!association.HasLabel(label))
                    continue;
                var full = $"{contact["firstname"]?.Trim()} {contact["lastname"]?.Trim()}".Trim();
                if (full.Length == 0)
                    return new(name, record.Id, null, Fail($"its {label.ToLowerInvariant()} {email} has no first or last name in HubSpot."));
                list.Add(new Person(full, email.ToLowerInvariant(), contact["github_username"]?.Trim() is { } handle && IsGitHubHandle(handle) ? handle : null));
            }
        }

        var representatives = people[settings.HubSpot.RepresentativeLabel];
        if (representatives.Count == 0)
            return new(name, record.Id, null, Fail($"no contact is associated with it as {settings.HubSpot.RepresentativeLabel}, and a manifest needs at least one representative."));
        if (deals.Count == 0)
            return new(name, record.Id, null, Fail("no deal is associated with it, and a manifest needs at least one deal."));

        var domains = (record[names.Hubs] ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (domains.Length == 0)
            return new(name, record.Id, null, Fail($"HubSpot lists no hub domain for it ({names.Hubs}), and a manifest needs at least one hub."));

        var hubs = new List<HubDraft>();
        for (var i = 0; i < domains.Length; i++)
        {
            hubs.Add(new HubDraft
            {
                Name = HubName(domains, i, name),
                Domain = domains[i].ToLowerInvariant(),
                Status = "deployed",
                Deployed = PlaceholderDeployed,
                Url = $"https://{domains[i].ToLowerInvariant()}",
            });
        }

        return new(name, record.Id, new ManifestDraft
        {
            Summary = $"Imported from HubSpot (Community record {record.Id}). HubSpot does not record hub status or dates: each hub is written as deployed at its domain, with a placeholder deployed date marked below. Correct them before merging.",
            Name = name,
            LongName = longName,
            Website = Blank(record[names.Website]),
            GitHubOrganization = Blank(record[names.GitHubOrganization]),
            Logo = Blank(record[names.Logo]),
            Context = Blank(record[names.CommunityContext]),
            Representatives = representatives,
            TechnicalContacts = people[settings.HubSpot.TechnicalContactLabel],
            Deals = deals,
            Hubs = hubs,
        }, null);
    }

    /// <summary>The manifest text, with the placeholder deployed dates marked where they stand.</summary>
    public static string Write(ManifestDraft draft)
    {
        var text = ManifestWriter.Write(draft);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("deployed: ", StringComparison.Ordinal) && lines[i].Contains(PlaceholderDeployed, StringComparison.Ordinal))
                lines[i] += "  " + PlaceholderComment;
        }

        return string.Join('\n', lines);
    }

    /// <summary>One hub is "prod"; several are named by the first label of their domain, when that makes a valid, unique name.</summary>
    private static string HubName(string[] domains, int index, string community)
    {
        if (domains.Length == 1)
            return "prod";
        var label = domains[index].Split('.')[0].ToLowerInvariant();
        var taken = domains.Take(index).Select(d => d.Split('.')[0].ToLowerInvariant());
        return HubPattern().IsMatch(label) && label != community && !taken.Contains(label, StringComparer.Ordinal) ? label : $"hub{index + 1}";
    }

    /// <summary>Kept exactly as HubSpot has it (a trim would be a difference on the next plan); blank is absent.</summary>
    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>Letters, digits and single inner dashes, at most 39 characters, as GitHub allows.</summary>
    private static bool IsGitHubHandle(string handle) => handle.Length <= 39 && GitHubPattern().IsMatch(handle);

    private static string Shown(string value) => value.Length > 60 ? value[..59] + "…" : value;

    // What HubSpot holds is outside input: NonBacktracking bounds the time by its length.
    [GeneratedRegex("^[a-z][a-z0-9]{1,39}$", RegexOptions.NonBacktracking)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$", RegexOptions.NonBacktracking)]
    private static partial Regex GitHubPattern();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,29}$", RegexOptions.NonBacktracking)]
    private static partial Regex HubPattern();

    /// <summary>HubSpot record ids (deals, contacts) as numbers: shorter first, then by digits.</summary>
    private sealed class NumericIdOrder : IComparer<string>
    {
        public static NumericIdOrder Instance { get; } = new();

        public int Compare(string? x, string? y) =>
            (x?.Length ?? 0) != (y?.Length ?? 0) ? (x?.Length ?? 0).CompareTo(y?.Length ?? 0) : string.CompareOrdinal(x, y);
    }
}

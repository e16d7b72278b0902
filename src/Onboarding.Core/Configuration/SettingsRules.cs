using System.Text.RegularExpressions;
using Onboarding.Core.Manifests;
using Onboarding.Core.Services.HubSpot;

namespace Onboarding.Core.Configuration;

/// <summary>What <c>onboarding.yaml</c> must satisfy beyond its schema. Fields the schema already flagged are skipped.</summary>
internal static partial class SettingsRules
{
    private static readonly string[] UrlFields = ["hubspot.base_url", "freshdesk.base_url", "github.api_url", "grafana_url"];

    /// <summary>Our fields and the portal property each defaults to, in the order of the schema.</summary>
    private static readonly (string Field, string Default)[] PropertyDefaults =
    [
        ("name", CommunityProperties.Name),
        ("long_name", CommunityProperties.LongName),
        ("website", CommunityProperties.Website),
        ("github_organization", CommunityProperties.GitHubOrganization),
        ("logo", CommunityProperties.Logo),
        ("community_context", CommunityProperties.CommunityContext),
        ("manifest_path", CommunityProperties.ManifestPath),
        ("hubs", CommunityProperties.Hubs),
        ("first_value_date", CommunityProperties.FirstValueDate),
        ("time_to_first_value_days", CommunityProperties.TimeToFirstValueDays),
        ("first_value_hub", CommunityProperties.FirstValueHub),
    ];

    private static readonly (string Field, string Default)[] CompanyFieldDefaults =
    [
        ("representatives", "community_representatives"),
        ("hub_urls", "hub_urls"),
        ("grafana_url", "grafana_url"),
    ];

    private static readonly (string Field, string Default)[] LabelDefaults =
    [
        ("representative", "Community Representative"),
        ("technical_contact", "Technical Contact"),
    ];

    public static IEnumerable<Problem> Check(string file, YamlMapping root, IReadOnlyDictionary<string, FieldLocation> locations, IReadOnlySet<string> flagged)
    {
        var problems = new List<Problem>();
        void Add(string field, SourceLocation location, string message)
        {
            if (!flagged.Contains(field))
                problems.Add(Problem.Error(file, location, field, message));
        }

        foreach (var field in UrlFields)
        {
            if (locations.TryGetValue(field, out var at) && at.Text is { } text && UrlProblem(text) is { } sentence)
                Add(field, at.Value, sentence);
        }

        PrometheusTemplate(file, locations, flagged, problems);
        FreshdeskAddress(root, locations, Add);
        DistinctNames("hubspot.properties", PropertyDefaults, "portal property", StringComparer.Ordinal, locations, Add);
        DistinctNames("hubspot.association_labels", LabelDefaults, "association label", StringComparer.OrdinalIgnoreCase, locations, Add);
        DistinctNames("freshdesk.company_fields", CompanyFieldDefaults, "company field", StringComparer.Ordinal, locations, Add);
        // HubSpot stage labels and GitHub labels are matched without regard to case.
        DistinctItems("hubspot.allowed_deal_stages", StringComparer.OrdinalIgnoreCase, locations, Add);
        DistinctItems("github.turnup_labels", StringComparer.OrdinalIgnoreCase, locations, Add);
        DistinctItems("staff_users", StringComparer.Ordinal, locations, Add);
        TurnupSection(root, Add);
        ProjectFields(locations, Add);
        DistinctItems("heal", StringComparer.Ordinal, locations, Add);
        DistinctItems("externally_managed", StringComparer.Ordinal, locations, Add);
        OwnedFields(locations, Add);
        Share("freshdesk.share", "the plan's limits", root["freshdesk"] as YamlMapping, locations, Add);
        Share("hubspot.share", "hubspot.daily_limit", root["hubspot"] as YamlMapping, locations, Add);
        return problems;
    }

    /// <summary>A share of a limit is more than nothing and at most all of it (the schema already said it is a number).</summary>
    private static void Share(string field, string ofWhat, YamlMapping? section, IReadOnlyDictionary<string, FieldLocation> locations, Action<string, SourceLocation, string> add)
    {
        if (!locations.TryGetValue(field, out var at) || SettingsReader.Fraction(section, "share") is not { } share)
            return;
        if (share is <= 0 or > 1 || double.IsNaN(share))
        {
            add(field, at.Value, $"This must be more than 0 and at most 1: the part of {ofWhat} this program may use, such as 0.5 (half, leaving the rest to the other integrations), but it is {at.Text}.");
        }
    }

    /// <summary>
    /// Questions are matched as a reader sees them, so two spellings of one question would compete for its rows;
    /// shared clusters are named as manifests name them (<c>hubs[].cluster</c>).
    /// </summary>
    private static void TurnupSection(YamlMapping root, Action<string, SourceLocation, string> add)
    {
        if (root["turnup"] is not YamlMapping turnup)
            return;
        if (turnup["questions"] is YamlMapping questions)
        {
            var seen = new Dictionary<string, SourceLocation>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in questions.Entries)
            {
                var field = $"turnup.questions.{entry.Key.Value}";
                var question = QuestionAsRead(entry.Key.Value);
                if (question.Length == 0)
                    add(field, entry.Key.Location, "A question needs its words, as the template's table writes them.");
                else if (seen.TryGetValue(question, out var first))
                    add(field, entry.Key.Location, $"This is the question on line {first.Line} written another way (questions are matched whatever their case, spacing and code marks); keep one.");
                else
                    seen[question] = entry.Key.Location;
            }
        }

        if (turnup["templates"] is YamlMapping templates)
            TemplateFiles(templates, add);

        if (turnup["shared_clusters"] is YamlMapping clusters)
        {
            foreach (var entry in clusters.Entries.Where(e => !ClusterName().IsMatch(e.Key.Value)))
            {
                add($"turnup.shared_clusters.{entry.Key.Value}", entry.Key.Location,
                    "A cluster's name is lowercase letters, digits and dashes, starting with a letter or digit, as manifests write it in hubs[].cluster.");
            }
        }
    }

    /// <summary>
    /// Each phase has a template of its own; the copy is a folder inside this repository, and not the one where GitHub
    /// would offer its files as this repository's own issue templates.
    /// </summary>
    private static void TemplateFiles(YamlMapping templates, Action<string, SourceLocation, string> add)
    {
        var defaults = new TurnupTemplateFiles();
        var written = templates.Entries
            .Where(e => e.Key.Value != "copy" && e.Value is YamlScalar { IsNull: false })
            .ToDictionary(e => e.Key.Value, e => (((YamlScalar)e.Value).Value, e.Value.Location), StringComparer.Ordinal);
        var owners = defaults.ByKey
            .Where(d => !written.ContainsKey(d.Key))
            .ToDictionary(d => d.FileName, d => $"{d.Key} (by default)", StringComparer.OrdinalIgnoreCase);
        foreach (var (key, (name, at)) in written.OrderBy(w => w.Value.Location.Line))
        {
            if (owners.TryGetValue(name, out var owner))
                add($"turnup.templates.{key}", at, $"\"{name}\" is already the template of {owner}; each phase needs its own.");
            else
                owners[name] = key;
        }

        if (templates["copy"] is not YamlScalar { IsNull: false } copy)
            return;
        var parts = copy.Value.Trim('/').Split('/');
        if (parts.Any(p => p is "" or "." or ".."))
        {
            add("turnup.templates.copy", copy.Location,
                "The copy is a folder inside this repository, written from its root without '.', '..' or an empty part, such as .github/turnup-templates.");
        }
        else if (string.Equals(string.Join('/', parts), TurnupTemplateFiles.RepositoryFolder, StringComparison.OrdinalIgnoreCase))
        {
            add("turnup.templates.copy", copy.Location,
                $"GitHub offers the files in {TurnupTemplateFiles.RepositoryFolder} as this repository's own issue templates; keep the copy in another folder, such as .github/turnup-templates.");
        }
    }

    /// <summary>A question as a reader sees it: without link addresses, code marks and extra spaces.</summary>
    private static string QuestionAsRead(string question)
    {
        var text = MarkdownLink().Replace(question, "$1").Replace("`", "", StringComparison.Ordinal);
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>
    /// Secrets travel in headers, so an address must be encrypted; the sandbox and tests listen on this machine only.
    /// </summary>
    internal static string? UrlProblem(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            return "This must be a full web address starting with https://, such as https://api.example.org/.";
        if (uri.Scheme == "http" && !uri.IsLoopback)
            return "This address must start with https://; plain http is allowed only for 127.0.0.1 or localhost (the sandbox and tests).";
        if (uri.UserInfo.Length > 0)
            return "This address carries a user name or password. Credentials never go in this file: they come from environment variables.";
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
            return "This is a base address: leave out everything from ? or # on.";
        return null;
    }

    /// <summary>
    /// prometheus_url is a template: its placeholders must be known and, filled in, it must be a usable address. Without
    /// {community} every community is asked from one Prometheus, where hubs of the same name share a namespace.
    /// </summary>
    private static void PrometheusTemplate(string file, IReadOnlyDictionary<string, FieldLocation> locations, IReadOnlySet<string> flagged, List<Problem> problems)
    {
        const string field = "prometheus_url";
        if (flagged.Contains(field) || !locations.TryGetValue(field, out var at) || at.Text is not { } text)
            return;
        if (PrometheusAddress.Problem(text) is { } problem)
        {
            problems.Add(Problem.Error(file, at.Value, field, problem));
        }
        else if (!new PrometheusAddress(text).IsPerCommunity)
        {
            problems.Add(Problem.Warning(file, at.Value, field,
                "This address does not name {community}, so every community's hubs are counted on one Prometheus, where two communities' hubs of the same name (prod) share a namespace and their users add up. Put {community} where each community's Prometheus differs, such as https://prometheus.{community}.example.org/."));
        }
    }

    private static void FreshdeskAddress(YamlMapping root, IReadOnlyDictionary<string, FieldLocation> locations, Action<string, SourceLocation, string> add)
    {
        if (root["freshdesk"] is not YamlMapping freshdesk)
            return;
        var domain = freshdesk.Find("domain");
        var baseUrl = freshdesk.Find("base_url");
        if (domain is null && baseUrl is null)
        {
            add("freshdesk", locations["freshdesk"].Key,
                "Say where the helpdesk is: \"domain: example\" for https://example.freshdesk.com, or its base_url.");
        }
        else if (domain is not null && baseUrl is not null)
        {
            add("freshdesk", locations["freshdesk"].Key,
                "Give either domain or base_url, not both: each names the whole helpdesk.");
        }
    }

    /// <summary>Two fields written to one property (or field, or label) would overwrite each other.</summary>
    private static void DistinctNames(
        string section, (string Field, string Default)[] defaults, string what, StringComparer comparer,
        IReadOnlyDictionary<string, FieldLocation> locations, Action<string, SourceLocation, string> add)
    {
        var written = defaults
            .Select(d => (d.Field, Path: $"{section}.{d.Field}"))
            .Where(d => locations.TryGetValue(d.Path, out var at) && at.Text is not null)
            .Select(d => (d.Field, d.Path, At: locations[d.Path]))
            .OrderBy(d => d.At.Value.Line)
            .ThenBy(d => d.At.Value.Column)
            .ToList();
        var owners = defaults
            .Where(d => written.All(w => w.Field != d.Field))
            .ToDictionary(d => d.Default, d => d.Field + " (by default)", comparer);
        foreach (var (field, path, at) in written)
        {
            if (owners.TryGetValue(at.Text!, out var owner))
                add(path, at.Value, $"\"{at.Text}\" is already the {what} for {owner}; each needs its own.");
            else
                owners[at.Text!] = field;
        }
    }

    /// <summary>
    /// heal and externally_managed name fields apply writes (<see cref="ServiceFields"/>); a field cannot be both the
    /// manifests' and people's.
    /// </summary>
    private static void OwnedFields(IReadOnlyDictionary<string, FieldLocation> locations, Action<string, SourceLocation, string> add)
    {
        var healed = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var list in new[] { "heal", "externally_managed" })
        {
            for (var i = 0; locations.TryGetValue($"{list}[{i}]", out var at); i++)
            {
                if (at.Text is not { } name)
                    continue;
                if (!ServiceFields.All.Contains(name, StringComparer.Ordinal))
                {
                    add($"{list}[{i}]", at.Value,
                        $"\"{name}\" is not a field apply writes; name one of {string.Join(", ", ServiceFields.All)}.");
                }
                else if (list == "heal")
                {
                    healed.TryAdd(name, at.Value);
                }
                else if (healed.TryGetValue(name, out var first))
                {
                    add($"{list}[{i}]", at.Value,
                        $"\"{name}\" is also in heal (line {first.Line}): a field is either the manifests' (heal) or people's (externally_managed); keep it in one list.");
                }
            }
        }
    }

    /// <summary>The columns are options of the status field; the iteration field must be another field.</summary>
    private static void ProjectFields(IReadOnlyDictionary<string, FieldLocation> locations, Action<string, SourceLocation, string> add)
    {
        const string iteration = "github.project.iteration_field";
        if (!locations.TryGetValue(iteration, out var at) || at.Text is not { } name)
            return;
        var status = locations.TryGetValue("github.project.status_field", out var statusAt) && statusAt.Text is { } text ? text : new BoardSettings("", 1).StatusField;
        if (string.Equals(name, status, StringComparison.OrdinalIgnoreCase))
            add(iteration, at.Value, $"\"{name}\" is the status field, whose options are the columns; name the project's iteration field, or leave this out.");
    }

    private static void DistinctItems(string field, StringComparer comparer, IReadOnlyDictionary<string, FieldLocation> locations, Action<string, SourceLocation, string> add)
    {
        var seen = new Dictionary<string, SourceLocation>(comparer);
        for (var i = 0; locations.TryGetValue($"{field}[{i}]", out var at); i++)
        {
            if (at.Text is null)
                continue;
            if (seen.TryGetValue(at.Text, out var first))
                add($"{field}[{i}]", at.Value, $"\"{at.Text}\" is listed twice (first on line {first.Line}); keep one.");
            else
                seen[at.Text] = at.Value;
        }
    }

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex MarkdownLink();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex ClusterName();
}

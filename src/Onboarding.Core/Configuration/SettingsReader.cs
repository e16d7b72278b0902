using System.Globalization;
using Onboarding.Core.Manifests;

namespace Onboarding.Core.Configuration;

/// <summary>
/// Reads <c>onboarding.yaml</c> into <see cref="OnboardingSettings"/>: the manifests' YAML safety checks, the embedded
/// <c>schemas/onboarding.schema.json</c>, then the rules a schema cannot say. Every problem is located; nothing throws.
/// </summary>
public static class SettingsReader
{
    public const string DefaultPath = "onboarding.yaml";

    private static readonly Lazy<SchemaValidator> Schema = new(() => new SchemaValidator(ReadEmbeddedSchema()));

    /// <returns>The settings (defaults for whatever the file leaves out), or null when the file has an error.</returns>
    public static (OnboardingSettings? Settings, IReadOnlyList<Problem> Problems) Read(SourceFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var (root, yamlProblems) = YamlReader.Read(file);
        var problems = yamlProblems.Select(Reword).ToList();
        if (root is null)
            return (null, problems);

        var locations = YamlJson.Locate(root);
        // A field the YAML reader already refused (an alias, a tag) would only get a second, confusing sentence.
        var flagged = problems.Select(p => p.Field).ToHashSet(StringComparer.Ordinal);
        var schemaProblems = Schema.Value.Validate(file.Path, root, locations).Where(p => !flagged.Contains(p.Field)).ToList();
        problems.AddRange(schemaProblems);
        flagged.UnionWith(schemaProblems.Select(p => p.Field));
        problems.AddRange(SettingsRules.Check(file.Path, root, locations, flagged));

        var sorted = problems.OrderBy(p => p.Location.Line).ThenBy(p => p.Location.Column).ToList();
        return sorted.Any(p => p.Severity == Severity.Error) ? (null, sorted) : (Bind(root), sorted);
    }

    internal static string ReadEmbeddedSchema()
    {
        using var stream = typeof(SettingsReader).Assembly.GetManifestResourceStream("onboarding.schema.json")
            ?? throw new InvalidOperationException("The configuration schema is not embedded in the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The YAML reader speaks of manifests; here the file is the configuration.</summary>
    private static Problem Reword(Problem problem)
    {
        var message = problem.Message;
        if (message.StartsWith("The file is empty.", StringComparison.Ordinal))
        {
            message = "The file is empty. Fill in at least hubspot, freshdesk and github, or delete the file to use the built-in defaults (the sandbox's values).";
        }
        else
        {
            message = message
                .Replace("\"name: tidepool\"", "\"hubspot:\"", StringComparison.Ordinal)
                .Replace("manifests do not", "the configuration does not", StringComparison.Ordinal)
                .Replace("a manifest", "the configuration", StringComparison.Ordinal);
        }

        return problem with { Message = message };
    }

    private static OnboardingSettings Bind(YamlMapping root)
    {
        var defaults = new OnboardingSettings();
        var hubSpot = root["hubspot"] as YamlMapping;
        var freshdesk = root["freshdesk"] as YamlMapping;
        var gitHub = root["github"] as YamlMapping;
        return new OnboardingSettings
        {
            HubSpot = BindHubSpot(hubSpot, defaults.HubSpot),
            Freshdesk = BindFreshdesk(freshdesk, defaults.Freshdesk),
            GitHub = BindGitHub(gitHub, defaults.GitHub),
            Turnup = BindTurnup(root["turnup"] as YamlMapping, defaults.Turnup),
            StaffUsers = Texts(root["staff_users"]) ?? defaults.StaffUsers,
            PrometheusUrl = Text(root, "prometheus_url") is { } template ? new PrometheusAddress(template) : defaults.PrometheusUrl,
            PrometheusSharedLogin = Texts(root["prometheus_shared_login"]) ?? defaults.PrometheusSharedLogin,
            GrafanaUrl = Url(root, "grafana_url") ?? defaults.GrafanaUrl,
            Heal = Texts(root["heal"]) ?? defaults.Heal,
            ExternallyManaged = Texts(root["externally_managed"]) ?? defaults.ExternallyManaged,
            RunMinutes = (int?)Number(root, "run_minutes") ?? defaults.RunMinutes,
        };
    }

    private static HubSpotSettings BindHubSpot(YamlMapping? section, HubSpotSettings defaults)
    {
        var properties = section?["properties"] as YamlMapping;
        var names = defaults.Properties;
        var labels = section?["association_labels"] as YamlMapping;
        return new HubSpotSettings
        {
            BaseUrl = Url(section, "base_url") ?? defaults.BaseUrl,
            CommunityObjectType = Text(section, "community_object_type") ?? defaults.CommunityObjectType,
            PortalId = Number(section, "portal_id") ?? defaults.PortalId,
            Properties = new CommunityPropertyNames
            {
                Name = Text(properties, "name") ?? names.Name,
                LongName = Text(properties, "long_name") ?? names.LongName,
                Website = Text(properties, "website") ?? names.Website,
                GitHubOrganization = Text(properties, "github_organization") ?? names.GitHubOrganization,
                Logo = Text(properties, "logo") ?? names.Logo,
                CommunityContext = Text(properties, "community_context") ?? names.CommunityContext,
                ManifestPath = Text(properties, "manifest_path") ?? names.ManifestPath,
                Hubs = Text(properties, "hubs") ?? names.Hubs,
                FirstValueDate = Text(properties, "first_value_date") ?? names.FirstValueDate,
                TimeToFirstValueDays = Text(properties, "time_to_first_value_days") ?? names.TimeToFirstValueDays,
                FirstValueHub = Text(properties, "first_value_hub") ?? names.FirstValueHub,
            },
            RepresentativeLabel = Text(labels, "representative") ?? defaults.RepresentativeLabel,
            TechnicalContactLabel = Text(labels, "technical_contact") ?? defaults.TechnicalContactLabel,
            AllowedDealStages = Texts(section?["allowed_deal_stages"]) ?? defaults.AllowedDealStages,
            DailyLimit = (int?)Number(section, "daily_limit") ?? defaults.DailyLimit,
            Share = Fraction(section, "share") ?? defaults.Share,
        };
    }

    private static FreshdeskSettings BindFreshdesk(YamlMapping? section, FreshdeskSettings defaults)
    {
        var fields = section?["company_fields"] as YamlMapping;
        return new FreshdeskSettings
        {
            Domain = Text(section, "domain") ?? defaults.Domain,
            BaseUrl = Url(section, "base_url") ?? defaults.BaseUrl,
            EmailConfigId = Number(section, "email_config_id") ?? defaults.EmailConfigId,
            // The schema allows only the plans' names.
            Plan = Enum.TryParse<FreshdeskPlan>(Text(section, "plan"), ignoreCase: true, out var plan) ? plan : defaults.Plan,
            Share = Fraction(section, "share") ?? defaults.Share,
            RepresentativesField = Text(fields, "representatives") ?? defaults.RepresentativesField,
            HubUrlsField = Text(fields, "hub_urls") ?? defaults.HubUrlsField,
            GrafanaUrlField = Text(fields, "grafana_url") ?? defaults.GrafanaUrlField,
        };
    }

    private static GitHubSettings BindGitHub(YamlMapping? section, GitHubSettings defaults) => new()
    {
        ApiUrl = Url(section, "api_url") ?? defaults.ApiUrl,
        InfrastructureRepository = Text(section, "infrastructure_repository") ?? defaults.InfrastructureRepository,
        TurnupLabels = Texts(section?["turnup_labels"]) ?? defaults.TurnupLabels,
        // The schema lets the @ be left out, because YAML needs quotes around a value that starts with one.
        BdTeam = Text(section, "bd_team") is { } team ? "@" + team.TrimStart('@') : defaults.BdTeam,
        Project = section?["project"] is YamlMapping project ? BindProject(project) : defaults.Project,
    };

    private static TurnupSettings BindTurnup(YamlMapping? section, TurnupSettings defaults) => new()
    {
        Questions = Map(section?["questions"] as YamlMapping) ?? defaults.Questions,
        SharedClusters = Map(section?["shared_clusters"] as YamlMapping) ?? defaults.SharedClusters,
        Templates = BindTemplates(section?["templates"] as YamlMapping, defaults.Templates),
    };

    private static TurnupTemplateFiles BindTemplates(YamlMapping? section, TurnupTemplateFiles defaults) => new()
    {
        SyncChat = Text(section, "sync_chat") ?? defaults.SyncChat,
        CloudAccount = Text(section, "cloud_account") ?? defaults.CloudAccount,
        Cluster = Text(section, "cluster") ?? defaults.Cluster,
        HubSetup = Text(section, "hub_setup") ?? defaults.HubSetup,
        Decommission = Text(section, "decommission") ?? defaults.Decommission,
        Copy = Text(section, "copy") is { } copy ? copy.Trim('/') : defaults.Copy,
    };

    /// <summary>A mapping of names to text, in the file's order; null when the section is not there.</summary>
    private static Dictionary<string, string>? Map(YamlMapping? mapping) =>
        mapping?.Entries
            .Where(e => e.Value is YamlScalar { IsNull: false })
            .ToDictionary(e => e.Key.Value, e => ((YamlScalar)e.Value).Value, StringComparer.Ordinal);

    /// <summary>The schema requires owner, number and column.</summary>
    private static BoardSettings BindProject(YamlMapping section)
    {
        var phases = section["phase_columns"] as YamlMapping;
        var defaults = new BoardSettings(Text(section, "owner")!, (int)Number(section, "number")!.Value);
        return defaults with
        {
            StatusField = Text(section, "status_field") ?? defaults.StatusField,
            Column = Text(section, "column") ?? defaults.Column,
            WaitingColumn = Text(section, "waiting_column"),
            IterationField = Text(section, "iteration_field"),
            PhaseColumns = Enumerable.Range(0, 4)
                .Where(phase => Text(phases, $"phase_{phase}") is not null)
                .ToDictionary(phase => phase, phase => Text(phases, $"phase_{phase}")!),
        };
    }

    private static string? Text(YamlMapping? mapping, string key) =>
        mapping?[key] is YamlScalar { IsNull: false } scalar ? scalar.Value : null;

    private static long? Number(YamlMapping? mapping, string key) =>
        long.TryParse(Text(mapping, key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A number such as 0.5 (the rules checked its range).</summary>
    internal static double? Fraction(YamlMapping? mapping, string key) =>
        double.TryParse(Text(mapping, key), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A base address; relative paths resolve under it only when it ends with a slash.</summary>
    private static Uri? Url(YamlMapping? mapping, string key) =>
        Text(mapping, key) is { } text && Uri.TryCreate(text, UriKind.Absolute, out var uri)
            ? uri.AbsolutePath.EndsWith('/') ? uri : new UriBuilder(uri) { Path = uri.AbsolutePath + "/" }.Uri
            : null;

    private static List<string>? Texts(YamlNode? node) =>
        node is YamlSequence sequence ? [.. sequence.Items.OfType<YamlScalar>().Where(s => !s.IsNull).Select(s => s.Value)] : null;
}

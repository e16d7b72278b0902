using Onboarding.Core.Resources;

namespace Onboarding.Core.Turnup;

/// <summary>
/// Which manifest value answers which row of the templates' Question | Answer | Notes tables. Rows are matched by the
/// question a reader sees (<see cref="QuestionTables.Visible"/>: case, spacing, code marks and link addresses do not
/// matter), so a reworded template question needs one line in <c>onboarding.yaml</c> (<c>turnup.questions</c>), not
/// a change to the program. Values named <c>hub.*</c> answer a hub's own section of phase 3; the others answer
/// anywhere.
/// </summary>
public static class TurnupQuestions
{
    /// <summary>Maps a question to no answer: the row stays as the template has it.</summary>
    public const string None = "none";

    /// <summary>Every value a question can be mapped to, with what it answers.</summary>
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["cloud.provider"] = "The dedicated cluster's cloud provider (AWS, GCP, …).",
        ["cloud.billing"] = "Whether 2i2c pays the cloud bill (Yes) or the community does (No).",
        ["cloud.account_name"] = "The cloud account's name, and who controls it.",
        ["representatives"] = "The community representatives' GitHub handles, or emails.",
        ["technical_contacts"] = "The technical contacts, to add where the team records them (answered No: the program adds them nowhere else).",
        ["deals"] = "The HubSpot deal links, with their stages.",
        ["cluster.region"] = "The dedicated cluster's region.",
        ["cluster.name"] = "The cluster's name.",
        ["cluster.gpus"] = "Whether any hub of the request on the cluster needs GPUs.",
        ["hub.name"] = "The hub's name.",
        ["hub.dask"] = "Whether the hub offers a Dask gateway.",
        ["hub.splash_image"] = "The community's logo, shown on the hub's login page.",
        ["hub.homepage"] = "The community's website.",
        ["hub.funded_by"] = "Who funds the hub.",
        ["hub.auth"] = "How people sign in, and which organisations may.",
        ["hub.admins"] = "The hub's administrators.",
        ["hub.scratch_bucket"] = "Whether the hub has a scratch bucket.",
        ["hub.persistent_bucket"] = "Whether the hub has a persistent bucket.",
        ["hub.requester_pays"] = "Whether users may read requester-pays buckets (GCP only).",
        ["hub.scoped_credentials"] = "Whether users get scoped GitHub credentials (gh-scoped-creds).",
        ["hub.pangeo"] = "Whether the Pangeo notebook image is offered.",
        ["hub.rstudio"] = "Whether the RStudio (Rocker) image is offered.",
        ["hub.any_image"] = "Whether users may start any image they name.",
        ["hub.max_ram"] = "The largest resource allocation choice, with the command that generates the choices.",
        ["hub.dynamic_image_building"] = "Whether users may build images from a repository.",
        ["hub.gpu"] = "Whether the hub offers GPUs, of which type and to whom.",
        ["hub.default_interface"] = "What a server opens in.",
        ["hub.named_servers"] = "Whether a user may run several servers at once.",
        ["hub.github_teams"] = "The GitHub teams that may sign in (GitHub sign-in only).",
        ["hub.team_profiles"] = "Whether some server options are for some teams only.",
        ["hub.institutions"] = "The institutions people sign in through (CILogon only).",
        ["hub.custom_image"] = "The hub's own image.",
        ["hub.custom_image_default"] = "Whether the hub's own image is the default choice.",
        [None] = "Nothing: the row stays as the template has it.",
    };

    /// <summary>The questions of the current templates (phases 1 to 3), each with the value that answers it.</summary>
    public static IReadOnlyDictionary<string, string> BuiltIn { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Cloud Provider"] = "cloud.provider",
        ["Will 2i2c pay for cloud costs?"] = "cloud.billing",
        ["Name of cloud account"] = "cloud.account_name",
        ["Community Representative(s) (GitHub handles or email)"] = "representatives",
        ["Have the Technical Contacts been added to the AirTable?"] = "technical_contacts",
        ["Hubspot Deal URL"] = "deals",
        ["Region/Zone of the cluster"] = "cluster.region",
        ["Name of the cluster"] = "cluster.name",
        ["Are GPUs required?"] = "cluster.gpus",
        ["Name of the hub"] = "hub.name",
        ["Dask gateway?"] = "hub.dask",
        ["Splash image URL"] = "hub.splash_image",
        ["Homepage URL"] = "hub.homepage",
        ["Funded by?"] = "hub.funded_by",
        ["Authentication Mechanism"] = "hub.auth",
        ["Admin Users (GitHub handles or emails, depending on Mechanism)"] = "hub.admins",
        ["Scratch bucket enabled?"] = "hub.scratch_bucket",
        ["Persistent bucket enabled?"] = "hub.persistent_bucket",
        ["Requester pays requests to external buckets allowed? (GCP only)"] = "hub.requester_pays",
        ["gh-scoped-creds setup?"] = "hub.scoped_credentials",
        ["Pangeo Notebook?"] = "hub.pangeo",
        ["RStudio (with Rocker)?"] = "hub.rstudio",
        ["Allow users to specify any image they want to use?"] = "hub.any_image",
        ["Max RAM option allowed"] = "hub.max_ram",
        ["Dynamic Image Building?"] = "hub.dynamic_image_building",
        ["GPU enabled?"] = "hub.gpu",
        ["Default Interface"] = "hub.default_interface",
        ["Allow multiple concurrent servers per user?"] = "hub.named_servers",
        ["List of GitHub Teams to be granted access"] = "hub.github_teams",
        ["Profile options restricted via teams?"] = "hub.team_profiles",
        ["Institution id to be given access"] = "hub.institutions",
        ["Custom image to be specified?"] = "hub.custom_image",
        ["Custom image to be default?"] = "hub.custom_image_default",
    };

    /// <summary>The built-in map with <paramref name="overrides"/> (from <c>turnup.questions</c>) laid over it: a question
    /// given there, however it is spelt, takes the value given there.</summary>
    public static IReadOnlyDictionary<string, string> Map(IReadOnlyDictionary<string, string> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (question, value) in BuiltIn.Concat(overrides))
            map[QuestionTables.Visible(question)] = value;
        return map;
    }

    /// <summary>Whether the value answers a hub's own section only.</summary>
    public static bool IsPerHub(string value) => value.StartsWith("hub.", StringComparison.Ordinal);

    /// <summary>The answer <paramref name="value"/> gives for the issue about <paramref name="hubs"/> on <paramref name="cluster"/>,
    /// within <paramref name="hub"/>'s section when given; an empty answer leaves the row as the template has it.</summary>
    internal static TableAnswer Answer(string value, TurnupFacts facts, ResolvedCluster cluster, IReadOnlyList<ResolvedHub> hubs, ResolvedHub? hub)
    {
        var community = facts.Community;
        if (IsPerHub(value) && hub is null)
            return Unanswered;
        return value switch
        {
            "cloud.provider" => From(facts.Cloud.Provider, p => CellText.Text(ProviderName(p))),
            "cloud.billing" => From(facts.Cloud.Billing, b => CellText.Text(b == "2i2c-pays" ? "Yes" : "No"), Billing(facts.Cloud.Billing.Value)),
            "cloud.account_name" => AccountName(facts.Cloud),
            "representatives" => new TableAnswer(
                CellText.Join("; ", community.Representatives.Select(p => CellText.Text(string.IsNullOrWhiteSpace(p.GitHub) ? p.Email : p.GitHub))),
                CellText.Join("; ", community.Representatives.Select(p => CellText.Text(p.Name)))),
            "technical_contacts" => new TableAnswer(
                CellText.Text("No"),
                community.TechnicalContacts.Count == 0
                    ? CellText.Text("None recorded yet; the community representatives are asked for one")
                    : CellText.Join(": ", [CellText.Text("To add"), CellText.Join("; ", community.TechnicalContacts.Select(People))])),
            "deals" => Deals(facts),
            "cluster.region" => cluster.Dedicated ? From(facts.Cloud.Region, r => CellText.Text(r)) : Unanswered,
            "cluster.name" => new TableAnswer(CellText.Text(cluster.Name), CellText.Text(cluster.Dedicated ? "The community's own cluster, named after it" : "A shared cluster")),
            "cluster.gpus" => ClusterGpus(hubs),
            "hub.name" => TableAnswer.Of(hub!.Hub.Name, hub.Hub.Domain),
            "hub.dask" => From(hub!.Dask, YesNo),
            "hub.splash_image" => new TableAnswer(CellText.Url(community.Logo), CellText.Empty),
            "hub.homepage" => new TableAnswer(CellText.Url(community.Website), CellText.Empty),
            "hub.funded_by" => From(hub!.FundedBy, f => CellText.Text(f)),
            "hub.auth" => From(hub!.AuthMethod, m => CellText.Text(AuthName(m)),
                hub.Organizations.Count > 0 ? CellText.Join(" ", [CellText.Text("Members of"), CellText.Join(", ", hub.Organizations.Select(o => CellText.Text(o)))]) : CellText.Empty),
            "hub.admins" => From(hub!.Admins, a => CellText.Join(", ", a.Select(x => CellText.Text(x)))),
            "hub.scratch_bucket" => From(hub!.ScratchBucket, YesNo),
            "hub.persistent_bucket" => From(hub!.PersistentBucket, YesNo),
            "hub.requester_pays" => hub!.RequesterPays is { } pays
                ? From(pays, YesNo)
                : TableAnswer.Of("No", $"GCP only; the cluster runs on {ProviderName(hub.Cluster.Provider ?? "another cloud")}"),
            "hub.scoped_credentials" => From(hub!.ScopedCredentials, YesNo),
            "hub.pangeo" => Image(hub!, "pangeo", "pangeo/pangeo-notebook"),
            "hub.rstudio" => Image(hub!, "rstudio", "rocker/binder"),
            "hub.any_image" => From(hub!.AnyImage, YesNo),
            "hub.max_ram" => MaxRam(hub!),
            "hub.dynamic_image_building" => From(hub!.DynamicImageBuilding, YesNo),
            "hub.gpu" => From(hub!.Gpu, YesNo, Gpu(hub)),
            "hub.default_interface" => From(hub!.DefaultInterface, i => CellText.Text(InterfaceName(i)), i => i == "rstudio" ? CellText.Text("RStudio") : CellText.Empty),
            "hub.named_servers" => From(hub!.NamedServers, YesNo),
            "hub.github_teams" => GitHubTeams(hub!),
            "hub.team_profiles" => TeamProfiles(hub!),
            "hub.institutions" => Institutions(hub!),
            "hub.custom_image" => string.IsNullOrWhiteSpace(hub!.Hub.Image)
                ? TableAnswer.Of("No")
                : new TableAnswer(CellText.Text("Yes"), CellText.Code(hub.Hub.Image)),
            "hub.custom_image_default" => hub!.CustomImageDefault is { } isDefault ? From(isDefault, YesNo) : TableAnswer.Of("No", "The hub has no image of its own"),
            _ => Unanswered,
        };
    }

    /// <summary>A provider as people write it: AWS, GCP, Azure, Jetstream2.</summary>
    public static string ProviderName(string provider) => provider.ToLowerInvariant() switch
    {
        "aws" => "AWS",
        "gcp" => "GCP",
        "azure" => "Azure",
        "jetstream2" => "Jetstream2",
        _ => provider,
    };

    /// <summary>A sign-in method as people write it.</summary>
    public static string AuthName(string method) => method switch
    {
        "github" => "GitHub",
        "cilogon" => "CILogon",
        "cilogon-allowlist" => "CILogon (allowlist)",
        "shared-password" => "Shared password",
        "none" => "None",
        _ => method,
    };

    private static TableAnswer Unanswered { get; } = new(CellText.Empty, CellText.Empty);

    private static TableAnswer From<T>(Sourced<T> value, Func<T, CellText> answer, CellText? notes = null) =>
        From(value, answer, _ => notes ?? CellText.Empty);

    private static TableAnswer From<T>(Sourced<T> value, Func<T, CellText> answer, Func<T, CellText> notes)
    {
        var said = notes(value.Value);
        if (value.From == Provenance.Configurator)
            said = CellText.Join("; ", [CellText.Text(TurnupRenderer.ConfiguratorNote), said]);
        return new TableAnswer(answer(value.Value), said, value.IsAssumed);
    }

    private static CellText YesNo(bool value) => CellText.Text(value ? "Yes" : "No");

    private static CellText Billing(string billing) => CellText.Text(billing switch
    {
        "2i2c-pays" => "2i2c pays the cloud provider and passes the cost through (2i2c-pays)",
        "community-pays" => "The community pays the cloud provider directly (community-pays)",
        _ => billing,
    });

    private static TableAnswer AccountName(ResolvedCloud cloud)
    {
        var control = CellText.Text($"Controlled by {cloud.Account.Value switch
        {
            "2i2c-managed" => "2i2c",
            "community-managed" => "the community",
            "community-managed-agreement" => "the community, under an agreement with 2i2c",
            "cloudbank" => "CloudBank",
            _ => cloud.Account.Value,
        }} ({cloud.Account.Value}{(cloud.Account.IsAssumed ? ", assumed" : "")})");
        return cloud.AccountName is { } name
            ? new TableAnswer(CellText.Text(name.Value), control, name.IsAssumed)
            : new TableAnswer(CellText.Empty, control);
    }

    private static CellText People(Manifests.Person person) =>
        CellText.Join(" ", [CellText.Text(person.Name), CellText.Text("(" + person.Email + (string.IsNullOrWhiteSpace(person.GitHub) ? "" : ", GitHub " + person.GitHub) + ")")]);

    private static TableAnswer Deals(TurnupFacts facts)
    {
        var settings = facts.Settings.HubSpot;
        var deals = facts.Deals.Count > 0
            ? facts.Deals
            : [.. facts.Community.Deals.Select(id => new DealFact(id, null, null, false, false))];
        var links = CellText.Join("; ", deals.Select(d => CellText.Link(d.Id, settings.DealUrl(d.Id))));
        var stages = CellText.Join("; ", deals.Select(d => CellText.Text(
            $"{d.Id}: {d.Name ?? "(name not read)"}, {(d.StageLabel is null ? d.Name is null ? "stage not read (live checks skipped)" : "stage unknown" : d.StageLabel + (d.InAllowedStage ? " (allowed)" : " (not an allowed stage)"))}")));
        return new TableAnswer(links, stages);
    }

    private static TableAnswer ClusterGpus(IReadOnlyList<ResolvedHub> hubs)
    {
        var withGpu = hubs.Where(h => h.Gpu.Value).ToList();
        var answer = CellText.Text(withGpu.Count > 0 ? "Yes" : "No");
        var notes = CellText.Join("; ", withGpu.Select(h => CellText.Join(": ", [CellText.Text(h.Hub.Name), Gpu(h)])));
        var assumed = withGpu.Count == 0 && hubs.Count > 0 && hubs.All(h => h.Gpu.IsAssumed);
        return new TableAnswer(answer, notes, assumed);
    }

    private static CellText Gpu(ResolvedHub hub)
    {
        if (!hub.Gpu.Value || hub.Hub.Gpu is not { } gpu)
            return CellText.Empty;
        return CellText.Text((string.IsNullOrWhiteSpace(gpu.Type) ? "" : gpu.Type + ", ") + "for team " + gpu.Team);
    }

    private static TableAnswer Image(ResolvedHub hub, string name, string image) =>
        From(hub.Images, images => YesNo(images.Contains(name, StringComparer.Ordinal)), images => images.Contains(name, StringComparer.Ordinal) ? CellText.Code(image) : CellText.Empty);

    private static TableAnswer MaxRam(ResolvedHub hub)
    {
        var result = ResourceChoices.Generate(hub.Resources.Value);
        if (!result.IsValid || result.Choices.Count == 0)
            return Unanswered;
        var largest = result.Choices.MaxBy(c => c.MemLimit)!;
        return new TableAnswer(
            CellText.Text(largest.DisplayName),
            CellText.Code(DeployerCommands.ResourceAllocation(hub.Resources.Value)),
            hub.Resources.IsAssumed);
    }

    private static string InterfaceName(string value) => value switch
    {
        "jupyterlab" => "JupyterLab",
        "classic" => "Classic",
        _ => "Other",
    };

    private static bool IsGitHub(ResolvedHub hub) => hub.AuthMethod.Value.StartsWith("github", StringComparison.OrdinalIgnoreCase);

    private static TableAnswer GitHubTeams(ResolvedHub hub)
    {
        if (!IsGitHub(hub))
            return TableAnswer.Of("Not applicable", "Sign-in is not through GitHub");
        if (hub.Teams.Count > 0)
            return new TableAnswer(CellText.Join(", ", hub.Teams.Select(t => CellText.Text(t))), CellText.Empty);
        return new TableAnswer(
            CellText.Text("None"),
            hub.Organizations.Count > 0 ? CellText.Join(" ", [CellText.Text("Every member of"), CellText.Join(", ", hub.Organizations.Select(o => CellText.Text(o)))]) : CellText.Empty);
    }

    private static TableAnswer TeamProfiles(ResolvedHub hub)
    {
        if (hub.Gpu.Value && hub.Hub.Gpu is { } gpu)
            return TableAnswer.Of("Yes", $"GPU server options only for team {gpu.Team}");
        return IsGitHub(hub) ? TableAnswer.Of("No") : TableAnswer.Of("NA", "Sign-in is not through GitHub");
    }

    private static TableAnswer Institutions(ResolvedHub hub)
    {
        if (hub.Institutions.Count > 0)
            return new TableAnswer(CellText.Join(", ", hub.Institutions.Select(i => CellText.Text(i))), CellText.Empty);
        return hub.AuthMethod.Value.StartsWith("cilogon", StringComparison.OrdinalIgnoreCase)
            ? Unanswered
            : TableAnswer.Of("Not applicable", "Sign-in is not through CILogon");
    }
}

using System.Security.Cryptography;
using System.Text;
using Onboarding.Core.Configuration;
using Onboarding.Core.Configurator;
using Onboarding.Core.Manifests;
using Onboarding.Core.Resources;
using Onboarding.Core.Text;
using Onboarding.Core.Turnup;

namespace Onboarding.Core.Planning;

/// <summary>
/// Computes what the services should hold for one community from its manifest, its configurator link and what is
/// known of its deals. Biased towards action: what can change after deployment gets a stated default (an
/// <see cref="Assumption"/>); only what truly blocks becomes a <see cref="Blocker"/>.
/// </summary>
public static class DesiredStateBuilder
{
    /// <summary>A hub deployed longer ago than this is not announced: it was live before this program knew it.</summary>
    public const int AnnounceWithinDays = 30;

    /// <param name="templates">The infrastructure repository's issue templates the turnup issues are filled in from.</param>
    /// <param name="today">For "is this deployment recent"; without it no hub-available email is due.</param>
    /// <param name="missingInformationTicket">The open Freshdesk ticket that asks for the missing information, once a
    /// run has found it; the issues it concerns link to it.</param>
    public static DesiredCommunity Build(
        ManifestDocument document,
        IReadOnlyList<DealFact> deals,
        bool dealsChecked,
        OnboardingSettings settings,
        TurnupTemplateSet templates,
        DateOnly? today = null,
        Uri? missingInformationTicket = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(templates);
        var community = document.Community;
        var assumptions = new List<Assumption>();
        var blockers = new List<Blocker>();
        var configurator = community.Configurator is { } link ? HubConfigurator.Read(link).Selections : null;

        if (dealsChecked && !deals.Any(d => d.InAllowedStage))
        {
            var stages = string.Join(" or ", settings.HubSpot.AllowedDealStages);
            blockers.Add(new Blocker("deals", $"No deal of this community is in an allowed stage ({stages}); turnup issues wait for one.", Gate: true));
        }

        if (community.TechnicalContacts.Count == 0)
        {
            blockers.Add(new Blocker("technical_contacts",
                "Who should we tell about changes to your infrastructure, and when your hub is ready? Please send the name and email address of at least one technical contact."));
        }

        // The cloud section describes the community's own cluster; a community whose hubs all run on shared clusters
        // needs no assumption about it.
        var dedicatedHubs = community.Hubs.Where(h => h.Cluster is null).ToList();
        var cloud = ResolveCloud(community, configurator, dedicatedHubs.Count > 0 ? assumptions : []);
        var dedicated = new ResolvedCluster(community.Name, Dedicated: true, cloud.Provider.Value, Live: dedicatedHubs.Any(h => h.Status == HubStatus.Deployed));
        if (cloud.AccountName is null && cloud.Account.Value == "2i2c-managed" && !dedicated.Live && dedicatedHubs.Any(h => h.Status == HubStatus.Requested))
        {
            cloud = cloud with { AccountName = new Sourced<string>(community.Name, Provenance.Default) };
            assumptions.Add(new Assumption("cloud.account_name", community.Name, "2i2c names the account it creates after the community"));
        }

        var hubs = community.Hubs.Select((hub, i) => ResolveHub(document, hub, i, ClusterOf(hub, dedicated, settings), configurator, assumptions, blockers)).ToList();
        var missingInformation = MissingInformation(community, blockers);
        var facts = new TurnupFacts(community, document.Path, cloud, hubs, deals, configurator, assumptions, blockers, settings)
        {
            AsksCommunity = missingInformation is not null,
            MissingInformationTicket = missingInformation is null ? null : missingInformationTicket,
        };
        var turnup = TurnupRenderer.Render(facts, templates);

        return new DesiredCommunity(
            community.Name,
            document.Path,
            HubSpotProperties(community, document.Path, settings.HubSpot.Properties),
            Contacts(community, settings),
            community.Deals,
            FreshdeskCompanyFields(community, settings),
            turnup.Issues,
            assumptions,
            blockers,
            missingInformation)
        {
            TurnupProblems = turnup.Problems,
            RequestRecipient = community.Representatives.Count > 0 ? community.Representatives[0].Email.ToLowerInvariant() : null,
            Emails = today is { } day ? [.. hubs.Select(h => HubAvailable(community, h, day)).OfType<DesiredEmail>()] : [],
            Deliveries = today is { } when ? [.. hubs.Select(h => Delivery(community, h, when, settings)).OfType<DesiredDelivery>()] : [],
        };
    }

    private static bool RecentlyDeployed(Hub hub, DateOnly today) =>
        hub.Status == HubStatus.Deployed && hub.Url is not null && hub.Deployed is { } deployed && deployed >= today.AddDays(-AnnounceWithinDays);

    /// <summary>BD learns of a recently deployed hub in HubSpot (a note) and on the turnup issue (a comment that mentions the team).</summary>
    private static DesiredDelivery? Delivery(Community community, ResolvedHub resolved, DateOnly today, OnboardingSettings settings)
    {
        var hub = resolved.Hub;
        if (!RecentlyDeployed(hub, today))
            return null;
        // Names are lowercase letters, digits and hyphens: the key reads the same as text and inside HTML.
        var key = $"onboarding:delivered community={community.Name} hub={hub.Name}";
        var marker = $"<!-- {key} -->";
        var note = $"<p>The {System.Net.WebUtility.HtmlEncode(hub.Name)} hub of {System.Net.WebUtility.HtmlEncode(Plain(community.LongName))} was delivered on {hub.Deployed:yyyy-MM-dd}: "
            + $"{System.Net.WebUtility.HtmlEncode(hub.Url)}. The technical contacts were emailed that it is ready.</p><p>{key}</p>";
        var comment = $"{marker}\n{settings.GitHub.BdTeam}: the {MarkdownText.Inline(hub.Name)} hub of {MarkdownText.Inline(community.LongName)} was delivered on {hub.Deployed:yyyy-MM-dd} "
            + $"({MarkdownText.Url(hub.Url)}). Please confirm First Value on the engagement dashboard in the coming weeks.";
        return new DesiredDelivery(hub.Name, marker, key, note, comment, today);
    }

    /// <summary>
    /// "Your hub is ready", to the technical contacts, for a hub deployed in the last <see cref="AnnounceWithinDays"/>
    /// days. Every value from the manifest is escaped before Markdig renders it (raw HTML disabled).
    /// </summary>
    private static DesiredEmail? HubAvailable(Community community, ResolvedHub resolved, DateOnly today)
    {
        var hub = resolved.Hub;
        if (!RecentlyDeployed(hub, today) || community.TechnicalContacts.Count == 0)
            return null;

        var to = community.TechnicalContacts.Select(c => c.Email.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        var signIn = resolved.AuthMethod.Value switch
        {
            "github" => $"with their GitHub account{(resolved.Organizations.Count + resolved.Teams.Count > 0 ? $", as members of {string.Join(", ", resolved.Organizations.Concat(resolved.Teams))}" : "")}",
            "cilogon" => $"with their institution's account through CILogon{(resolved.Institutions.Count > 0 ? $" ({string.Join(", ", resolved.Institutions)})" : "")}",
            "cilogon-allowlist" => "with their institution's account through CILogon, once an administrator has added them",
            "shared-password" => "with the shared password your administrators hold",
            _ => "without signing in",
        };
        var markdown = new StringBuilder()
            .AppendLine($"Hello,")
            .AppendLine()
            .AppendLine($"The {MarkdownText.Inline(hub.Name)} hub of {MarkdownText.Inline(community.LongName)} is ready: {MarkdownText.Url(hub.Url)}")
            .AppendLine()
            .AppendLine($"- **Signing in**: people sign in {MarkdownText.Inline(signIn)}.")
            .AppendLine($"- **Administrators**: {(resolved.Admins.Value.Count == 0 ? "none yet" : MarkdownText.Inline(string.Join(", ", resolved.Admins.Value)))}. They can add users and change settings from the hub's admin page.")
            .AppendLine("- **Support**: reply to this email; it reaches our support desk.")
            .AppendLine()
            .AppendLine("Thank you for working with us.");
        var key = HelpdeskTags.HubReadyKey(community.Name, hub.Name);
        return new DesiredEmail(
            HelpdeskTags.HubReady(community.Name, hub.Name),
            hub.Name,
            to[0],
            [.. to.Skip(1)],
            $"Your {hub.Name} hub is ready ({Plain(community.LongName)})",
            MarkdownText.Html(markdown.ToString()) + HelpdeskTags.Reference(key))
        {
            Key = key,
        };
    }

    private static ResolvedCloud ResolveCloud(Community community, ConfiguratorSelections? configurator, List<Assumption> assumptions)
    {
        var provider = Pick(community.Cloud.Provider, FromConfigurator(configurator, "cluster:provider")?.ToLowerInvariant(), "aws",
            "cloud.provider", "the provider most communities use", assumptions);
        var defaultRegion = provider.Value switch
        {
            "gcp" => "us-central1",
            "azure" => "eastus",
            _ => "us-west-2",
        };
        var region = Pick(community.Cloud.Region, null, defaultRegion, "cloud.region", $"the usual {provider.Value} region; move it next to the community's data if they tell us where it is", assumptions);
        var account = Pick(community.Cloud.Account, FromConfigurator(configurator, "cluster:account")?.ToLowerInvariant(), "2i2c-managed",
            "cloud.account", "2i2c operates an account it controls", assumptions);
        var billing = Pick(community.Cloud.Billing, FromConfigurator(configurator, "cluster:billing"), "2i2c-pays",
            "cloud.billing", "2i2c pays the cloud bill and passes the cost through", assumptions);
        return new ResolvedCloud(provider, region, account, billing, community.Cloud.AccountName is { } name ? new Sourced<string>(name, Provenance.Manifest) : null);
    }

    /// <summary>The hub's cluster: a shared one by its name (its provider from the configuration), or the community's own.</summary>
    private static ResolvedCluster ClusterOf(Hub hub, ResolvedCluster dedicated, OnboardingSettings settings) =>
        hub.Cluster is { } shared
            ? new ResolvedCluster(shared, Dedicated: false, settings.Turnup.SharedClusters.GetValueOrDefault(shared), Live: true)
            : dedicated;

    private static ResolvedHub ResolveHub(
        ManifestDocument document, Hub hub, int index, ResolvedCluster cluster, ConfiguratorSelections? configurator, List<Assumption> assumptions, List<Blocker> blockers)
    {
        var community = document.Community;
        var prefix = $"hubs[{index}]";
        var method = Pick(hub.Auth?.Method, AuthFromConfigurator(FromConfigurator(configurator, "signin:auth")), "github",
            $"{prefix}.auth.method", "GitHub sign-in against the community's organisation", assumptions);

        var organizations = hub.Auth?.Organizations ?? [];
        if (method.Value == "github" && organizations.Count == 0 && (hub.Auth?.Teams.Count ?? 0) == 0)
        {
            if (OrganizationOf(community.GitHubOrganization) is { } organization)
            {
                organizations = [organization];
                assumptions.Add(new Assumption($"{prefix}.auth.organizations", organization, "members of the community's GitHub organisation may sign in"));
            }
            else
            {
                blockers.Add(new Blocker($"{prefix}.auth.organizations",
                    $"Which GitHub organisation (or teams) should be allowed to sign in to the {hub.Name} hub?"));
            }
        }

        var institutions = hub.Auth?.Institutions ?? [];
        if (method.Value == "cilogon" && institutions.Count == 0)
        {
            blockers.Add(new Blocker($"{prefix}.auth.institutions",
                $"Which institutions should people sign in through for the {hub.Name} hub? Please send each institution's web domain."));
        }

        Sourced<IReadOnlyList<string>> admins = new(hub.Auth?.Admins ?? [], Provenance.Manifest);
        if (admins.Value.Count == 0)
        {
            admins = new(method.Value == "github"
                ? [.. community.Representatives.Select(r => r.GitHub).OfType<string>()]
                : [.. community.Representatives.Select(r => r.Email)], Provenance.Default);
            if (admins.Value.Count > 0)
                assumptions.Add(new Assumption($"{prefix}.auth.admins", string.Join(", ", admins.Value), "the community representatives administer the hub"));
            else
                blockers.Add(new Blocker($"{prefix}.auth.admins", $"Who should administer the {hub.Name} hub? Please send their GitHub user names."));
        }

        var defaultSpec = cluster.Provider == "gcp" ? "n2-highmem-4:4" : ResourceChoices.DefaultSpec;
        Sourced<IReadOnlyList<string>> resources = hub.Resources.Count > 0
            ? new(hub.Resources, Provenance.Manifest)
            : new([defaultSpec], Provenance.Default);
        if (resources.IsAssumed)
            assumptions.Add(new Assumption($"{prefix}.resources", defaultSpec, "four sizes of user server up to a whole node"));

        var gpu = hub.Gpu is not null
            ? new Sourced<bool>(true, Provenance.Manifest)
            : FromConfigurator(configurator, "hub:gpu") is { } gpuChoice && gpuChoice != "None"
                ? new Sourced<bool>(true, Provenance.Configurator)
                : new Sourced<bool>(false, Provenance.Default);
        if (gpu.From == Provenance.Configurator)
        {
            blockers.Add(new Blocker($"{prefix}.gpu.team",
                $"The Hub Configurator asks for GPUs on the {hub.Name} hub: which team (GitHub organisation:team) may use them?"));
        }

        var dask = Flag(hub.Dask, FromConfigurator(configurator, "hub:dask") is { } d ? d == "Enabled" : null, false);
        var scratch = Flag(hub.Buckets?.Scratch, IsIncluded(configurator, "obj:scratch"), true);
        var persistent = Flag(hub.Buckets?.Persistent, IsIncluded(configurator, "obj:persistent"), false);
        var choices = ResourceChoices.Generate(resources.Value, markDefault: true);

        // What phase 3 asks beyond that. Only a hub being set up states its defaults: a running hub's are not asked about.
        var stated = hub.Status == HubStatus.Requested ? assumptions : [];
        var profiles = hub.Profiles;
        Sourced<IReadOnlyList<string>> images = document.Locations.ContainsKey($"{prefix}.profiles.images")
            ? new(profiles?.Images ?? [], Provenance.Manifest)
            : Defaulted<IReadOnlyList<string>>([], $"{prefix}.profiles.images", "none", "only the hub's own image (or the standard one) until the community asks for others", stated);
        Sourced<bool>? requesterPays = cluster.Provider == "gcp" || hub.Buckets?.RequesterPays is not null
            ? Stated(hub.Buckets?.RequesterPays, null, false, $"{prefix}.buckets.requester_pays", "other owners' requester-pays buckets stay closed until asked for", stated)
            : null;
        Sourced<bool>? customImageDefault = string.IsNullOrWhiteSpace(hub.Image)
            ? null
            : Stated(profiles?.CustomImageDefault, null, true, $"{prefix}.profiles.custom_image_default", "the community's own image is what users start by default", stated);

        return new ResolvedHub
        {
            Hub = hub,
            Index = index,
            Cluster = cluster,
            AuthMethod = method,
            Organizations = organizations,
            Teams = hub.Auth?.Teams ?? [],
            Institutions = institutions,
            Admins = admins,
            Resources = resources,
            ResourceChoicesYaml = choices.IsValid ? ResourceChoices.ToYaml(choices.Choices) : "",
            Dask = dask,
            Gpu = gpu,
            ScratchBucket = scratch,
            PersistentBucket = persistent,
            RequesterPays = requesterPays,
            ScopedCredentials = Stated(hub.ScopedCredentials, null, false, $"{prefix}.scoped_credentials", "no GitHub credentials on the hub until asked for", stated),
            Images = images,
            AnyImage = Stated(profiles?.AnyImage, null, false, $"{prefix}.profiles.any_image", "users start the images offered", stated),
            DefaultInterface = Assumed(profiles?.DefaultInterface, $"{prefix}.profiles.default_interface", "jupyterlab", "JupyterLab is what most communities use", stated),
            NamedServers = Stated(profiles?.NamedServers, null, false, $"{prefix}.profiles.named_servers", "one server per user", stated),
            CustomImageDefault = customImageDefault,
            DynamicImageBuilding = Stated(profiles?.DynamicImageBuilding, IsIncluded(configurator, "environment:dynimg"), false,
                $"{prefix}.profiles.dynamic_image_building", "users start prepared images", stated),
            FundedBy = Assumed(hub.FundedBy, $"{prefix}.funded_by", community.LongName, "the community funds its own hub", stated),
        };
    }

    /// <summary>A flag from the manifest, else from the configurator, else its default, stated as an assumption.</summary>
    private static Sourced<bool> Stated(bool? manifest, bool? configurator, bool fallback, string field, string why, List<Assumption> assumptions)
    {
        var flag = Flag(manifest, configurator, fallback);
        if (flag.IsAssumed)
            assumptions.Add(new Assumption(field, fallback ? "true" : "false", why));
        return flag;
    }

    /// <summary>A value from the manifest, else its default, stated as an assumption.</summary>
    private static Sourced<T> Assumed<T>(T? manifest, string field, T fallback, string why, List<Assumption> assumptions)
    {
        if (manifest is not null)
            return new(manifest, Provenance.Manifest);
        assumptions.Add(new Assumption(field, fallback?.ToString() ?? "", why));
        return new(fallback, Provenance.Default);
    }

    /// <summary>A default the manifest cannot state in one value of its own, shown in the plan as <paramref name="shown"/>.</summary>
    private static Sourced<T> Defaulted<T>(T fallback, string field, string shown, string why, List<Assumption> assumptions)
    {
        assumptions.Add(new Assumption(field, shown, why));
        return new(fallback, Provenance.Default);
    }

    private static Sourced<string> Pick(string? manifest, string? configurator, string fallback, string field, string why, List<Assumption> assumptions)
    {
        if (manifest is not null)
            return new(manifest, Provenance.Manifest);
        if (configurator is not null)
            return new(configurator, Provenance.Configurator);
        assumptions.Add(new Assumption(field, fallback, why));
        return new(fallback, Provenance.Default);
    }

    private static Sourced<bool> Flag(bool? manifest, bool? configurator, bool fallback) =>
        manifest is { } m ? new(m, Provenance.Manifest)
        : configurator is { } c ? new(c, Provenance.Configurator)
        : new(fallback, Provenance.Default);

    private static string? FromConfigurator(ConfiguratorSelections? selections, string id) =>
        selections?.Find(id) is { IsDefault: false } item ? item.Value : null;

    private static bool? IsIncluded(ConfiguratorSelections? selections, string id) =>
        FromConfigurator(selections, id) is { } value ? value is "true" or "True" : null;

    private static string? AuthFromConfigurator(string? value) => value switch
    {
        null => null,
        "CILogon - Institutional" => "cilogon",
        "CILogon - Manual Allowlist" => "cilogon-allowlist",
        "GitHub - Community" or "GitHub - 2i2c" => "github",
        "Shared Password" => "shared-password",
        "No Auth" => "none",
        _ => null,
    };

    /// <summary>"https://github.com/tidepool-observatory" → "tidepool-observatory".</summary>
    internal static string? OrganizationOf(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return null;
        var path = uri.AbsolutePath.Trim('/');
        return path.Length == 0 || path.Contains('/', StringComparison.Ordinal) ? null : path;
    }

    /// <summary>The Community record's properties, under the portal's own property names.</summary>
    private static Dictionary<string, string> HubSpotProperties(Community community, string path, CommunityPropertyNames names) => new(StringComparer.Ordinal)
    {
        [names.Name] = community.Name,
        [names.LongName] = Plain(community.LongName),
        [names.Website] = Plain(community.Website ?? ""),
        [names.GitHubOrganization] = Plain(community.GitHubOrganization ?? ""),
        [names.Logo] = Plain(community.Logo ?? ""),
        [names.CommunityContext] = Plain(community.Context ?? "", keepLines: true),
        [names.ManifestPath] = path,
        [names.Hubs] = string.Join(", ", community.Hubs.Select(h => h.Domain)),
    };

    private static List<DesiredContact> Contacts(Community community, OnboardingSettings settings)
    {
        var byEmail = new SortedDictionary<string, (Person Person, SortedSet<string> Labels)>(StringComparer.Ordinal);
        void Add(Person person, string label)
        {
            var email = person.Email.ToLowerInvariant();
            if (!byEmail.TryGetValue(email, out var entry))
                byEmail[email] = entry = (person, new SortedSet<string>(StringComparer.Ordinal));
            entry.Labels.Add(label);
        }

        foreach (var person in community.Representatives)
            Add(person, settings.HubSpot.RepresentativeLabel);
        foreach (var person in community.TechnicalContacts)
            Add(person, settings.HubSpot.TechnicalContactLabel);

        return [.. byEmail.Select(e =>
        {
            var (first, last) = SplitName(e.Value.Person.Name);
            return new DesiredContact(e.Key, first, last, e.Value.Person.GitHub, [.. e.Value.Labels]);
        })];
    }

    /// <summary>HubSpot wants first and last names; the manifest has one name. The last word is the last name.</summary>
    /// <remarks>Bidi controls and zero-width characters are removed first: a name is shown as plain text everywhere.</remarks>
    internal static (string First, string Last) SplitName(string name)
    {
        var trimmed = Plain(name).Trim();
        var space = trimmed.LastIndexOf(' ');
        return space < 0 ? (trimmed, "") : (trimmed[..space].Trim(), trimmed[(space + 1)..]);
    }

    /// <summary>Manifest text that services show as plain text (HubSpot properties, names, subjects): one line (unless
    /// <paramref name="keepLines"/>), without control, bidi or zero-width characters, which would reorder or hide what a
    /// reader sees, and without the markup characters <c>&lt;</c>, <c>&gt;</c> and <c>"</c>, which another system could
    /// show as HTML. Validation refuses them in names and addresses; this covers every other field.</summary>
    private static string Plain(string text, bool keepLines = false) =>
        MarkdownText.Clean(text, keepLines).Replace("<", "", StringComparison.Ordinal).Replace(">", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal);

    private static Dictionary<string, string> FreshdeskCompanyFields(Community community, OnboardingSettings settings) => new(StringComparer.Ordinal)
    {
        [settings.Freshdesk.RepresentativesField] = string.Join(", ", community.Representatives.Select(r => $"{Plain(r.Name)} <{r.Email}>")),
        [settings.Freshdesk.HubUrlsField] = string.Join(", ", community.Hubs.Where(h => h.Status == HubStatus.Deployed && h.Url is not null).Select(h => Plain(h.Url!))),
        [settings.Freshdesk.GrafanaUrlField] = settings.GrafanaUrlFor(community.Name) ?? "",
    };

    private static MissingInformationRequest? MissingInformation(Community community, List<Blocker> blockers)
    {
        // Deal stages are BD's own business; the community is asked only what it can answer.
        var items = blockers.Where(b => !b.Gate).OrderBy(b => b.Field, StringComparer.Ordinal).ToList();
        if (items.Count == 0 || community.Representatives.Count == 0)
            return null;
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", items.Select(i => i.Field)))))[..8];
        var markdown = new StringBuilder()
            .AppendLine($"Hello from the team setting up your hub for {MarkdownText.Inline(community.LongName)}.")
            .AppendLine()
            .AppendLine("To finish the setup we need a little more information. Please reply to this email with:")
            .AppendLine();
        foreach (var item in items)
            markdown.AppendLine($"- {item.Question}");
        markdown.AppendLine().AppendLine("Everything else we have assumed for now, and it can be changed after the hub is running. Thank you!");
        var key = HelpdeskTags.MissingInformationKey(community.Name, digest);
        return new MissingInformationRequest(
            HelpdeskTags.MissingInformation(community.Name, digest),
            $"A few questions before we set up your hub ({Plain(community.LongName)})",
            MarkdownText.Html(markdown.ToString()) + HelpdeskTags.Reference(key),
            [.. community.Representatives.Select(r => r.Email.ToLowerInvariant()).Distinct(StringComparer.Ordinal)],
            items)
        {
            Key = key,
        };
    }
}

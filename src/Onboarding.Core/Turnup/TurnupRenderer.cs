using System.Globalization;
using System.Text;
using Onboarding.Core.Resources;
using Onboarding.Core.Text;
using static Onboarding.Core.Text.MarkdownText;

namespace Onboarding.Core.Turnup;

/// <summary>
/// Renders the four New Hub Turnup issues of one hub (phase 0, the sync chat, and phases 1 to 3) in the structure of
/// the infrastructure repository's templates: a status, a Question | Answer | Notes table, the assumptions made and
/// the steps. The same facts always give the same bytes, so the plan a reviewer sees is the issue that apply opens.
/// </summary>
public static class TurnupRenderer
{
    public const string NotAnswered = "_Not answered_";
    public const string AssumedNote = "Assumed default; change after deployment if needed";
    public const string ConfiguratorNote = "From the Hub Configurator";
    public const string NotifyStep = "Notify the community representatives through Freshdesk that the hub is ready (the onboarding program does this when the manifest marks the hub deployed)";

    private static readonly IReadOnlyList<int> AllPhases = [0, 1, 2, 3];

    public static IReadOnlyList<TurnupIssue> Render(TurnupFacts facts, ResolvedHub hub)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(hub);
        return [.. AllPhases.Select(phase => RenderPhase(facts, hub, phase))];
    }

    /// <summary>The issue title, e.g. <c>[New Hub] [Phase 1] Cloud Account Setup - tidepool (prod)</c>.</summary>
    public static string Title(string community, string hub, int phase) => phase switch
    {
        0 => $"[New Hub] Sync chat to refine phases - {community} ({hub})",
        1 => $"[New Hub] [Phase 1] Cloud Account Setup - {community} ({hub})",
        2 => $"[New Hub] [Phase 2] Cluster Setup - {community} ({hub})",
        3 => $"[New Hub] [Phase 3] Hub Setup - {community} ({hub})",
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "Turnup phases are 0 to 3."),
    };

    /// <summary>
    /// Whether a blocker holds back the given phase of the hub at <paramref name="hubIndex"/>. A gate (no deal in an
    /// allowed stage) holds back everything; other blockers hold back the phase whose questions they answer (people,
    /// deals and the account: phase 1; region and GPUs: phase 2; the hub's own settings: phase 3). Phase 0 is the
    /// sync that gathers missing information, so only a gate holds it back.
    /// </summary>
    public static bool Blocks(Blocker blocker, int phase, int hubIndex)
    {
        ArgumentNullException.ThrowIfNull(blocker);
        return blocker.Gate || (phase > 0 && PhasesOf(blocker.Field, hubIndex).Contains(phase));
    }

    /// <summary>Whether a blocker concerns this hub at all (phase 0 lists them all for the sync).</summary>
    public static bool Concerns(Blocker blocker, int hubIndex)
    {
        ArgumentNullException.ThrowIfNull(blocker);
        return blocker.Gate || PhasesOf(blocker.Field, hubIndex).Count > 0;
    }

    /// <summary>Whether an assumption belongs in the given phase of the hub at <paramref name="hubIndex"/>; phase 0
    /// lists every assumption about the hub and its community, for the sync to confirm or change.</summary>
    public static bool Concerns(Assumption assumption, int phase, int hubIndex)
    {
        ArgumentNullException.ThrowIfNull(assumption);
        var phases = PhasesOf(assumption.Field, hubIndex);
        return phase == 0 ? phases.Count > 0 : phases.Contains(phase);
    }

    /// <summary>The phases (1 to 3) whose questions a manifest field answers, for the hub at <paramref name="hubIndex"/>;
    /// empty when the field belongs to another hub.</summary>
    internal static IReadOnlyList<int> PhasesOf(string field, int hubIndex)
    {
        if (field.StartsWith("hubs[", StringComparison.Ordinal))
        {
            var close = field.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || !int.TryParse(field.AsSpan(5, close - 5), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                return [3];
            if (index != hubIndex)
                return [];
            var rest = field[(close + 1)..].TrimStart('.');
            return rest.StartsWith("gpu", StringComparison.Ordinal) || rest.StartsWith("resources", StringComparison.Ordinal) ? [2, 3] : [3];
        }

        if (field == "hubs")
            return [3];
        if (field.StartsWith("cloud.region", StringComparison.Ordinal))
            return [2];

        // People, deals, the cloud account and anything unforeseen: phase 1 comes first, so holding it holds all.
        return [1];
    }

    private static TurnupIssue RenderPhase(TurnupFacts facts, ResolvedHub hub, int phase)
    {
        var community = facts.Community.Name;
        var hubName = hub.Hub.Name;
        var marker = TurnupMarker.For(community, hubName, phase);
        var blockers = facts.Blockers.Where(b => phase == 0 ? Concerns(b, hub.Index) : Blocks(b, phase, hub.Index)).ToList();
        var ready = phase == 0 ? !blockers.Any(b => b.Gate) : blockers.Count == 0;

        var body = new Body();
        body.Line(marker);
        if (phase > 0)
        {
            body.Line(ready ? "**Status: READY**" : "**Status: NOT READY**");
            body.Blank();
        }

        switch (phase)
        {
            case 0:
                PhaseZero(body, facts, hub, blockers);
                break;
            default:
                Intro(body, facts, hub, phase);
                MissingInformation(body, blockers, phase);
                Table(body, "Questions", phase switch
                {
                    1 => PhaseOneRows(facts),
                    2 => PhaseTwoRows(facts, hub),
                    _ => PhaseThreeRows(facts, hub),
                });
                if (phase == 3)
                {
                    body.Line("### Resource allocation choices");
                    body.Blank();
                    body.Line(Fenced(hub.ResourceChoicesYaml, "yaml"));
                    body.Blank();
                }

                Assumptions(body, facts, hub, phase);
                Steps(body, facts, hub, phase);
                break;
        }

        var labels = facts.Settings.GitHub.TurnupLabels
            .Append($"phase-{phase.ToString(CultureInfo.InvariantCulture)}")
            .Append(TurnupMarker.CommunityLabel(community))
            .Distinct(StringComparer.Ordinal).ToList();
        return new TurnupIssue(community, hubName, phase, Title(community, hubName, phase), body.ToString(), labels, marker, ready);
    }

    private static void PhaseZero(Body body, TurnupFacts facts, ResolvedHub hub, IReadOnlyList<Blocker> blockers)
    {
        var community = facts.Community;
        body.Line($"A short sync between Partnerships & Services and Business Development to refine the requirements of the new hub **{Inline(hub.Hub.Name)}** for **{Inline(community.LongName)}** (**{Inline(community.Name)}**) before phases 1–3 start.");
        body.Blank();
        body.Line("### Tasks");
        body.Blank();
        body.Line("- [ ] Hold a short PS/BD sync about this hub");
        body.Line($"- [ ] Refine the requirements: answer the missing information and confirm or change the assumptions below, through a pull request to {Inline(facts.ManifestPath)}");
        body.Line("- [ ] Open phases 1–3: the Phase 1–3 issues for this hub, which the onboarding program opens with this one:");
        for (var phase = 1; phase <= TurnupMarker.LastPhase; phase++)
            body.Line($"  - {Inline(Title(community.Name, hub.Hub.Name, phase))}");
        body.Blank();

        var configurator = facts.Configurator is null
            ? Row("Hub Configurator", NotAnswered, "")
            : Row("Hub Configurator", $"{Cell(facts.Configurator.Tier)} tier", $"Catalog {Cell(facts.Configurator.CatalogVersion)}");
        Table(body, "Community",
        [
            Row("Long name", Cell(community.LongName), ""),
            Row("Website", Answer(Url(community.Website)), ""),
            Row("GitHub organisation", Answer(Url(community.GitHubOrganization)), ""),
            Row("Hub", Cell(hub.Hub.Name), Cell(hub.Hub.Domain)),
            Row("Requested", Answer(Cell(hub.Hub.Requested?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))), ""),
            Row("Manifest", Cell(facts.ManifestPath), ""),
            Row("Meeting transcript", Answer(Url(community.Transcript)), ""),
            configurator,
        ]);

        Section(body, "Community context", community.Context);
        Section(body, "Notes", community.Notes);
        MissingInformation(body, blockers, 0);
        Assumptions(body, facts, hub, 0);
    }

    private static void Intro(Body body, TurnupFacts facts, ResolvedHub hub, int phase)
    {
        body.Line($"Phase {phase.ToString(CultureInfo.InvariantCulture)} of the new hub **{Inline(hub.Hub.Name)}** for **{Inline(facts.Community.LongName)}** (**{Inline(facts.Community.Name)}**). The onboarding program filled this in from {Inline(facts.ManifestPath)}; change the manifest rather than this issue.");
        body.Blank();
    }

    private static void Section(Body body, string heading, string? markdown)
    {
        body.Line($"### {heading}");
        body.Blank();
        var block = Block(markdown);
        body.Line(block.Length == 0 ? NotAnswered : block);
        body.Blank();
    }

    private static void MissingInformation(Body body, IReadOnlyList<Blocker> blockers, int phase)
    {
        if (blockers.Count == 0)
            return;
        body.Line("### Missing information");
        body.Blank();
        body.Line(phase == 0
            ? "Until these are answered, the phases they concern stay NOT READY. The community representatives are asked for them through Freshdesk:"
            : "This phase waits for these answers; the community representatives are asked for them through Freshdesk:");
        body.Blank();
        foreach (var blocker in blockers)
            body.Line($"- {Inline(blocker.Question)} (manifest field: {Inline(blocker.Field)}){(blocker.Gate ? " — no turnup work starts without it" : "")}");
        body.Blank();
    }

    private static void Assumptions(Body body, TurnupFacts facts, ResolvedHub hub, int phase)
    {
        body.Line("### Assumptions");
        body.Blank();
        var assumptions = facts.Assumptions.Where(a => Concerns(a, phase, hub.Index)).ToList();
        if (assumptions.Count == 0)
            body.Line("None: every answer in this phase comes from the manifest or the Hub Configurator.");
        foreach (var assumption in assumptions)
            body.Line($"- {Inline(assumption.Field)}: {Inline(assumption.Value)}. {Inline(assumption.Why)}");
        body.Blank();
    }

    private static void Steps(Body body, TurnupFacts facts, ResolvedHub hub, int phase)
    {
        body.Line("### Steps");
        body.Blank();
        var community = Inline(facts.Community.Name);
        IEnumerable<string> steps = phase switch
        {
            1 =>
            [
                "Confirm the answers above; ask the community representatives for anything still missing",
                $"Set up the cloud account for {community} and the access the infrastructure team needs",
            ],
            2 =>
            [
                $"Create the cluster {community} in the region above",
                "Add GPU node pools if GPUs are required",
            ],
            _ =>
            [
                $"Deploy the hub {Inline(hub.Hub.Name)} at {Cell(hub.Hub.Domain)} with the answers above",
                $"Mark the hub deployed in {Inline(facts.ManifestPath)} (its url and deployed date)",
                NotifyStep,
            ],
        };
        foreach (var step in steps)
            body.Line($"- [ ] {step}");
    }

    private static List<TableRow> PhaseOneRows(TurnupFacts facts)
    {
        var cloud = facts.Cloud;
        var accountNameNote = facts.Cloud.AccountName is null && cloud.Account.Value == "2i2c-managed"
            ? "2i2c names the account when it creates it"
            : "";
        return
        [
            FromSourced("Cloud provider", cloud.Provider, ProviderName),
            FromSourced("Does 2i2c pay the cloud bill?", cloud.Billing, Billing),
            FromSourced("Who controls the cloud account", cloud.Account, value => Cell(value)),
            Row("Cloud account name", Answer(Cell(cloud.AccountName)), accountNameNote),
            Row("Community representatives", Answer(People(facts.Community.Representatives)), ""),
            Row("Technical contacts recorded", facts.Community.TechnicalContacts.Count == 0 ? "No" : "Yes: " + People(facts.Community.TechnicalContacts),
                facts.Community.TechnicalContacts.Count == 0 ? "They are told when the hub is ready; at least one is needed" : ""),
            DealsRow(facts),
        ];
    }

    private static List<TableRow> PhaseTwoRows(TurnupFacts facts, ResolvedHub hub) =>
    [
        FromSourced("Region / zone", facts.Cloud.Region, value => Cell(value)),
        Row("Cluster name", Cell(facts.Community.Name), "The community's machine name"),
        FromSourced("GPUs required", hub.Gpu, _ => Gpu(hub)),
    ];

    private static List<TableRow> PhaseThreeRows(TurnupFacts facts, ResolvedHub hub)
    {
        var community = facts.Community;
        var method = hub.AuthMethod.Value;
        var isGitHub = method.StartsWith("github", StringComparison.OrdinalIgnoreCase);
        var isCiLogon = method.StartsWith("cilogon", StringComparison.OrdinalIgnoreCase);
        var splash = new List<string>();
        if (!string.IsNullOrWhiteSpace(community.Logo))
            splash.Add("splash image " + Url(community.Logo));
        if (!string.IsNullOrWhiteSpace(community.Website))
            splash.Add("homepage " + Url(community.Website));

        var teams = new List<string>();
        if (hub.Teams.Count > 0)
            teams.Add("teams " + List(hub.Teams));
        if (hub.Hub.Gpu is { } gpu && hub.Gpu.Value)
            teams.Add("GPU profile only for team " + Cell(gpu.Team));

        return
        [
            Row("Hub name", Cell(hub.Hub.Name), ""),
            Row("Hub domain", Cell(hub.Hub.Domain), ""),
            FromSourced("Dask gateway", hub.Dask, on => on ? "Enabled" : "Disabled"),
            Row("Splash image and homepage URL", splash.Count == 0 ? NotAnswered : string.Join("; ", splash), "From the community's logo and website"),
            Row("Funded by", Answer(Cell(hub.Hub.FundedBy)), ""),
            FromSourced("Authentication mechanism", hub.AuthMethod, value => Cell(value) + (hub.Organizations.Count > 0 ? "; organisations " + List(hub.Organizations) : "")),
            Row("Admin users", Answer(List(hub.Admins)), ""),
            FromSourced("Scratch bucket", hub.ScratchBucket, YesNo),
            FromSourced("Persistent bucket", hub.PersistentBucket, YesNo),
            string.Equals(facts.Cloud.Provider.Value, "gcp", StringComparison.OrdinalIgnoreCase)
                ? Row("Requester pays (GCP only)", NotAnswered, "")
                : Row("Requester pays (GCP only)", "Not applicable", "The cloud is not GCP"),
            Row("Scoped credentials", NotAnswered, ""),
            ConfiguratorRow(facts, "Images offered", "environment:imagelist"),
            Row("Allow any image (unlisted choice)", NotAnswered, ""),
            FromSourced("Maximum RAM per user", hub.Resources, MaxRam, "The largest resource allocation choice below"),
            ConfiguratorRow(facts, "Dynamic image building", "environment:dynimg"),
            ConfiguratorRow(facts, "BinderHub UI", "hub:binderhubui"),
            ConfiguratorRow(facts, "Home directories", "home:persistent"),
            FromSourced("GPU", hub.Gpu, _ => Gpu(hub)),
            Row("Default interface", NotAnswered, ""),
            Row("Named servers", NotAnswered, ""),
            Row("GitHub teams and team-restricted profiles",
                teams.Count > 0 ? string.Join("; ", teams) : isGitHub ? NotAnswered : "Not applicable",
                isGitHub || teams.Count > 0 ? "" : "Sign-in is not through GitHub"),
            Row("CILogon institutions",
                hub.Institutions.Count > 0 ? List(hub.Institutions) : isCiLogon ? NotAnswered : "Not applicable",
                isCiLogon || hub.Institutions.Count > 0 ? "" : "Sign-in is not through CILogon"),
            Row("Custom image", Answer(Cell(hub.Hub.Image)), ""),
            FromSourced("Resource allocation choices", hub.Resources, specs => List(specs), "Generated below"),
        ];
    }

    private static TableRow DealsRow(TurnupFacts facts)
    {
        var settings = facts.Settings.HubSpot;
        var deals = facts.Deals.Count > 0
            ? facts.Deals
            : [.. facts.Community.Deals.Select(id => new DealFact(id, null, null, false, false))];
        var shown = deals.Select(deal =>
        {
            var name = deal.Name is null ? "" : " " + Cell(deal.Name);
            var stage = deal.StageLabel is not null ? Cell(deal.StageLabel) : deal.Name is not null ? "stage unknown" : "stage not read";
            return $"{Link(deal.Id, settings.DealUrl(deal.Id))}{name}: {stage}";
        }).ToList();
        var allowed = Cell(string.Join(", ", settings.AllowedDealStages));
        var note = deals.Any(d => d.InAllowedStage)
            ? $"A deal is in an allowed stage ({allowed})"
            : deals.Any(d => d.StageLabel is not null)
                ? $"No deal is in an allowed stage ({allowed}) yet"
                : "Deal stages were not read (live checks skipped)";
        return Row("HubSpot deal URL(s) and stages", shown.Count == 0 ? NotAnswered : string.Join("; ", shown), note);
    }

    private static TableRow ConfiguratorRow(TurnupFacts facts, string question, string id)
    {
        var selection = facts.Configurator?.Find(id);
        if (selection is null)
            return Row(question, NotAnswered, "");

        var value = id == "environment:imagelist"
            ? string.Join("; ", selection.ValueLabel.Split('\n').Select(line => line.Trim().TrimStart('-', ' ')).Where(line => line.Length > 0))
            : selection.ValueLabel;
        var note = selection.IsDefault
            ? $"{ConfiguratorNote} (the {Cell(facts.Configurator!.Tier)} tier's default)"
            : ConfiguratorNote;
        return Row(question, Answer(Cell(value)), note);
    }

    private static TableRow FromSourced<T>(string question, Sourced<T> value, Func<T, string> show, string note = "")
    {
        var answer = Answer(show(value.Value));
        var origin = value.From switch
        {
            Provenance.Default => AssumedNote,
            Provenance.Configurator => ConfiguratorNote,
            _ => "",
        };
        var notes = string.Join("; ", new[] { origin, note }.Where(n => n.Length > 0));
        return Row(question, answer, notes);
    }

    private static string ProviderName(string provider) => provider.ToLowerInvariant() switch
    {
        "aws" => "AWS",
        "gcp" => "GCP",
        "azure" => "Azure",
        "jetstream2" => "Jetstream2",
        _ => Cell(provider),
    };

    private static string Billing(string billing) => billing switch
    {
        "2i2c-pays" => "Yes (2i2c-pays): costs are passed through to the community",
        "community-pays" => "No (community-pays): the community pays the cloud provider",
        _ => Cell(billing),
    };

    private static string YesNo(bool value) => value ? "Yes" : "No";

    private static string Gpu(ResolvedHub hub)
    {
        if (!hub.Gpu.Value)
            return "No";
        var gpu = hub.Hub.Gpu;
        if (gpu is null)
            return "Yes";
        var type = string.IsNullOrWhiteSpace(gpu.Type) ? "" : $" ({Cell(gpu.Type)})";
        return $"Yes{type}, for team {Cell(gpu.Team)}";
    }

    private static string MaxRam(IReadOnlyList<string> specs)
    {
        var result = ResourceChoices.Generate(specs);
        if (!result.IsValid || result.Choices.Count == 0)
            return "";
        return Cell(result.Choices.MaxBy(c => c.MemLimit)!.DisplayName);
    }

    private static string People(IReadOnlyList<Onboarding.Core.Manifests.Person> people) =>
        string.Join("; ", people.Select(p => Cell(p.Name) + " (" + Cell(p.Email) + (string.IsNullOrWhiteSpace(p.GitHub) ? "" : ", GitHub " + Cell(p.GitHub)) + ")"));

    private static string List(IReadOnlyList<string> values) => string.Join(", ", values.Select(v => Cell(v)).Where(v => v.Length > 0));

    private static string Answer(string escaped) => escaped.Length == 0 ? NotAnswered : escaped;

    private static TableRow Row(string question, string answer, string notes) => new(question, answer, notes);

    private static void Table(Body body, string heading, IEnumerable<TableRow> rows)
    {
        body.Line($"### {heading}");
        body.Blank();
        body.Line("| Question | Answer | Notes |");
        body.Line("| --- | --- | --- |");
        foreach (var row in rows)
            body.Line($"| {row.Question} | {row.Answer} | {row.Notes} |");
        body.Blank();
    }

    /// <summary>One table row; every part is already Markdown (manifest text in it went through <see cref="MarkdownText"/>).</summary>
    private sealed record TableRow(string Question, string Answer, string Notes);

    /// <summary>Lines joined with <c>\n</c> whatever the platform, so bodies are the same bytes everywhere.</summary>
    private sealed class Body
    {
        private readonly StringBuilder text = new();

        public void Line(string line) => text.Append(line).Append('\n');

        public void Blank() => text.Append('\n');

        public override string ToString() => text.ToString().TrimEnd('\n') + "\n";
    }
}

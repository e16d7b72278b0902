using System.Globalization;
using Onboarding.Core.Manifests;
using Onboarding.Core.Text;

namespace Onboarding.Core.Turnup;

/// <summary>The issues one community should have in the infrastructure repository, and what kept any from being made.</summary>
/// <param name="Problems">Sentences for the plan: an issue that is due but cannot be made (no template for it, or one
/// that cannot carry the answers).</param>
public sealed record TurnupRendering(IReadOnlyList<TurnupIssue> Issues, IReadOnlyList<string> Problems);

/// <summary>
/// Decides which issues a community needs, as the infrastructure team works, and fills each in from the repository's
/// own template (<see cref="IssueTemplateRenderer"/>), so it reads as a submission of that template:
/// <list type="bullet">
/// <item>Hubs are grouped by cluster, and on a cluster by request: the hubs requested on the same day.</item>
/// <item>Phase 1 (cloud account) and 2 (cluster) open once per new dedicated cluster, the one that runs no hub yet.</item>
/// <item>Phase 3 (hub setup) opens once per cluster and request, with a section per hub; phase 0 (sync chat) too,
/// when the manifest asks for one.</item>
/// <item>A decommissioned hub gets the decommission issue.</item>
/// </list>
/// Table rows are answered through <see cref="TurnupQuestions"/>; what engineers run (resource allocation choices,
/// <c>deployer generate</c> commands), what is missing and what was assumed go in an appendix. The same facts and
/// templates always give the same bytes, so the plan a reviewer sees is the issue that apply opens.
/// </summary>
public static class TurnupRenderer
{
    public const string AssumedNote = "Assumed default; change after deployment if needed";
    public const string ConfiguratorNote = "From the Hub Configurator";

    /// <summary>A sync chat is due this many days after the hubs were requested (the phase 0 title's <c>{{date}}</c>).</summary>
    public const int SyncChatDueDays = 7;

    public static TurnupRendering Render(TurnupFacts facts, TurnupTemplateSet templates)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(templates);
        var rendering = new Rendering(facts, templates);
        var active = facts.Hubs.Where(h => h.Hub.Status is HubStatus.Requested or HubStatus.Deployed).ToList();
        var clusters = active.GroupBy(h => h.Cluster.Name, StringComparer.Ordinal).ToList();
        var requests = clusters
            .SelectMany(c => c.GroupBy(h => RequestOf(h.Hub), StringComparer.Ordinal).OrderBy(r => r.Key == IssueMarker.Undated).ThenBy(r => r.Key, StringComparer.Ordinal))
            .Where(r => r.Any(h => h.Hub.Status == HubStatus.Requested))
            .Select(r => new Request(r.First().Cluster, r.Key, [.. r]))
            .ToList();

        // A gate (no deal in an allowed stage) holds back every turnup issue; decommissioning is not turnup.
        if (!facts.Blockers.Any(b => b.Gate))
        {
            if (facts.Community.SyncChat == true)
            {
                foreach (var request in requests)
                    rendering.SyncChat(request);
            }

            var newClusters = clusters
                .Where(c => c.First().Cluster is { Dedicated: true, Live: false } && c.Any(h => h.Hub.Status == HubStatus.Requested))
                .Select(c => (Cluster: c.First().Cluster, Hubs: (IReadOnlyList<ResolvedHub>)[.. c.Where(h => h.Hub.Status == HubStatus.Requested)]))
                .ToList();
            foreach (var (cluster, hubs) in newClusters)
                rendering.CloudAccount(cluster, hubs);
            foreach (var (cluster, hubs) in newClusters)
                rendering.Cluster(cluster, hubs);
            foreach (var request in requests)
                rendering.HubSetup(request);
        }

        foreach (var hub in facts.Hubs.Where(h => h.Hub.Status == HubStatus.Decommissioned))
            rendering.Decommission(hub);
        return new TurnupRendering(rendering.Issues, rendering.Problems);
    }

    /// <summary>The request a hub belongs to: the day it was requested, as <c>YYYY-MM-DD</c>.</summary>
    public static string RequestOf(Hub hub)
    {
        ArgumentNullException.ThrowIfNull(hub);
        return hub.Requested?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? IssueMarker.Undated;
    }

    /// <summary>Whether a cluster gets its cloud account and cluster set up by this community's turnup (phases 1 and 2).</summary>
    public static bool IsNew(ResolvedCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return cluster.Dedicated && !cluster.Live;
    }

    /// <summary>
    /// The phases (1 to 3) whose questions a manifest field answers, for the hub at <paramref name="hubIndex"/>; empty
    /// when the field belongs to another hub. People, deals and the cloud account: phase 1; the region: 2; a hub's GPUs
    /// and resources: 2 and 3; its other settings: 3.
    /// </summary>
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
        return [1];
    }

    /// <summary>Whether a blocker holds back <paramref name="phase"/> for the hub. Phase 1 blockers (people, deals, the
    /// account) hold back phase 3 of a hub whose cluster needs no phase 1 (a shared or running cluster).</summary>
    internal static bool Blocks(Blocker blocker, int phase, ResolvedHub hub)
    {
        if (blocker.Gate)
            return true;
        var phases = PhasesOf(blocker.Field, hub.Index);
        return phases.Contains(phase) || (phase == 3 && !IsNew(hub.Cluster) && phases.Contains(1));
    }

    /// <summary>Hubs on one cluster, requested on one day.</summary>
    private sealed record Request(ResolvedCluster Cluster, string Day, IReadOnlyList<ResolvedHub> Hubs)
    {
        public IReadOnlyList<ResolvedHub> Requested => [.. Hubs.Where(h => h.Hub.Status == HubStatus.Requested)];
    }

    /// <summary>One community's rendering: the issues made so far and what could not be made.</summary>
    private sealed class Rendering(TurnupFacts facts, TurnupTemplateSet templates)
    {
        private readonly IReadOnlyDictionary<string, string> _questions = TurnupQuestions.Map(facts.Settings.Turnup.Questions);

        public List<TurnupIssue> Issues { get; } = [];

        public List<string> Problems { get; } = [];

        private Community Community => facts.Community;

        public void SyncChat(Request request)
        {
            var marker = TurnupMarker.Turnup(Community.Name, request.Cluster.Name, request.Day, Names(request.Hubs), TurnupPhase.SyncChat);
            var due = request.Hubs.Select(h => h.Hub.Requested).Min() is { } day ? day.AddDays(SyncChatDueDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
            var hubIndexes = request.Hubs.Select(h => h.Index).ToList();
            var blockers = facts.Blockers.Where(b => request.Hubs.Any(h => PhasesOf(b.Field, h.Index).Count > 0)).ToList();
            var assumptions = facts.Assumptions.Where(a => hubIndexes.Any(i => PhasesOf(a.Field, i).Count > 0)).ToList();
            var appendix = AppendixText.Join(
                AppendixText.Heading("The request"),
                AppendixText.Bullets(
                [
                    CellText.Join(" ", [CellText.Text("Community:"), CellText.Text($"{Community.LongName} ({Community.Name}), manifest {facts.ManifestPath}")]),
                    .. request.Hubs.Select(h => CellText.Text($"Hub {h.Hub.Name} ({h.Hub.Domain}), {h.Hub.Status.ToString().ToLowerInvariant()}")),
                    CellText.Text($"Cluster: {ClusterWords(request.Cluster)}"),
                    CellText.Text($"Requested: {(request.Day == IssueMarker.Undated ? "no date given" : request.Day)}"),
                    facts.Configurator is { } selections
                        ? CellText.Join(" ", [CellText.Text("Hub Configurator:"), CellText.Link($"{selections.Tier} tier", Community.Configurator)])
                        : CellText.Empty,
                    Community.Transcript is { } transcript ? CellText.Join(" ", [CellText.Text("Meeting transcript:"), CellText.Url(transcript)]) : CellText.Empty,
                ]),
                Community.Context is null ? AppendixText.Empty : AppendixText.Join(AppendixText.Heading("Community context"), AppendixText.Quote(Community.Context)),
                Community.Notes is null ? AppendixText.Empty : AppendixText.Join(AppendixText.Heading("Notes"), AppendixText.Quote(Community.Notes)),
                Missing(blockers, "Until these are answered, the phases they concern stay NOT READY"),
                Assumed(assumptions, "Assumed defaults, for the sync to confirm or change"));
            var answers = Answers(marker, request.Cluster, request.Hubs, ready: true) with
            {
                Placeholders = Placeholders(request.Hubs, due),
                Appendix = appendix,
            };
            Add(marker, answers, ready: true, "task list");
        }

        public void CloudAccount(ResolvedCluster cluster, IReadOnlyList<ResolvedHub> hubs)
        {
            var marker = TurnupMarker.Turnup(Community.Name, cluster.Name, null, Names(hubs), TurnupPhase.CloudAccount);
            var blockers = BlockersOf(1, hubs);
            var appendix = AppendixText.Join(Missing(blockers, "This phase waits for these answers"), Assumed(AssumptionsOf(1, hubs), "Assumed defaults"));
            Add(marker, Answers(marker, cluster, hubs, blockers.Count == 0) with { Appendix = appendix }, blockers.Count == 0);
        }

        public void Cluster(ResolvedCluster cluster, IReadOnlyList<ResolvedHub> hubs)
        {
            var marker = TurnupMarker.Turnup(Community.Name, cluster.Name, null, Names(hubs), TurnupPhase.Cluster);
            var blockers = BlockersOf(2, hubs);
            var cloud = facts.Cloud;
            var billing = cloud.Billing.Value == "2i2c-pays" ? "2i2c, passing the cost through (2i2c-pays)" : $"the community ({cloud.Billing.Value})";
            var command = DeployerCommands.Comment($"Who pays the cloud bill: {billing}. HubSpot deal{(Community.Deals.Count == 1 ? "" : "s")}: {string.Join(", ", Community.Deals)}") + "\n"
                + DeployerCommands.DedicatedCluster(cloud.Provider.Value, cluster.Name, cloud.Region.Value, cloud.AccountName?.Value);
            var appendix = AppendixText.Join(
                AppendixText.Heading("Cluster configuration"),
                AppendixText.Bullets(
                [
                    CellText.Join(" ", [CellText.Text($"HubSpot deal{(Community.Deals.Count == 1 ? "" : "s")} (the cluster's configuration records it):"), CellText.Join(", ", Community.Deals.Select(d => CellText.Link(d, facts.Settings.HubSpot.DealUrl(d))))]),
                    CellText.Text($"Who pays the cloud bill: {billing}"),
                ]),
                AppendixText.Code(command, "bash"),
                Missing(blockers, "This phase waits for these answers"),
                Assumed(AssumptionsOf(2, hubs), "Assumed defaults"));
            Add(marker, Answers(marker, cluster, hubs, blockers.Count == 0) with { Appendix = appendix }, blockers.Count == 0);
        }

        public void HubSetup(Request request)
        {
            var marker = TurnupMarker.Turnup(Community.Name, request.Cluster.Name, request.Day, Names(request.Hubs), TurnupPhase.HubSetup);
            var sections = request.Hubs.Select(hub =>
            {
                var ready = hub.Hub.Status == HubStatus.Deployed || !facts.Blockers.Any(b => Blocks(b, 3, hub));
                var questions = _questions.ToDictionary(q => q.Key, q => TurnupQuestions.Answer(q.Value, facts, request.Cluster, request.Hubs, hub), StringComparer.OrdinalIgnoreCase);
                return new HubAnswers(hub.Hub.Name, ready, questions) { Appendix = HubAppendix(hub) };
            }).ToList();
            var blockers = facts.Blockers.Where(b => request.Requested.Any(h => Blocks(b, 3, h))).ToList();
            var ready = sections.All(s => s.Ready);
            var status = sections.Count == 1 ? Word(ready) : string.Join(", ", sections.Select(s => $"{s.Name} {Word(s.Ready)}"));
            var answers = Answers(marker, request.Cluster, request.Hubs, ready) with
            {
                Hubs = sections,
                Appendix = Missing(blockers, "The hubs marked NOT READY wait for these answers"),
            };
            Add(marker, answers, ready, status);
        }

        public void Decommission(ResolvedHub hub)
        {
            var marker = TurnupMarker.Decommission(Community.Name, hub.Cluster.Name, hub.Hub.Name);
            var appendix = AppendixText.Join(
                AppendixText.Heading("The hub"),
                AppendixText.Bullets(
                [
                    CellText.Text($"Hub {hub.Hub.Name} of {Community.LongName} ({Community.Name}), manifest {facts.ManifestPath}"),
                    CellText.Join(" ", [CellText.Text("Address:"), CellText.Url(hub.Hub.Url ?? "https://" + hub.Hub.Domain)]),
                    CellText.Text($"Cluster: {hub.Cluster.Name}{(hub.Cluster.Dedicated ? " (the community's own)" : " (shared)")}"),
                    hub.Hub.Deployed is { } deployed ? CellText.Text($"Deployed: {deployed:yyyy-MM-dd}") : CellText.Empty,
                    CellText.Join(" ", [CellText.Text("Community representatives:"), CellText.Join("; ", Community.Representatives.Select(p => CellText.Text($"{p.Name} ({p.Email})")))]),
                ]));
            var answers = Answers(marker, hub.Cluster, [hub], ready: true) with
            {
                Placeholders = new Dictionary<string, string>(Placeholders([hub], null)) { ["hub_name"] = hub.Hub.Domain },
                Appendix = appendix,
            };
            Add(marker, answers, ready: true, "task list");
        }

        /// <summary>What every issue is filled with: placeholders, form fields, the questions outside hub sections, labels and the marker.</summary>
        private TemplateAnswers Answers(IssueMarker marker, ResolvedCluster cluster, IReadOnlyList<ResolvedHub> hubs, bool ready) => new()
        {
            Placeholders = Placeholders(hubs, null),
            Fields = new Dictionary<string, FieldAnswer>(StringComparer.Ordinal)
            {
                ["status"] = FieldAnswer.Choose(Word(ready)),
                ["context"] = FieldAnswer.Markdown(Context()),
                ["hub-num"] = FieldAnswer.Text(hubs.Count.ToString(CultureInfo.InvariantCulture)),
                ["cluster"] = FieldAnswer.Text(cluster.Name),
            },
            Questions = _questions.ToDictionary(q => q.Key, q => TurnupQuestions.Answer(q.Value, facts, cluster, hubs, null), StringComparer.OrdinalIgnoreCase),
            Labels = [.. facts.Settings.GitHub.TurnupLabels, TurnupMarker.CommunityLabel(Community.Name)],
            Marker = marker.Line,
        };

        private Dictionary<string, string> Placeholders(IReadOnlyList<ResolvedHub> hubs, string? date)
        {
            var placeholders = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["community_name"] = Community.LongName,
                ["community_url"] = string.Join(", ", hubs.Select(h => h.Hub.Domain)),
                ["hub_name"] = string.Join(", ", hubs.Select(h => h.Hub.Name)),
            };
            if (date is not null)
                placeholders["date"] = date;
            return placeholders;
        }

        /// <summary>The community's context and BD's notes, for the form's context field.</summary>
        private string? Context() => (Community.Context, Community.Notes) switch
        {
            (null, null) => null,
            (var context, null) => context,
            (null, var notes) => notes,
            var (context, notes) => context!.TrimEnd() + "\n\n**Notes**\n\n" + notes,
        };

        private void Add(IssueMarker marker, TemplateAnswers answers, bool ready, string? status = null)
        {
            if (templates.For(marker.Phase) is not { } template)
            {
                Problems.Add($"{Capitalised(marker.Describe())} is due, but there is no template for it. {templates.Source}");
                return;
            }

            var rendered = IssueTemplateRenderer.Render(template, answers);
            if (rendered.Problems.Count > 0)
            {
                Problems.Add($"{Capitalised(marker.Describe())} cannot be opened from {template.Path}: {string.Join(" ", rendered.Problems.Select(p => p.Message))}");
                return;
            }

            Issues.Add(new TurnupIssue(marker, rendered.Title, rendered.Body, rendered.Labels, ready, status ?? Word(ready)) { Unanswered = rendered.Unanswered });
        }

        private AppendixText HubAppendix(ResolvedHub hub)
        {
            var hubCommands = string.Join('\n',
                DeployerCommands.HubCommonValues(
                    hub.Cluster.Provider,
                    hub.Cluster.Name,
                    hub.AuthMethod.Value,
                    Community.Logo,
                    Community.Website,
                    hub.FundedBy.Value,
                    hub.FundedBy.Value == Community.LongName ? Community.Website : null,
                    hub.Admins.Value),
                DeployerCommands.HubMainValues(hub.Cluster.Provider, hub.Cluster.Name, hub.Hub.Name));
            return AppendixText.Join(
                AppendixText.Heading($"Resource allocation choices ({string.Join(", ", hub.Resources.Value)})"),
                AppendixText.Code(hub.ResourceChoicesYaml, "yaml"),
                AppendixText.Heading("Hub files"),
                AppendixText.Code(hubCommands, "bash"));
        }

        private List<Blocker> BlockersOf(int phase, IReadOnlyList<ResolvedHub> hubs) =>
            [.. facts.Blockers.Where(b => b.Gate || hubs.Any(h => PhasesOf(b.Field, h.Index).Contains(phase)))];

        private List<Assumption> AssumptionsOf(int phase, IReadOnlyList<ResolvedHub> hubs) =>
            [.. facts.Assumptions.Where(a => hubs.Any(h => PhasesOf(a.Field, h.Index).Contains(phase)))];

        private AppendixText Missing(List<Blocker> blockers, string lead)
        {
            if (blockers.Count == 0)
                return AppendixText.Empty;
            var asked = !facts.AsksCommunity
                ? CellText.Text(".")
                : facts.MissingInformationTicket is { } ticket
                    ? CellText.Join(" ", [CellText.Text("; the community representatives are asked for them in"), CellText.Link("this Freshdesk ticket", ticket.ToString())])
                    : CellText.Text("; the community representatives are asked for them in a Freshdesk ticket, linked here once it is open.");
            return AppendixText.Join(
                AppendixText.Heading("Missing information"),
                AppendixText.Paragraph(CellText.Join("", [CellText.Text(lead), asked])),
                AppendixText.Bullets(blockers.Select(b => CellText.Text($"{b.Question} (manifest field: {b.Field})"))));
        }

        private static AppendixText Assumed(List<Assumption> assumptions, string heading) =>
            assumptions.Count == 0
                ? AppendixText.Empty
                : AppendixText.Join(
                    AppendixText.Heading(heading),
                    AppendixText.Bullets(assumptions.Select(a => CellText.Text($"{a.Field}: {a.Value} ({a.Why})"))));

        private string ClusterWords(ResolvedCluster cluster) => cluster switch
        {
            { Dedicated: true, Live: false } => $"{cluster.Name}, a new dedicated cluster on {TurnupQuestions.ProviderName(facts.Cloud.Provider.Value)} in {facts.Cloud.Region.Value}",
            { Dedicated: true } => $"{cluster.Name}, the community's running cluster",
            _ => $"{cluster.Name}, a shared cluster",
        };

        private static List<string> Names(IReadOnlyList<ResolvedHub> hubs) => [.. hubs.Select(h => h.Hub.Name)];

        private static string Word(bool ready) => ready ? IssueTemplateRenderer.Ready : IssueTemplateRenderer.NotReady;

        private static string Capitalised(string words) => words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }
}

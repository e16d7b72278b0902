using System.Text;
using Onboarding.Core.Planning;
using Onboarding.Core.Text;

namespace Onboarding.Core.Apply;

/// <summary>The apply report for a terminal and for the step summary.</summary>
public static class ApplyReportRenderer
{
    public static string Text(ApplyReport report)
    {
        var text = new StringBuilder();
        foreach (var note in report.Notes)
            text.AppendLine(note);
        if (report.Notes.Count > 0)
            text.AppendLine();
        foreach (var community in report.Communities)
        {
            text.AppendLine($"{community.Name} ({community.ManifestPath}): {Outcome(community)}");
            foreach (var step in community.Steps)
                text.AppendLine($"  {(step.Found ? "=" : PlanRenderer.Symbol(step.Kind))} {step.Service} {PlanRenderer.Verb(step.Kind)} {step.Target}{(step.Found ? " (already there)" : "")}{(step.Link is null ? "" : $"  {step.Link}")}");
            foreach (var edit in community.KeptEdits)
                text.AppendLine($"  ! {KeptSentence(community, edit)}");
            foreach (var note in community.Steps.Select(s => s.Note).OfType<string>())
                text.AppendLine($"  note: {note}");
            if (community.Error is not null && community.Outcome == CommunityOutcome.Failed)
                text.AppendLine($"  error: {community.Error}");
            if (community.BdOwner is { } owner)
                text.AppendLine($"  BD owner: @{owner}");
            text.AppendLine();
        }

        text.AppendLine(Summary(report));
        // Quoted text (issue bodies, templates, services' words) must not become a command to the Actions runner.
        return LogText.Inert(text.ToString());
    }

    public static string Markdown(ApplyReport report)
    {
        var md = new StringBuilder("## Onboarding apply\n\n");
        foreach (var note in report.Notes)
            md.AppendLine($"> {MarkdownText.Inline(note)}");
        md.AppendLine().AppendLine(Summary(report)).AppendLine();
        foreach (var community in report.Communities)
        {
            md.AppendLine($"### {MarkdownText.Inline(community.Name)}: {MarkdownText.Inline(Outcome(community))}").AppendLine();
            if (community.Error is not null && community.Outcome == CommunityOutcome.Failed)
                md.AppendLine($"**Error:** {MarkdownText.Inline(community.Error)}").AppendLine();
            // A login checked by the schema, written as a mention so the BD owner hears of a held or failed apply.
            if (community.BdOwner is { } owner)
                md.AppendLine($"BD owner: @{owner}").AppendLine();
            if (community.KeptEdits.Count > 0)
            {
                md.AppendLine("Changed by hand, left alone (drift lists it too):").AppendLine();
                foreach (var edit in community.KeptEdits)
                    md.AppendLine($"- {MarkdownText.Inline(KeptSentence(community, edit))}");
                md.AppendLine();
            }

            foreach (var note in community.Steps.Select(s => s.Note).OfType<string>())
                md.AppendLine($"> {MarkdownText.Inline(note)}").AppendLine();
            if (community.Steps.Count == 0)
                continue;
            md.AppendLine("| Service | Action | Target | Link |").AppendLine("| --- | --- | --- | --- |");
            foreach (var step in community.Steps)
            {
                md.AppendLine($"| {step.Service} | {PlanRenderer.Verb(step.Kind)}{(step.Found ? " (already there)" : "")} | {MarkdownText.Cell(step.Target)} | {MarkdownText.Url(step.Link, emptyAsMark: true)} |");
            }

            md.AppendLine();
        }

        return md.ToString();
    }

    /// <summary>The hidden marker of the outcome comment on the merged pull request, found again by later runs.</summary>
    public const string OutcomeMarker = "<!-- onboarding:apply -->";

    /// <summary>The context of the commit status apply sets on the commit it applied.</summary>
    public const string StatusContext = "onboarding/apply";

    /// <summary>GitHub's limit on a commit status's description.</summary>
    public const int MaxStatusDescription = 140;

    /// <summary>GitHub refuses comments over 65,536 characters.</summary>
    private const int MaxComment = 65_536;

    /// <summary>
    /// The comment on the merged pull request: per community what was done (with links to the issues, the HubSpot
    /// record and the tickets), held or failed (naming the BD owner), and the run.
    /// </summary>
    public static string PullRequestComment(ApplyReport report, string? runUrl)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder(OutcomeMarker).Append('\n');
        md.AppendLine($"## Onboarding apply: {MarkdownText.Inline(Summary(report))}").AppendLine();
        foreach (var community in report.Communities)
        {
            var line = new StringBuilder($"- {Mark(community.Outcome)} **{MarkdownText.Inline(community.Name)}**: ");
            line.Append(community.Outcome switch
            {
                CommunityOutcome.Applied => MarkdownText.Inline(Outcome(community)),
                CommunityOutcome.Failed => $"failed: {MarkdownText.Inline(community.Error ?? "")}",
                _ => MarkdownText.Inline(Outcome(community)),
            });
            var links = community.Steps.Where(IsWorthALink).Select(s => s.Link!).Distinct(StringComparer.Ordinal).Select(link => (link, community.Steps.First(s => s.Link == link))).ToList();
            if (links.Count > 0)
                line.Append(" (").Append(string.Join(", ", links.Select(l => $"[{MarkdownText.Inline(LinkWords(l.Item2))}]({l.link})"))).Append(')');
            // A login checked by the schema, written as a mention so the BD owner hears of a held or failed apply.
            if (community.BdOwner is { } owner)
                line.Append($". BD owner: @{owner}");
            md.AppendLine(line.ToString());
            foreach (var note in community.Steps.Select(s => s.Note).OfType<string>())
                md.AppendLine($"  - {MarkdownText.Inline(note)}");
        }

        md.AppendLine();
        foreach (var note in report.Notes.Where(n => n.StartsWith("Refused:", StringComparison.Ordinal)))
            md.AppendLine($"> {MarkdownText.Inline(note)}").AppendLine();
        md.AppendLine(runUrl is null ? "_The run's summary has the full report._" : $"[The apply run]({runUrl}) has the full report.");
        var text = md.ToString();
        if (text.Length <= MaxComment)
            return text;
        var pointer = "\n_The report is longer than a comment may be; the run's summary has all of it._\n";
        var cut = text.LastIndexOf("\n- ", MaxComment - pointer.Length, StringComparison.Ordinal);
        return text[..Math.Max(cut, OutcomeMarker.Length)] + pointer;
    }

    /// <summary>
    /// The commit status for the applied commit: failure when a community failed or was not attempted, pending while
    /// one is held for approval (it applies once approved), success otherwise; the description is the summary, cut to
    /// GitHub's 140 characters.
    /// </summary>
    public static (string State, string Description) CommitStatus(ApplyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var state = report.Communities.Any(c => c.Outcome is CommunityOutcome.Failed or CommunityOutcome.NotAttempted)
            ? "failure"
            : report.Communities.Any(c => c.Outcome == CommunityOutcome.Held) ? "pending" : "success";
        var summary = Summary(report);
        return (state, summary.Length <= MaxStatusDescription ? summary : summary[..(MaxStatusDescription - 3)] + "...");
    }

    private static string Mark(CommunityOutcome outcome) => outcome switch
    {
        CommunityOutcome.Applied => "✅",
        CommunityOutcome.Held => "⏸️",
        CommunityOutcome.Paused => "⏸️",
        _ => "❌",
    };

    /// <summary>What a reader of the pull request follows: the turnup issues, the community's HubSpot record, the tickets and emails.</summary>
    private static bool IsWorthALink(StepResult step) => step.Link is not null && step switch
    {
        { Service: "github", Kind: StepKind.OpenIssue or StepKind.UpdateIssue } => true,
        { Service: "hubspot", Kind: StepKind.Create or StepKind.Update } => step.Target.StartsWith("community ", StringComparison.Ordinal),
        { Service: "freshdesk", Kind: StepKind.OpenTicket or StepKind.SendEmail or StepKind.AddNote } => true,
        _ => false,
    };

    private static string LinkWords(StepResult step) => step.Service switch
    {
        "hubspot" => "HubSpot record",
        "freshdesk" => step.Kind == StepKind.SendEmail ? "email" : "ticket",
        _ => step.Target,
    };

    public static string Summary(ApplyReport report)
    {
        var failed = report.Communities.Count(c => c.Outcome == CommunityOutcome.Failed);
        var skipped = report.Communities.Count(c => c.Outcome == CommunityOutcome.NotAttempted);
        var held = report.Communities.Count(c => c.Outcome == CommunityOutcome.Held);
        var paused = report.Communities.Count(c => c.Outcome == CommunityOutcome.Paused);
        var changes = report.ChangeCount;
        var summary = report.Communities.Count == 0
            ? "Nothing to apply."
            : changes == 0 && failed == 0 && skipped == 0 && held == 0 && paused == 0 && report.KeptEditCount == 0
                ? $"Nothing left to do: {Count(report.Communities.Count, "community is", "communities are")} up to date."
                : $"Applied {Count(changes, "change", "changes")} in {Count(report.Communities.Count, "community", "communities")}.";
        if (failed > 0)
            summary += $" {Count(failed, "community", "communities")} failed.";
        if (skipped > 0)
            summary += $" {Count(skipped, "community was", "communities were")} not attempted.";
        if (paused > 0)
            summary += $" {Count(paused, "community was", "communities were")} skipped because paused.";
        if (held > 0)
            summary += $" {Count(held, "community was", "communities were")} held back for approval.";
        if (report.KeptEditCount > 0)
            summary += $" {Count(report.KeptEditCount, "value changed by hand was", "values changed by hand were")} left alone.";
        return summary;
    }

    /// <summary>One hand edit the run left alone, and how to settle it.</summary>
    public static string KeptSentence(CommunityResult community, KeptEdit edit) =>
        $"{edit.Service}'s {edit.ServiceField} of {(edit.Contact is { } email ? $"contact {email}" : community.Name)} was changed by hand to {Shown(edit.InService)}; the manifest says {Shown(edit.InManifest)}. " +
        $"Left as it is: change {community.ManifestPath} to match, put the manifest's value back in {edit.Service}, or list {edit.Field} under heal in onboarding.yaml.";

    /// <summary>A value quoted on one short line, as drift quotes it.</summary>
    private static string Shown(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "empty";
        var line = value.ReplaceLineEndings(" ").Trim();
        return $"\"{(line.Length > 80 ? line[..79] + "…" : line)}\"";
    }

    private static string Outcome(CommunityResult community) => community.Outcome switch
    {
        CommunityOutcome.Applied when community.Steps.Count == 0 => "up to date",
        CommunityOutcome.Applied => $"{Count(community.Steps.Count(s => !s.Found), "change", "changes")} made",
        CommunityOutcome.Failed => "FAILED",
        CommunityOutcome.Paused => $"skipped, {community.Error}",
        _ => community.Error ?? "not attempted",
    };

    private static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";
}

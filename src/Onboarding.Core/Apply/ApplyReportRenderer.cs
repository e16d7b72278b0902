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
        $"{edit.Service}'s {edit.ServiceField} of {community.Name} was changed by hand to {Shown(edit.InService)}; the manifest says {Shown(edit.InManifest)}. " +
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

using System.Text;
using Onboarding.Core.Text;
using Onboarding.Core.Turnup;

namespace Onboarding.Core.Planning;

/// <summary>The plan in words, for a terminal and for a pull request. Deterministic: no clock, no machine paths.</summary>
public static class PlanRenderer
{
    public static string Text(Plan plan)
    {
        var text = new StringBuilder();
        foreach (var note in plan.Notes)
            text.AppendLine(note);
        if (plan.Notes.Count > 0)
            text.AppendLine();
        if (plan.Guard?.Message is { } guard)
            text.AppendLine($"Needs approval: {guard}").AppendLine();
        if (plan.Communities.Count == 0)
            text.AppendLine("No community manifest changed: nothing to do.");

        foreach (var community in plan.Communities)
        {
            if (community.Paused is { } paused)
            {
                text.AppendLine($"{community.Name} ({community.ManifestPath}): {PausedWords(paused)}").AppendLine();
                continue;
            }

            text.AppendLine($"{community.Name} ({community.ManifestPath}){(community.IsRenewal ? ", renewal" : "")}: {Changes(community.Steps.Count)}");
            if (community.OwnerMentions() is { } owners)
                text.AppendLine($"  owners: {owners}");
            foreach (var deal in community.Deals)
                text.AppendLine($"  deal {deal.Id}: {DealWords(deal)}");
            foreach (var blocker in community.Blockers)
                text.AppendLine($"  {(blocker.Gate ? "BLOCKED" : "missing")}: {blocker.Field}: {blocker.Question}");
            foreach (var assumption in community.Assumptions)
                text.AppendLine($"  assumed: {assumption.Field} = {assumption.Value} ({assumption.Why})");
            foreach (var note in community.IssueNotes)
                text.AppendLine($"  issue: {note}");
            foreach (var step in community.Steps)
            {
                text.AppendLine($"  {Symbol(step.Kind)} {step.Service} {Verb(step.Kind)} {step.Target}");
                foreach (var change in step.Changes)
                    text.AppendLine($"      {change.Field}: {Short(change.Before) ?? "(none)"} -> {Short(change.After) ?? "(none)"}");
                foreach (var line in (step.Diff ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    text.AppendLine($"        {line}");
                foreach (var row in CommunityPlan.UnansweredIn(step))
                    text.AppendLine($"      unanswered: {row.Question}{(row.Hub is null ? "" : $" (hub {row.Hub})")}{(row.Reason is null ? "" : $": {row.Reason}")}");
            }

            text.AppendLine();
        }

        text.AppendLine($"Plan: {Changes(plan.StepCount)} in {Count(plan.Communities.Count, "community", "communities")}.");
        // Quoted text (issue bodies, templates, services' words) must not become a command to the Actions runner.
        return LogText.Inert(text.ToString());
    }

    /// <summary>
    /// Markdown for the step summary and the pull-request comment; one <c>&lt;details&gt;</c> block per community, after
    /// the hidden record of what matters in each (<see cref="PlanFingerprint"/>), which a long plan's cut never reaches.
    /// </summary>
    public static string Markdown(Plan plan)
    {
        var md = new StringBuilder();
        md.AppendLine("## Onboarding plan").AppendLine();
        // Hidden: what matters in each community's plan, which apply compares with what it is about to do.
        md.AppendLine(PlanFingerprint.Record(plan)).AppendLine();
        foreach (var note in plan.Notes)
            md.AppendLine($"> {MarkdownText.Inline(note)}");
        if (plan.Notes.Count > 0)
            md.AppendLine();
        if (plan.Guard?.Message is { } guard)
            md.AppendLine("> [!WARNING]").AppendLine($"> **Needs approval.** {MarkdownText.Inline(guard)}").AppendLine();
        md.AppendLine($"**{Changes(plan.StepCount)}** in {Count(plan.Communities.Count, "community", "communities")}.").AppendLine();
        foreach (var community in plan.Communities)
            md.Append(CommunityMarkdown(community));
        return md.ToString();
    }

    public static string CommunityMarkdown(CommunityPlan community)
    {
        var md = new StringBuilder();
        if (community.Paused is { } paused)
            return $"**{MarkdownText.Inline(community.Name)}** ({MarkdownText.Inline(community.LongName)}): {MarkdownText.Inline(PausedWords(paused))}\n\n";
        md.AppendLine("<details>");
        md.AppendLine($"<summary><b>{MarkdownText.Inline(community.Name)}</b> ({MarkdownText.Inline(community.LongName)}){(community.IsRenewal ? ", renewal" : "")}: {Changes(community.Steps.Count)}</summary>").AppendLine();
        md.AppendLine($"Manifest: `{community.ManifestPath}`").AppendLine();
        // The one place the plan mentions people: the logins are checked by the schema, so they are written as mentions.
        md.AppendLine(community.OwnerMentions() is { } owners ? $"Owners: {owners}, please check this plan." : "Owners: none named (add `owners:` to the manifest).").AppendLine();

        if (community.Deals.Count > 0)
        {
            md.AppendLine("| Deal | Stage |").AppendLine("| --- | --- |");
            foreach (var deal in community.Deals)
                md.AppendLine($"| {MarkdownText.Cell(deal.Id)} | {MarkdownText.Cell(DealWords(deal))} |");
            md.AppendLine();
        }

        if (community.Blockers.Count > 0)
        {
            md.AppendLine("**Blocked or missing**").AppendLine();
            foreach (var blocker in community.Blockers)
                md.AppendLine($"- {(blocker.Gate ? "**Blocks turnup**: " : "")}`{blocker.Field}`: {MarkdownText.Inline(blocker.Question)}");
            md.AppendLine();
        }

        if (community.Assumptions.Count > 0)
        {
            md.AppendLine("**Assumed defaults** (can change after deployment)").AppendLine();
            md.AppendLine("| Field | Assumed | Why |").AppendLine("| --- | --- | --- |");
            foreach (var assumption in community.Assumptions)
                md.AppendLine($"| `{assumption.Field}` | {MarkdownText.Cell(assumption.Value)} | {MarkdownText.Cell(assumption.Why)} |");
            md.AppendLine();
        }

        if (community.IssueNotes.Count > 0)
        {
            md.AppendLine("**Issues**").AppendLine();
            foreach (var note in community.IssueNotes)
                md.AppendLine($"- {MarkdownText.Inline(note)}");
            md.AppendLine();
        }

        if (community.Unanswered.Count > 0)
        {
            md.AppendLine("**Left unanswered in the issues** (as the template has them)").AppendLine();
            md.AppendLine("| Issue | Hub | Question |").AppendLine("| --- | --- | --- |");
            foreach (var row in community.Unanswered)
                md.AppendLine($"| {MarkdownText.Cell(row.Issue)} | {MarkdownText.Cell(row.Hub)} | {MarkdownText.Cell(row.Question + (row.Reason is null ? "" : $": {row.Reason}"))} |");
            md.AppendLine();
        }

        if (community.Steps.Count > 0)
        {
            md.AppendLine("| # | Service | Action | Target | Change |").AppendLine("| ---: | --- | --- | --- | --- |");
            var n = 0;
            foreach (var step in community.Steps)
            {
                var changes = string.Join("; ", step.Changes.Select(c => $"{c.Field}: {Short(c.Before) ?? "—"} → {Short(c.After) ?? "—"}"));
                md.AppendLine($"| {++n} | {step.Service} | {Verb(step.Kind)} | {MarkdownText.Cell(step.Target)} | {MarkdownText.Cell(changes)} |");
            }

            md.AppendLine();
            // A new issue is shown whole; a changed one by the lines that change.
            foreach (var step in community.Steps.Where(s => s.Kind is StepKind.OpenIssue or StepKind.UpdateIssue && s.Body is not null))
            {
                if (step.Kind == StepKind.UpdateIssue && step.Diff is null)
                    continue;
                md.AppendLine($"<details><summary>{Verb(step.Kind)}: {MarkdownText.Inline(step.Title)}</summary>").AppendLine();
                md.AppendLine(step.Diff is { } diff ? Fenced(diff, "diff") : Fenced(step.Body!, "markdown")).AppendLine();
                md.AppendLine("</details>").AppendLine();
            }
        }
        else
        {
            md.AppendLine("Nothing to change.").AppendLine();
        }

        md.AppendLine("</details>").AppendLine();
        return md.ToString();
    }

    /// <summary>What plan and apply say of a paused community.</summary>
    public static string PausedWords(string reason) => $"paused ({reason}): skipped, nothing is read or changed for it until 'paused' is removed from the manifest";

    private static string DealWords(DealFact deal) => deal switch
    {
        { StageLabel: null, Exists: true } => "stage not checked (no live check)",
        { Exists: false } => "not found in HubSpot",
        { InAllowedStage: true } => $"{deal.StageLabel} (allowed)",
        _ => $"{deal.StageLabel} (not an allowed stage)",
    };

    /// <summary>A fenced block whose fence is longer than any backtick run inside, so the content cannot close it.</summary>
    private static string Fenced(string content, string language)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in content)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', Math.Max(3, longest + 1));
        return $"{fence}{language}\n{content.TrimEnd('\n')}\n{fence}";
    }

    private static string? Short(string? value)
    {
        if (value is null)
            return null;
        var line = value.ReplaceLineEndings(" ").Trim();
        return line.Length <= 80 ? line : line[..77] + "...";
    }

    private static string Changes(int n) => Count(n, "change", "changes");

    private static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";

    public static string Symbol(StepKind kind) => kind switch
    {
        StepKind.Create or StepKind.OpenIssue or StepKind.OpenTicket or StepKind.SendEmail or StepKind.AddNote or StepKind.Schedule => "+",
        StepKind.Associate => "+",
        StepKind.Dissociate => "-",
        _ => "~",
    };

    public static string Verb(StepKind kind) => kind switch
    {
        StepKind.Create => "create",
        StepKind.Update => "update",
        StepKind.Associate => "associate",
        StepKind.Dissociate => "remove association",
        StepKind.OpenIssue => "open issue",
        StepKind.UpdateIssue => "update issue",
        StepKind.SendEmail => "send email",
        StepKind.OpenTicket => "open ticket",
        StepKind.AddNote => "add note",
        StepKind.Schedule => "put on board",
        _ => kind.ToString(),
    };
}

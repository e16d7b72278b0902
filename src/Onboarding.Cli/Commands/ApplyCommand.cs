using System.Text.Json;
using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Apply;
using Onboarding.Core.Configuration;
using Onboarding.Core.Planning;
using Onboarding.Core.Services;
using Onboarding.Core.Services.GitHub;
using Onboarding.Core.Turnup;
using Onboarding.Core.Validation;
using Onboarding.Services;
using Onboarding.Services.Planning;

namespace Onboarding.Cli.Commands;

/// <summary><c>onboarding apply</c>: reconcile the services with the manifests a merge changed, once each.</summary>
internal static class ApplyCommand
{
    /// <param name="EventPath">The GitHub Actions event file; null reads $GITHUB_EVENT_PATH.</param>
    /// <param name="All">Every manifest, whatever the event changed.</param>
    /// <param name="Reset">With <paramref name="Sandbox"/>: start the sandbox from its seed.</param>
    public sealed record Options(string? EventPath, bool All, bool Sandbox, bool Reset, bool AllowLargeChange, OutputFormat Output, string? ConfigPath)
    {
        /// <summary>With <c>Sandbox</c>: the file every request the emulators receive is written to (<c>--journal</c>).</summary>
        public string? Journal { get; init; }

        /// <summary>With <c>Sandbox</c>: the folder of issue templates put into the sandbox's repository (<c>--turnup-templates</c>).</summary>
        public string? TurnupTemplates { get; init; }

        /// <summary>With <c>Sandbox</c>: a sandbox that starts afresh starts without setup (<c>--blank</c>).</summary>
        public bool Blank { get; init; }
    }

    public static async Task<int> RunAsync(CliContext context, Options options, CancellationToken cancellationToken)
    {
        // The kill switch goes first: during an incident nothing, not even a read, reaches a service.
        if (KillSwitch.Stops(context, "apply", "nothing was applied"))
            return ExitCodes.Failure;

        string? usage = null;
        var trigger = options.All ? ApplyTrigger.All : ReadTrigger(context, options.EventPath, out usage);
        if (trigger is null)
        {
            context.Error.WriteLine($"onboarding apply: {usage}");
            return ExitCodes.Usage;
        }

        if (trigger.Unreadable)
        {
            context.Error.WriteLine($"onboarding apply: {options.EventPath ?? context.Environment.Get("GITHUB_EVENT_PATH")}: {trigger.Ignored}; nothing was applied.");
            return ExitCodes.Usage;
        }

        if (trigger.Ignored is not null)
        {
            context.Out.WriteLine($"Nothing to apply: {trigger.Ignored}.");
            return ExitCodes.Success;
        }

        var (prepared, exit) = Preamble.Run(context, "apply", options.ConfigPath, "Nothing was applied while {0} is invalid.");
        if (prepared is null)
            return exit;
        var (config, settings, validation, actions) = prepared;
        if (!ServiceSession.SecretsReady(context, "apply", options.Sandbox))
            return ExitCodes.Failure;

        var notes = new List<string> { $"Applying {trigger.Description}." };
        if (config.DefaultsNote is { } defaults)
            notes.Add(defaults);
        var inputs = await InputsAsync(context, trigger, validation, notes, cancellationToken);
        if (trigger.From is null && Budget.Fit(context, RunKind.Apply, "apply --all", settings, inputs, i => i.Head.Community.Name, options.Output) is { } fitting)
        {
            notes.Add(fitting.Sentence);
            inputs = fitting.Chosen;
        }

        inputs = await WithChangeTimesAsync(context, trigger, options.ConfigPath ?? SettingsReader.DefaultPath, inputs, cancellationToken);
        if (!TurnupTemplates.TryFolder(context, "apply", options.TurnupTemplates, out var templateFolder))
            return ExitCodes.Usage;
        await using var session = await ServiceSession.OpenAsync(
            context, options.Sandbox, settings, cancellationToken, resetSandbox: options.Reset, journal: options.Journal, turnupTemplates: templateFolder, blank: options.Blank);
        var connections = session.Connections!;
        var templates = await TurnupTemplates.LoadAsync(context, settings, connections.InfrastructureFiles, cancellationToken);
        notes.Add(templates.Templates.Source);
        // The sandbox's repository is not the organisation's: only the real one's templates are worth keeping.
        if (templates.Origin == TurnupTemplateOrigin.Repository && !session.IsSandbox)
            notes.Add(TurnupTemplates.RefreshCopy(context, settings.Turnup.Templates, templates));

        notes.Insert(0, session.IsSandbox
            ? "Applied to the built-in sandbox (local emulators of HubSpot, Freshdesk and GitHub)."
            : "Applied to HubSpot, Freshdesk and the infrastructure repository.");
        var runner = new ApplyRunner(
            connections.CreateReader(wholeRepository: trigger.From is null, bulk: ObservedStateReader.ReadsInBulk(trigger.From is null, inputs.Count)),
            new PlanExecutor(connections.HubSpot, connections.Freshdesk, connections.InfrastructureIssues, settings, connections.Projects),
            settings,
            templates.Templates,
            context.Today);
        // The pull request merged as the commit, read once (with the workflow's GITHUB_TOKEN) for its label, its plan
        // comment and the outcome; --all has none.
        using var pull = options.All ? null : MergedPull.Open(context, trigger);
        var guard = new ApplyGuard(validation.Documents.Count, options.AllowLargeChange, options.All ? null : ApprovalLookup(pull))
        {
            FindReviewedPlan = options.All ? null : ReviewedPlanLookup(pull),
        };
        var report = await runner.RunAsync(inputs, notes, guard, cancellationToken);
        new StepOutputs(context).Set(StepOutputs.Changes, report.ChangeCount);
        if (report.Communities.Any(c => c.Outcome == CommunityOutcome.Held))
        {
            var refusal = report.Notes.Last(n => n.StartsWith("Refused:", StringComparison.Ordinal));
            context.Error.WriteLine($"onboarding apply: {refusal}");
            if (actions.IsActive)
                context.Out.WriteLine($"::error title=Apply refused a large or destructive change::{GitHubActions.Data(refusal)}");
        }

        if (report.KeptEditCount > 0 && actions.IsActive)
        {
            context.Out.WriteLine($"::warning title=Values changed by hand were left alone::{GitHubActions.Data(
                $"{report.KeptEditCount} value(s) changed by hand in HubSpot or Freshdesk differ from the manifests and were left as they are; the step summary and the drift issue list them.")}");
        }

        if (options.Output == OutputFormat.Json)
            context.Out.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
        else
            context.Out.Write(ApplyReportRenderer.Text(report));
        if (actions.IsActive)
        {
            actions.AppendSummary(ApplyReportRenderer.Markdown(report));
            await ApplyOutcome.PublishAsync(context, pull, report, cancellationToken);
        }

        return report.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static ApplyTrigger? ReadTrigger(CliContext context, string? eventPath, out string? usage)
    {
        usage = null;
        eventPath ??= context.Environment.Get("GITHUB_EVENT_PATH");
        if (string.IsNullOrEmpty(eventPath))
        {
            usage = "say what to apply: --event PATH (a GitHub push or pull_request event), or --all for every manifest.";
            return null;
        }

        if (!context.Files.FileExists(eventPath))
        {
            usage = $"{eventPath}: no such event file.";
            return null;
        }

        var (bytes, _) = context.Files.ReadHead(eventPath, 16 * 1024 * 1024);
        return ApplyTrigger.FromEvent(context.Environment.Get("GITHUB_EVENT_NAME") is { Length: > 0 } name ? name : null, bytes);
    }

    /// <summary>
    /// The manifests changed in the trigger's range (every manifest when it has no start), each with its version before
    /// the change so the guard sees hubs and deals that were dropped.
    /// </summary>
    private static async Task<IReadOnlyList<PlanInput>> InputsAsync(
        CliContext context, ApplyTrigger trigger, ValidationResult validation, List<string> notes, CancellationToken cancellationToken)
    {
        var changed = trigger.From is null
            ? ManifestSources.Every(validation)
            : await ManifestSources.ChangedAsync(context, trigger.From, trigger.To!, validation, cancellationToken);
        notes.AddRange(changed.RemovalNotes);
        return changed.Inputs;
    }

    /// <summary>
    /// When each manifest and the configuration last changed in git, as of the commit before the push (what a field
    /// the push did not change was last set by), or of the commit applied for a reconcile of every manifest. Apply
    /// tells a hand edit in a service from a manifest change not applied yet by these times (<see cref="HandEdits"/>).
    /// </summary>
    private static async Task<IReadOnlyList<PlanInput>> WithChangeTimesAsync(
        CliContext context, ApplyTrigger trigger, string configPath, IReadOnlyList<PlanInput> inputs, CancellationToken cancellationToken)
    {
        var commit = trigger.From ?? trigger.To ?? "HEAD";
        try
        {
            var times = await context.Git.LastChangedAsync(commit, [configPath, .. inputs.Select(i => i.Head.Path)], cancellationToken);
            DateTimeOffset? At(string path) => times.TryGetValue(path, out var at) ? at : null;
            return [.. inputs.Select(input => input with { Times = new ChangeTimes(At(input.Head.Path), At(configPath)) })];
        }
        catch (GitException)
        {
            // Without git the times are unknown: HandEdits then keeps every HubSpot edit it cannot place.
            return inputs;
        }
    }

    /// <summary>
    /// Looks for the approval label on the pull request merged as the pushed commit, in this repository
    /// (GITHUB_REPOSITORY, with the workflow's GITHUB_TOKEN), and checks who added it (<see cref="LabelApproval"/>).
    /// Asked only when a change needs approval.
    /// </summary>
    private static Func<CancellationToken, Task<Approval>> ApprovalLookup(MergedPull? pulls) => async cancellationToken =>
    {
        if (pulls is null)
            return new Approval(false, $"the pull request's labels could not be read ({ServiceAccess.GitHubTokenVariable} and GITHUB_REPOSITORY must be set)");
        try
        {
            var pull = await pulls.FindAsync(cancellationToken);
            if (pull is null)
                return new Approval(false, $"no merged pull request of {pulls.Repository} made commit {pulls.ShortCommit}, so no label can approve it");
            // The label counts only when someone who may write added it, and not the pull request's author.
            var client = pulls.Client;
            return await LabelApproval.JudgeAsync(pull, c => client.ListLabelEventsAsync(pull.Number, c), client.GetPermissionAsync, client.GetIssueAuthorAsync, cancellationToken);
        }
        catch (ServiceException e)
        {
            return new Approval(false, $"the labels of the pull request merged as {pulls.ShortCommit}, or who added them, could not be read ({e.Message})");
        }
    };

    /// <summary>
    /// The plan the merged pull request's reviewers saw: the record in its plan comment, found by the marker and
    /// trusted only when the token's own account wrote it and the record is as the plan wrote it. A commit no pull
    /// request made (a direct push), or a run outside a workflow, is not compared; a pull request without a plan comment
    /// of ours (a fork's, or one whose comment was lost) counts as reviewed with nothing that matters.
    /// </summary>
    private static Func<CancellationToken, Task<ReviewedPlan>> ReviewedPlanLookup(MergedPull? pulls) => async cancellationToken =>
    {
        if (pulls is null)
            return ReviewedPlan.NotChecked($"{ServiceAccess.GitHubTokenVariable} and GITHUB_REPOSITORY are not set, so no merged pull request was looked for");
        var source = $"the pull request merged as {pulls.ShortCommit}";
        try
        {
            var pull = await pulls.FindAsync(cancellationToken);
            if (pull is null)
                return ReviewedPlan.NotChecked($"no merged pull request of {pulls.Repository} made commit {pulls.ShortCommit} (a direct push), so there is no reviewed plan");
            source = $"pull request #{pull.Number}";
            var own = await pulls.Client.GetOwnLoginAsync(cancellationToken);
            var marked = (await pulls.Client.ListCommentsAsync(pull.Number, cancellationToken)).Where(c => c.Body.Contains(PullRequestComment.Marker, StringComparison.Ordinal)).ToList();
            if (marked.FirstOrDefault(c => Authorship.IsOwn(c.Author, own)) is not { } comment)
            {
                return ReviewedPlan.Untrusted(source, marked.Count == 0
                    ? "it has no plan comment"
                    : "its plan comment was written by another account than the one onboarding writes with, so it is not trusted");
            }

            var record = PlanFingerprint.Read(comment.Body);
            return record.Communities is { } communities ? ReviewedPlan.Recorded(source, communities) : ReviewedPlan.Untrusted(source, record.Problem!);
        }
        catch (ServiceException e)
        {
            return ReviewedPlan.Untrusted(source, $"its plan comment could not be read: {e.Message}");
        }
    };
}

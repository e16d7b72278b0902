using System.Text.Json;
using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Planning;
using Onboarding.Core.Validation;

namespace Onboarding.Cli.Commands;

/// <summary><c>onboarding plan</c>: what merging would change, read-only.</summary>
internal static class PlanCommand
{
    /// <param name="Base">The git ref whose changed manifests are planned; null plans every manifest.</param>
    public sealed record Options(string? Base, bool Sandbox, OutputFormat Output, string? ConfigPath)
    {
        /// <summary>With <c>Sandbox</c>: the file every request the emulators receive is written to (<c>--journal</c>).</summary>
        public string? Journal { get; init; }

        /// <summary>With <c>Sandbox</c>: the folder of issue templates put into the sandbox's repository (<c>--turnup-templates</c>).</summary>
        public string? TurnupTemplates { get; init; }
    }

    public static async Task<int> RunAsync(CliContext context, Options options, CancellationToken cancellationToken)
    {
        var (prepared, exit) = Preamble.Run(context, "plan", options.ConfigPath, "No plan while {0} is invalid.");
        if (prepared is null)
            return exit;
        var (config, settings, validation, actions) = prepared;

        if (!TurnupTemplates.TryFolder(context, "plan", options.TurnupTemplates, out var templateFolder))
            return ExitCodes.Usage;
        await using var session = await ServiceSession.OpenAsync(context, options.Sandbox, settings, cancellationToken, journal: options.Journal, turnupTemplates: templateFolder);
        var notes = new List<string> { session.Description };
        if (config.DefaultsNote is { } defaults)
            notes.Add(defaults);
        var inputs = await InputsAsync(context, options.Base, session.Connections is not null, validation, notes, cancellationToken);
        var templates = (await TurnupTemplates.LoadAsync(context, settings, session.Connections?.InfrastructureFiles, cancellationToken)).Templates;
        notes.Add(templates.Source);
        var plan = await PlanBuilder.BuildAsync(inputs, session.Connections?.CreateReader(), settings, templates, notes, context.Today, validation.Documents.Count, cancellationToken);
        new StepOutputs(context).Set(StepOutputs.Changes, plan.StepCount);

        if (options.Output == OutputFormat.Json)
            context.Out.WriteLine(JsonSerializer.Serialize(plan, CliJson.Options));
        else
            context.Out.Write(PlanRenderer.Text(plan));

        if (actions.IsActive)
            await PullRequestComment.PublishAsync(context, actions, PlanRenderer.Markdown(plan), cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary>
    /// With a base: the manifests changed since the merge base, each with its base version. Without: every manifest,
    /// as if none had been applied.
    /// </summary>
    private static async Task<IReadOnlyList<PlanInput>> InputsAsync(
        CliContext context, string? baseRef, bool liveCheck, ValidationResult validation, List<string> notes, CancellationToken cancellationToken)
    {
        if (baseRef is null)
        {
            notes.Add("Every manifest in communities/ was planned (no --base given)" + (liveCheck ? "." : ", each as if nothing had been applied yet."));
            return ManifestSources.Every(validation).Inputs;
        }

        var mergeBase = await context.Git.MergeBaseAsync(baseRef, "HEAD", cancellationToken);
        var changed = await ManifestSources.ChangedAsync(context, mergeBase, "HEAD", validation, cancellationToken);
        notes.Add($"Compared with {baseRef} (merge base {mergeBase[..Math.Min(12, mergeBase.Length)]}): {changed.FileCount} manifest file(s) changed" +
            (liveCheck ? "." : "; each is compared with its version there."));
        notes.AddRange(changed.RemovalNotes);
        return changed.Inputs;
    }
}
